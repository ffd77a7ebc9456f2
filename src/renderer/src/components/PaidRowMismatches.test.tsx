// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). A payout's notice of paid rows that no longer say what paid them:
// shown only when some differ, worded for one, some or all of them, naming rows by number alone.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PaidRowMismatchView, PaidRowsCheckView } from '../../../shared/approvals'
import { mountPoint, type Mounted } from '../testing/mount'
import { PaidRowMismatches, PaidRowsNotice } from './PaidRowMismatches'

const HASH = `0x${'ab'.repeat(32)}`
const mismatch = (row: number): PaidRowMismatchView => ({
  payoutId: 'PO-7',
  row,
  txHash: HASH,
  reason: `its payment ${row} sent 0.25 ETH to 0x1111; the row now says 0.25 ETH to 0x9999`
})

let m: Mounted
beforeEach(() => {
  m = mountPoint()
})
afterEach(() => m.unmount())

const notice = async (check: PaidRowsCheckView | null): Promise<HTMLElement | null> => {
  await m.render(<PaidRowsNotice check={check} />)
  return m.byTestId('paid-rows-notice')
}
const title = async (check: PaidRowsCheckView): Promise<string | null | undefined> =>
  (await notice(check))?.querySelector('.notice__title')?.textContent

describe("a payout's notice of paid rows that differ from what paid them", () => {
  it('is not shown while no row is paid or when every paid row matches', async () => {
    expect(await notice(null)).toBeNull()
    expect(await notice({ checked: 40, differing: 0, mismatches: [] })).toBeNull()
  })

  it('says how many of the paid rows differ, in words that agree with the count', async () => {
    expect(await title({ checked: 1, differing: 1, mismatches: [mismatch(1)] })).toBe(
      'Its paid row does not show what was paid'
    )
    expect(await title({ checked: 3, differing: 3, mismatches: [1, 2, 3].map(mismatch) })).toBe(
      'None of its 3 paid rows shows what was paid'
    )
    expect(await title({ checked: 1200, differing: 1, mismatches: [mismatch(9)] })).toBe(
      '1 of 1,200 paid rows does not show what was paid'
    )
    expect(await title({ checked: 1200, differing: 2, mismatches: [mismatch(9), mismatch(10)] })).toBe(
      '2 of 1,200 paid rows do not show what was paid'
    )
  })

  it('names each row by number with the transaction it names and the reason, and counts the rows it does not name', async () => {
    const shown = await notice({ checked: 600, differing: 53, mismatches: [mismatch(12)] })
    expect(shown?.getAttribute('role')).toBe('alert')
    const line = shown?.querySelector('[data-testid="paid-row-mismatches-row"]')
    expect(line?.textContent).toBe(
      'Row 12, marked paid by 0xabababab…abababab: its payment 12 sent 0.25 ETH to 0x1111; the row now says 0.25 ETH to 0x9999.'
    )
    expect(line?.querySelector('a')).toBeNull()
    expect(line?.querySelector('[title]')?.getAttribute('title')).toBe(HASH)
    expect(shown?.querySelector('[data-testid="paid-row-mismatches"]')?.textContent).toContain('and 52 other rows.')
  })

  it('outside a payout names each row by its payout, linked', async () => {
    await m.render(
      <PaidRowMismatches check={{ checked: 2, differing: 1, mismatches: [mismatch(4)] }} inPayout={false} testId="l" />
    )
    const line = m.byTestId('l-row')
    expect(line?.textContent?.startsWith('PO-7, row 4, marked paid by')).toBe(true)
    expect(line?.querySelector('a')?.getAttribute('href')).toBe('#/payouts/PO-7')
  })
})
