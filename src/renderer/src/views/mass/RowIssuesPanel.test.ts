// Runs in: Vitest (Node). The side panel's lines: each message at its row, led by its field's name
// once, whether or not main's message already begins with it.
import { describe, expect, it } from 'vitest'
import { labelled } from './RowIssuesPanel'

describe('a row issue in the side panel', () => {
  it('is led by its field once, without the row number', () => {
    expect(labelled('amount', "Row 2: Amount 1.234,5 cannot be read in this desk's number format")).toBe(
      "Amount 1.234,5 cannot be read in this desk's number format"
    )
    expect(labelled('address', 'Row 12: not a valid address.')).toBe('Address: not a valid address.')
    // A message that only starts with the same letters is still led by the field's name.
    expect(labelled('amount', 'Amounts differ between the two files.')).toBe(
      'Amount: Amounts differ between the two files.'
    )
  })
})
