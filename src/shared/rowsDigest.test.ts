// The fingerprint the window and main compare before main stores rows on the window's word: the
// same rows give the same claim on both sides; a change of any character, of where a field ends, or
// of the order of rows gives another one; blank rows count as saving counts them (not at all).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { claimOf, createRowsDigest, type DigestRow } from './rowsDigest'

const digestOf = (rows: readonly DigestRow[]): string => {
  const d = createRowsDigest()
  for (const r of rows) d.add(r)
  return d.hex()
}

const rowArb = fc.record({
  address: fc.string({ maxLength: 6 }),
  amount: fc.string({ maxLength: 4 }),
  name: fc.string({ maxLength: 4 }),
  reference: fc.string({ maxLength: 4 }),
  note: fc.string({ maxLength: 4 })
})

describe('rows digest', () => {
  it('is the same for the same rows, an absent field reading as an empty one', () => {
    const a = [{ address: '0xab', amount: '1', name: 'Ann' }]
    expect(digestOf(a)).toBe(digestOf([{ address: '0xab', amount: '1', name: 'Ann', reference: '', note: '' }]))
    expect(digestOf(a)).toMatch(/^[0-9a-f]{16}$/)
  })

  it('changes with any edit of a character, a field boundary or the order of rows', () => {
    const base = [
      { address: '0xab', amount: '1', name: 'Ann', reference: 'R1' },
      { address: '0xcd', amount: '2', name: 'Bob', reference: 'R2' }
    ]
    const seen = new Set([digestOf(base)])
    const variants: DigestRow[][] = [
      [{ ...base[0]!, amount: '1.0' }, base[1]!],
      [{ ...base[0]!, name: 'An', reference: 'nR1' }, base[1]!],
      [base[1]!, base[0]!],
      [base[0]!],
      [base[0]!, base[1]!, { address: '', amount: '' }]
    ]
    for (const v of variants) seen.add(digestOf(v))
    expect(seen.size).toBe(variants.length + 1)
  })

  it('tells apart any two different lists of rows it is given (random search)', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 4 }), fc.array(rowArb, { maxLength: 4 }), (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b))
        expect(digestOf(a)).not.toBe(digestOf(b))
      })
    )
  })

  it('claims the rows saving would store, with the total of the amounts main read', () => {
    const claim = claimOf([
      { address: '0xab', amount: '1', amountBaseUnits: '1000000' },
      { address: ' ', amount: '', name: '  ', amountBaseUnits: null },
      { address: 'bad', amount: 'x', amountBaseUnits: null },
      { address: '0xcd', amount: '2', amountBaseUnits: 2_000_000n }
    ])
    expect(claim).toEqual({
      rows: 3,
      totalBaseUnits: '3000000',
      digest: digestOf([
        { address: '0xab', amount: '1' },
        { address: 'bad', amount: 'x' },
        { address: '0xcd', amount: '2' }
      ])
    })
  })
})
