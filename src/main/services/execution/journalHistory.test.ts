// Runs in: vitest (node). The journal checked against the payout's history: what it names, and
// what it lets through.
import { describe, expect, it } from 'vitest'
import { assertJournalHoldsHistory } from './journalHistory'

const hash = (n: number): string => `0x${n.toString(16).padStart(64, '0')}`
const at = (n: number): string => `2026-12-0${1 + (n % 9)}T10:00:00.000Z`
const named = (count: number) => Array.from({ length: count }, (_, i) => ({ hash: hash(i + 1), at: at(i) }))

describe('assertJournalHoldsHistory', () => {
  it('lets through a journal that holds every transaction the history names, whatever the letter case', () => {
    const history = named(3).map((t) => ({ ...t, hash: t.hash.replace(/a/g, 'A') }))
    expect(() => assertJournalHoldsHistory(history, new Map(named(3).map((t) => [t.hash, 1])))).not.toThrow()
    expect(() => assertJournalHoldsHistory([], new Map())).not.toThrow()
  })

  it('refuses when one is missing, naming it and when it was signed', () => {
    const history = named(2)
    const refusal = (() => {
      try {
        assertJournalHoldsHistory(history, new Map([[hash(1), 1]]))
      } catch (e) {
        return e
      }
      return null
    })()
    expect(refusal).toMatchObject({ code: 'journal_incomplete', details: { transactions: [hash(2)] } })
    expect((refusal as Error).message).toContain(
      `a transaction that this app's payment journal no longer holds: ${hash(2)} (signed ${at(1).slice(0, 10)} 10:00 UTC)`
    )
  })

  it('refuses a transaction held for fewer rows than the history says it was signed for', () => {
    const history = [{ hash: hash(1), at: at(0), rows: 3 }]
    expect(() => assertJournalHoldsHistory(history, new Map([[hash(1), 3]]))).not.toThrow()
    expect(() => assertJournalHoldsHistory(history, new Map([[hash(1), 2]]))).toThrow(
      expect.objectContaining({ code: 'journal_incomplete', details: { transactions: [hash(1)] } })
    )
  })

  it('names five of many missing transactions and counts the rest', () => {
    expect(() => assertJournalHoldsHistory(named(8), new Map())).toThrow(
      `8 transactions that this app's payment journal no longer holds: ${named(5)
        .map((t) => `${t.hash} (signed ${t.at.slice(0, 10)} 10:00 UTC)`)
        .join(', ')}, and 3 more.`
    )
  })
})
