// Runs in: vitest (node). The history's adoption line is read back exactly as it is written, and
// a stored chain without the newest adoption is refused, naming what would be in force.
import { describe, expect, it } from 'vitest'
import { adoptionDetail, adoptionIn, assertChainHoldsAdoptions } from './adoptionRecord'

const hash = (n: number): string => `0x${n.toString(16).padStart(64, '0')}`
const version = (sequence: number) => ({ hash: hash(sequence), document: { sequence } })
const AT = '2026-12-01T09:30:00.000Z'

describe('the adoption record', () => {
  it('reads back the version and hash it was written with, and nothing from other lines', () => {
    const detail = adoptionDetail(12, hash(12), ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'])
    expect(adoptionIn(detail)).toEqual({ sequence: 12, hash: hash(12) })
    expect(adoptionIn(`Policy version 3 proposed (${hash(3)}); it takes effect once signed`)).toBeNull()
    expect(adoptionIn('')).toBeNull()
  })

  it('lets through a chain that holds every adoption, or a desk with none on record', () => {
    const recorded = [1, 2].map((n) => ({ sequence: n, hash: hash(n), at: AT }))
    expect(() => assertChainHoldsAdoptions([version(1), version(2)], recorded)).not.toThrow()
    expect(() => assertChainHoldsAdoptions([], [])).not.toThrow()
  })

  it('refuses a chain cut back, naming the newest version removed and what would be in force', () => {
    const recorded = [1, 2, 3].map((n) => ({ sequence: n, hash: hash(n), at: AT }))
    expect(() => assertChainHoldsAdoptions([version(1), version(2)], recorded)).toThrow(
      `version 3 (${hash(3)}) took effect here on 2026-12-01 09:30 UTC and is no longer stored, so version 2 would be in force`
    )
    expect(() => assertChainHoldsAdoptions([], recorded)).toThrow('so no policy would be in force')
    // A different version 3 built on the cut-back chain does not stand in for the one the history names.
    expect(() =>
      assertChainHoldsAdoptions([version(1), version(2), { hash: hash(99), document: { sequence: 3 } }], recorded)
    ).toThrow(expect.objectContaining({ code: 'policy_chain_broken' }))
    // Version 1 adopted again later (its file imported after every version was deleted) does not cover version 2.
    const readopted = [...recorded.slice(0, 2), { sequence: 1, hash: hash(1), at: AT }]
    expect(() => assertChainHoldsAdoptions([version(1)], readopted)).toThrow(`version 2 (${hash(2)})`)
  })
})
