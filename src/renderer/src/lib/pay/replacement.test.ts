// Runs in: Vitest (node). Before a speed-up, cancel or retry: the account that must sign, and what
// the user is told will happen to rows and fees.
import { describe, expect, it } from 'vitest'
import type { AccountView } from '../../../../shared/execution'
import { checkReplacementSigner, replacementExplanation, retryExplanation, SIGNER_CHECK } from './replacement'

const SENDER = '0xAbCdEf0000000000000000000000000000000001'
const OTHER = '0x9999999999999999999999999999999999999999'
const accounts: AccountView[] = [
  { scheme: 'ledgerLive', index: 0, path: "44'/60'/0'/0/0", address: OTHER },
  { scheme: 'ledgerLive', index: 2, path: "44'/60'/2'/0/0", address: SENDER }
]

describe('checkReplacementSigner', () => {
  it('accepts the chosen payer when it is the account that sent the transaction, in any letter case', () => {
    expect(checkReplacementSigner(SENDER.toLowerCase(), "44'/60'/2'/0/0", accounts)).toEqual({
      kind: SIGNER_CHECK.ok,
      path: "44'/60'/2'/0/0"
    })
  })

  it('blocks another chosen account and names the account that is needed', () => {
    const check = checkReplacementSigner(SENDER, "44'/60'/0'/0/0", accounts)
    expect(check.kind).toBe(SIGNER_CHECK.mismatch)
    if (check.kind !== SIGNER_CHECK.mismatch) return
    expect(check.needed).toBe(SENDER)
    expect(check.knownPath).toBe("44'/60'/2'/0/0")
    expect(check.message).toContain(SENDER)
    expect(check.message).toContain('Account 3')
  })

  it('blocks another chosen account even when the sender is not among the accounts read', () => {
    const check = checkReplacementSigner(SENDER, "44'/60'/0'/0/0", accounts.slice(0, 1))
    expect(check.kind).toBe(SIGNER_CHECK.mismatch)
    if (check.kind === SIGNER_CHECK.mismatch) expect(check.knownPath).toBeNull()
  })

  it('lets main check an account whose address was not read yet, saying which address is needed', () => {
    const check = checkReplacementSigner(SENDER, "44'/60'/5'/0/0", accounts)
    expect(check.kind).toBe(SIGNER_CHECK.unverified)
    if (check.kind === SIGNER_CHECK.unverified) expect(check.message).toContain(SENDER)
  })
})

describe('replacementExplanation', () => {
  it('a speed-up pays the same rows with the same nonce and higher fees, confirmed on the Ledger', () => {
    const text = replacementExplanation('speed_up', { nonce: 12, rows: 3, purpose: 'payment' }, 'ETH').join(' ')
    expect(text).toContain('same nonce (12)')
    expect(text).toContain('the 3 rows it pays')
    expect(text).toContain('nothing is paid twice')
    expect(text).toContain('Ledger')
  })

  it('a cancel sends 0 to the payer itself and leaves the rows unpaid if it is mined first', () => {
    const text = replacementExplanation('cancel', { nonce: 4, rows: 1, purpose: 'payment' }, 'POL').join(' ')
    expect(text).toContain('0 POL from the payer to itself')
    expect(text).toContain('the 1 row it pays is not paid')
    expect(text).toContain('network fee in POL is spent')
  })

  it('cancelling an allowance says the batch that needs it is not paid', () => {
    expect(replacementExplanation('cancel', { nonce: 4, rows: 0, purpose: 'approve' }, 'ETH').join(' ')).toContain(
      'allowance is not given'
    )
  })
})

describe('retryExplanation', () => {
  it('says how many failed rows go again and that paid rows are never paid again', () => {
    const text = retryExplanation({ failed: 2, paid: 18 }).join(' ')
    expect(text).toContain('The 2 failed rows are queued')
    expect(text).toContain('The 18 rows that were paid are never paid again')
  })

  it('says paid rows are never paid again even when none was paid yet', () => {
    const text = retryExplanation({ failed: 1, paid: 0 }).join(' ')
    expect(text).toContain('The 1 failed row is queued')
    expect(text).toContain('never paid again')
  })
})
