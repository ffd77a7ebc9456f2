import { describe, expect, it } from 'vitest'
import { checkRecipient, checkRecipients } from './recipients'

const USDC = { decimals: 6, symbol: 'USDC', tokenAddress: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' }
const ALICE = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const BOB = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'
const codes = (r: { issues: Array<{ code: string }> }) => r.issues.map((i) => i.code)

describe('recipient rows', () => {
  it('turns a valid row into a checksummed address and base units', () => {
    expect(checkRecipient({ address: ALICE.toLowerCase(), amount: '10.5' }, USDC)).toEqual({
      address: ALICE,
      amount: 10_500_000n,
      issues: [expect.objectContaining({ code: 'address_no_checksum', severity: 'warning' })]
    })
  })

  it('refuses paying the token contract or the payer itself', () => {
    expect(codes(checkRecipient({ address: USDC.tokenAddress, amount: '1' }, USDC))).toEqual(['address_is_token_contract'])
    expect(codes(checkRecipient({ address: BOB, amount: '1' }, USDC, { payerAddress: BOB }))).toEqual(['address_is_payer'])
  })

  it('reports address and amount problems together, keeping what was typed', () => {
    const r = checkRecipient({ address: '0x123', amount: '1.0000001' }, USDC)
    expect(r.address).toBeNull()
    expect(r.amount).toBeNull()
    expect(codes(r)).toEqual(['address_bad_length', 'amount_too_many_decimals'])
  })

  it('marks a duplicated reference as an error on both rows, naming the other row', () => {
    const rows = checkRecipients(
      [
        { address: ALICE, amount: '1', reference: 'INV-1' },
        { address: BOB, amount: '2', reference: 'INV-2' },
        { address: BOB, amount: '3', reference: 'INV-1' }
      ],
      USDC,
      {},
      (i) => i + 2
    )
    expect(rows[0]!.issues.find((i) => i.code === 'reference_duplicate')?.message).toContain('row 4')
    expect(rows[2]!.issues.find((i) => i.code === 'reference_duplicate')?.message).toContain('row 2')
    expect(codes(rows[1]!)).toEqual(['address_duplicate'])
    expect(rows[1]!.issues[0]!.message).toContain('row 4')
    expect(codes(rows[2]!)).toContain('address_duplicate')
  })
})
