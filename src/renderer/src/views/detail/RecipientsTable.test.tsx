// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The payout detail's recipients table shows the category and cost
// center columns only when a row shown has one, each row's own label in its row, and its issues
// without the row number.
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PayoutDetail, PayoutItem } from '../../../../shared/api'
import type { PaidRowsCheckView } from '../../../../shared/approvals'
import { RecipientsTable } from './RecipientsTable'

function item(row: number, labels: Pick<PayoutItem, 'category' | 'costCenter'>): PayoutItem {
  return {
    row,
    address: `0x${String(row).padStart(40, '0')}`,
    amount: '1',
    amountBaseUnits: '1000000',
    name: `Person ${row}`,
    reference: '',
    note: '',
    ...labels,
    status: 'draft',
    issues: [],
    txHash: null,
    failure: null
  }
}

function payout(items: PayoutItem[]): PayoutDetail {
  return {
    id: 'PO-1',
    kind: 'mass',
    status: 'draft',
    chainId: 1,
    networkName: 'Ethereum',
    assetId: '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
    assetSymbol: 'USDC',
    decimals: 6,
    totalBaseUnits: String(items.length * 1_000_000),
    recipientCount: items.length,
    itemCounts: { draft: items.length, queued: 0, in_progress: 0, needs_check: 0, paid: 0, failed: 0, cancelled: 0 },
    errorCount: 0,
    warningCount: 0,
    description: 'labels',
    createdAt: '',
    updatedAt: '',
    createdBy: 'x',
    source: { kind: 'app', name: '', externalId: null },
    items,
    itemsOffset: 0,
    timeline: [],
    allowed: { edit: true, cancel: true, submit: false }
  }
}

let host: HTMLDivElement
let root: Root
beforeEach(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
})
afterEach(() => {
  act(() => root.unmount())
  host.remove()
})

const show = (items: PayoutItem[], paidRows: PaidRowsCheckView | null = null): void =>
  act(() => root.render(<RecipientsTable payout={payout(items)} paidRows={paidRows} />))
const headers = (): string[] => [...host.querySelectorAll('th')].map((th) => th.textContent ?? '')
const cells = (testId: string): string[] =>
  [...host.querySelectorAll(`[data-testid="${testId}"]`)].map((td) => td.textContent ?? '')

describe('the recipients table', () => {
  it('has no category or cost center column when no row has one', () => {
    show([item(1, { category: '', costCenter: '' }), item(2, { category: '', costCenter: '' })])
    expect(headers()).toEqual(['Row', 'Address', 'Amount', 'Name', 'Status', 'Issues'])
    expect(cells('recipient-category')).toEqual([])
  })

  it('shows each label in its row, a dash where a row has none, and only the column some row uses', () => {
    show([item(1, { category: '6100 Salaries', costCenter: '' }), item(2, { category: '', costCenter: '' })])
    expect(headers()).toEqual(['Row', 'Address', 'Amount', 'Name', 'Category', 'Status', 'Issues'])
    expect(cells('recipient-category')).toEqual(['6100 Salaries', '—'])
    show([item(1, { category: '6100', costCenter: '' }), item(2, { category: '', costCenter: 'Eng' })])
    expect(headers()).toEqual(['Row', 'Address', 'Amount', 'Name', 'Category', 'Cost center', 'Status', 'Issues'])
    expect(cells('recipient-cost-center')).toEqual(['—', 'Eng'])
  })

  it("shows each row's issues in its row, without the row number that names it elsewhere", () => {
    const flagged: PayoutItem = {
      ...item(12, { category: '', costCenter: '' }),
      issues: [{ field: 'amount', severity: 'error', code: 'amount_zero', message: 'Row 12: Amount is zero.' }]
    }
    show([flagged])
    expect(cells('recipient-issues')).toEqual(['✕Error: Amount is zero.'])
  })

  it('marks a paid row that no longer says what paid it, with the reason on hover, and no other row', () => {
    const reason = 'its payment 2 sent 1.00 USDC to 0x1111; the row now says 1.00 USDC to 0x9999'
    const paid = (row: number): PayoutItem => ({ ...item(row, { category: '', costCenter: '' }), status: 'paid' })
    show([paid(1), paid(2), paid(3)], {
      checked: 3,
      differing: 1,
      mismatches: [{ payoutId: 'PO-1', row: 2, txHash: `0x${'ab'.repeat(32)}`, reason }]
    })
    const marks = [...host.querySelectorAll('[data-testid="recipient-row"]')].map(
      (tr) => tr.querySelector('[data-testid="recipient-paid-differs"]')?.getAttribute('title') ?? null
    )
    expect(marks).toEqual([null, reason, null])
    show([paid(1), paid(2)], { checked: 2, differing: 0, mismatches: [] })
    expect(cells('recipient-paid-differs')).toEqual([])
  })
})
