import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DuplicateKeys } from './duplicateKeys'

/** The rule, written the obvious way: rows grouped by their exact key, groups of two or more. */
function naiveGroups(keys: readonly string[], caseless: boolean): number[][] {
  const byKey = new Map<string, number[]>()
  keys.forEach((k, i) => {
    const key = caseless ? k.toLowerCase() : k
    byKey.set(key, [...(byKey.get(key) ?? []), i])
  })
  return [...byKey.values()].filter((g) => g.length > 1)
}

const sorted = (groups: number[][]) => [...groups].sort((a, b) => a[0]! - b[0]!)

function groupsOf(keys: readonly string[], caseless: boolean, span?: number, reserve?: number): number[][] {
  const d = new DuplicateKeys(caseless, span)
  if (reserve !== undefined) d.reserve(reserve)
  keys.forEach((k, i) => d.add(k, i))
  return sorted(d.groups())
}

describe('DuplicateKeys', () => {
  it('finds the same groups when room was reserved beforehand, more or less than needed, with keys that meet', () => {
    const key = fc.string({ maxLength: 3, unit: fc.constantFrom(...'aAbB1-'.split('')) })
    fc.assert(
      fc.property(
        fc.array(key, { maxLength: 3000 }),
        fc.nat({ max: 5000 }),
        fc.boolean(),
        (keys, reserve, caseless) => {
          expect(groupsOf(keys, caseless, 1 << 12, reserve)).toEqual(sorted(naiveGroups(keys, caseless)))
        }
      ),
      { numRuns: 60 }
    )
  })

  it('finds exactly the groups a map of every key finds, with or without letter case, beyond ASCII too', () => {
    const key = fc.string({ maxLength: 4, unit: fc.constantFrom(...'aAbB1-\u00e4\u00c4\u212a\u0130kK'.split('')) })
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), fc.boolean(), (keys, caseless) => {
        expect(groupsOf(keys, caseless)).toEqual(sorted(naiveGroups(keys, caseless)))
      }),
      { numRuns: 300 }
    )
  })

  it('tells apart different keys whose fingerprints meet', () => {
    const keys = fc.array(fc.string({ maxLength: 3, unit: fc.constantFrom(...'aAb\u00c4\u00e4'.split('')) }), {
      maxLength: 100
    })
    fc.assert(
      fc.property(keys, fc.boolean(), fc.constantFrom(1, 2, 7), (ks, caseless, span) => {
        expect(groupsOf(ks, caseless, span)).toEqual(sorted(naiveGroups(ks, caseless)))
      }),
      { numRuns: 300 }
    )
  })

  it('keeps each group in the order its rows were added, across growth of its storage', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `REF-${i % 1700}`)
    const groups = groupsOf(keys, true)
    expect(groups).toHaveLength(1700)
    expect(groups[0]).toEqual([0, 1700, 3400])
    expect(groups[1699]).toEqual([1699, 3399])
  })

  it('has nothing to report for distinct keys', () => {
    expect(
      groupsOf(
        Array.from({ length: 3000 }, (_, i) => `0x${i.toString(16).padStart(40, '0')}`),
        false
      )
    ).toEqual([])
    expect(groupsOf(['Ab', 'ab'], false)).toEqual([])
    expect(groupsOf(['Ab', 'ab'], true)).toEqual([[0, 1]])
  })
})
