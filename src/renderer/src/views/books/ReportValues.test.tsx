// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The report's values at payment against a stand-in bridge: amounts
// written as the rest of the report writes them, dates to the second under a UTC heading, and the
// number cells kept on one line beside a long rate description.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { LedgerValueView, PayoutAccountingView } from '../../../../shared/accounting'
import { installBridge, mountPoint, type Mounted } from '../../testing/mount'
import { ReportValues } from './ReportValues'

let m: Mounted
beforeEach(() => {
  m = mountPoint()
})
afterEach(() => m.unmount())

const entry = (patch: Partial<LedgerValueView>): LedgerValueView => ({
  kind: 'payment',
  row: 1,
  txHash: `0x${'ab'.repeat(32)}`,
  dateUtc: '2026-12-07T14:52:37Z',
  assetSymbol: 'TUSD',
  amount: '125',
  value: '124.98',
  rate: '0.99984',
  rateDescription: 'Chainlink TUSD / USD feed 0x261D8c5e9742e6f7f1076Fa1F560894524e19cad, round 18446744073709551618',
  rateIssues: [],
  missing: null,
  ...patch
})

function view(entries: readonly LedgerValueView[]): PayoutAccountingView {
  return {
    payoutId: 'PO-1',
    currency: 'USD',
    captured: true,
    entryCount: entries.length,
    entries,
    paymentsValue: '9123.20',
    feesValue: '2.24',
    valuedEntries: entries.length,
    missingRates: [],
    warnings: [],
    reconciliation: null
  }
}

async function show(entries: readonly LedgerValueView[], paymentDecimals: number): Promise<HTMLElement[]> {
  installBridge({ getPayoutAccounting: async () => ({ ok: true, value: view(entries) }) })
  await m.render(<ReportValues id="PO-1" paymentDecimals={paymentDecimals} />)
  return [...(m.byTestId('report-values')?.querySelectorAll<HTMLElement>('[data-testid="report-value-row"]') ?? [])]
}

const cells = (row: HTMLElement | undefined): string[] =>
  [...(row?.querySelectorAll('td') ?? [])].map((td) => td.textContent ?? '')

describe('report values at payment', () => {
  it('writes payments with the decimals amounts have elsewhere, fees in full, and dates to the second', async () => {
    const rows = await show(
      [
        entry({ kind: 'fee', row: null, assetSymbol: 'ETH', amount: '0.000053489556873351', value: '0.16' }),
        entry({ amount: '162.5', value: '1624.7' })
      ],
      6
    )
    expect(cells(rows[0]).slice(0, 4)).toEqual([
      'Network fee',
      '2026-12-07 14:52:37',
      '0.000053489556873351 ETH',
      '0.16'
    ])
    expect(cells(rows[1]).slice(0, 4)).toEqual(['Row 1', '2026-12-07 14:52:37', '162.50 TUSD', '1,624.7'])
    expect(m.byTestId('report-payments-value')?.textContent).toBe('9,123.20')
  })

  it('does not pad an asset without decimals, and keeps every number on one line', async () => {
    const [row] = await show([entry({ amount: '1250', assetSymbol: 'PTS' })], 0)
    expect(cells(row)[2]).toBe('1,250 PTS')
    const kept = [...(row?.querySelectorAll('td') ?? [])].slice(0, 4).map((td) => td.classList.contains('nowrap'))
    expect(kept).toEqual([true, true, true, true])
  })
})
