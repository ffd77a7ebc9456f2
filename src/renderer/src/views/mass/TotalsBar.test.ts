// Runs in: Vitest (Node). The totals bar's reserved line: a failed save outranks the reason the
// payout cannot be submitted, and nothing is said when all is well.
import { describe, expect, it } from 'vitest'
import type { GridTotals } from '../../lib/mass/gridRows'
import { saveLabel, totalsMessage } from './TotalsBar'

const TOTALS: GridTotals = {
  recipients: 3,
  totalBaseUnits: 0n,
  rowsWithErrors: 0,
  rowsWithWarnings: 0,
  blankRows: 0,
  unchecked: 0
}

describe('the totals bar message', () => {
  it('says how many rows keep the payout from being submitted', () => {
    expect(totalsMessage({ ...TOTALS, rowsWithErrors: 1 }, 'saved', null)).toEqual({
      text: '1 row has errors. The draft is saved, but it cannot be submitted until they are fixed or removed.',
      testId: 'mass-cannot-submit'
    })
    expect(totalsMessage({ ...TOTALS, rowsWithErrors: 1200 }, 'saved', null)?.text).toMatch(/^1,200 rows have errors/)
  })

  it('puts a failed save first, with its reason', () => {
    const error = { code: 'data_folder_full' as const, message: 'The disk is full.' }
    expect(totalsMessage({ ...TOTALS, rowsWithErrors: 2 }, 'error', error)).toEqual({
      text: 'Not saved: The disk is full.',
      testId: 'save-error'
    })
  })

  it('says nothing when every row can be submitted and the draft is saved', () => {
    expect(totalsMessage({ ...TOTALS, rowsWithWarnings: 4 }, 'saved', null)).toBeNull()
    expect(saveLabel('saved', true)).toBe('All changes saved')
  })
})
