// Runs in: Vitest (Node). A Safe is named by both ends of its address and how many owners sign.
import { describe, expect, it } from 'vitest'
import { safeChoiceLabel } from './payerLabels'

describe('a Safe as a choice', () => {
  it('shows both ends of the address and the signatures it needs', () => {
    const owners = [1, 2, 3].map((n) => ({ address: `0x${String(n).repeat(40)}`, name: null }))
    expect(safeChoiceLabel({ address: '0x8c5C3c7Bc9F831915062e922091f72932DB39B15', threshold: 2, owners })).toBe(
      'Safe 0x8c5C3c…B39B15 · 2 of 3 owners sign'
    )
  })
})
