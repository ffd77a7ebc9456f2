// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The options for paying a payout from a Safe say, in words, how many
// Safe transactions each takes, how many owners sign each and why: one Safe transaction per row
// where the network has no MultiSendCallOnly, a split where the payout is too large for one, and
// why an option cannot be offered.
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PayoutDetail } from '../../../../../shared/api'
import type { SafeAccountView, SafePlanOptionView, SafeQuoteView } from '../../../../../shared/safe'
import { installBridge, mountPoint, type Mounted } from '../../../testing/mount'
import { SafePlanStep } from './SafePlanStep'

const SAFE = '0x' + 'ab'.repeat(20)
const OWNERS = ['11', '22', '33'].map((b) => ({ address: '0x' + b.repeat(20), name: null }))
const NO_MULTISEND = 'No verified MultiSendCallOnly is available on this network.'

const safeAccount = {
  id: `1:${SAFE}`,
  chainId: 1,
  networkName: 'Ethereum',
  address: SAFE,
  version: '1.4.1',
  l2: false,
  owners: OWNERS,
  threshold: 2,
  nonce: '7',
  flags: [],
  balances: [],
  addedAt: '2026-12-06T10:00:00Z',
  readError: null
} satisfies SafeAccountView

const available = (patch: Partial<Extract<SafePlanOptionView, { available: true }>>): SafePlanOptionView => ({
  route: 'transfers',
  available: true,
  transactions: 1,
  signaturesNeeded: 2,
  confirmationsPerOwner: 1,
  gas: '90000',
  estimatedFeeBaseUnits: '1000',
  maximumFeeBaseUnits: '2000',
  withoutMultiSend: null,
  ...patch
})

function quote(options: readonly SafePlanOptionView[]): SafeQuoteView {
  return {
    payoutId: 'PO-1',
    safeId: `1:${SAFE}`,
    safe: SAFE,
    threshold: 2,
    owners: OWNERS,
    options,
    proposed: options.find((o) => o.available)?.route ?? null,
    assetSymbol: 'USDC',
    decimals: 6,
    safeBalanceBaseUnits: '100000000',
    missingBaseUnits: '0'
  }
}

const payout = (rows: number): PayoutDetail => ({ id: 'PO-1', chainId: 1, recipientCount: rows }) as PayoutDetail

let m: Mounted
beforeEach(() => {
  m = mountPoint()
})
afterEach(() => m.unmount())

async function review(rows: number, options: readonly SafePlanOptionView[]): Promise<string[]> {
  installBridge({
    listSafeAccounts: async () => ({ ok: true, value: [safeAccount] }),
    quoteSafePayout: async () => ({ ok: true, value: quote(options) })
  })
  await m.render(<SafePlanStep payout={payout(rows)} replanNeeded={null} onPlanned={() => undefined} />)
  await act(async () => m.byTestId('safe-review')?.click())
  return [...m.container.querySelectorAll('[data-testid="safe-option-explanation"]')].map((e) => e.textContent ?? '')
}

describe('the Safe plan options', () => {
  it('say that without MultiSendCallOnly each row is its own Safe transaction, signed by the owners each time', async () => {
    const [text] = await review(3, [
      available({ transactions: 3, signaturesNeeded: 6, confirmationsPerOwner: 3, withoutMultiSend: NO_MULTISEND })
    ])
    expect(m.byTestId('safe-plan-table')?.textContent).toContain('one Safe transaction per recipient')
    expect(text).toContain(NO_MULTISEND)
    expect(text).toContain('one Safe transaction pays one recipient: 3 Safe transactions for 3 rows')
    expect(text).toContain('2 of the 3 owners')
    expect(text).toContain('every signing owner signs 3 times (6 signatures in all)')
    expect(text).toContain('each is executed and pays its own network fee')
  })

  it('say why a large payout takes several Safe transactions, and that one bundled transaction is signed once', async () => {
    const [split] = await review(600, [available({ transactions: 2, signaturesNeeded: 4, confirmationsPerOwner: 2 })])
    expect(split).toContain('Too many rows for one network transaction')
    expect(split).toContain('split into 2 Safe transactions')
    expect(split).toContain('every signing owner signs 2 times (4 signatures in all)')
    await m.unmount()
    m = mountPoint()
    const [one] = await review(50, [available({})])
    expect(m.byTestId('safe-plan-table')?.textContent).toContain('bundled (MultiSendCallOnly)')
    expect(one).toBe(
      'One Safe transaction pays all 50 rows: 2 of the 3 owners sign it once on their Ledgers, then anyone executes it.'
    )
  })

  it('give the reason an option cannot be used, such as more rows than owners can sign one by one', async () => {
    const reason = `${NO_MULTISEND} Without it a Safe transaction pays one recipient, so these 20 rows would be 20 Safe transactions.`
    const texts = await review(20, [
      { route: 'transfers', available: false, code: 'safe_multisend_unavailable', reason },
      available({ route: 'batch_contract' })
    ])
    expect(texts).toEqual([reason, expect.stringContaining('One Safe transaction pays all 20 rows')])
    const radios = m.container.querySelectorAll<HTMLInputElement>('input[type="radio"]')
    expect([...radios].map((r) => r.disabled)).toEqual([true, false])
  })
})
