// Runs in: Vitest (node). The settings every database handle is opened with: the ones that make an
// acknowledged write durable, and the page cache that keeps a large save from spilling its indexes.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { openDatabase, WRITE_CACHE_KIB, type OpenedDatabase } from './db'

/** `synchronous = FULL` as SQLite reports it. */
const SYNCHRONOUS_FULL = 2
/** The address index of a 1,000,000-row payout: about 60 bytes an entry. */
const MILLION_ROW_ADDRESS_INDEX_KIB = (1_000_000 * 60) / 1024

describe('openDatabase', () => {
  let db: OpenedDatabase | undefined
  afterEach(() => db?.close())

  it('commits durably: write-ahead log, synced on every commit, foreign keys enforced', () => {
    db = openDatabase(join(tempDir('treasury-db-'), 'treasury.sqlite'))
    expect(db.write.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.write.pragma('synchronous', { simple: true })).toBe(SYNCHRONOUS_FULL)
    expect(db.write.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('gives the handle that writes a page cache that holds a 1,000,000-row payout address index, and the reader the default', () => {
    db = openDatabase(join(tempDir('treasury-db-'), 'treasury.sqlite'))
    const writeCache = db.write.pragma('cache_size', { simple: true })
    expect(writeCache).toBe(-WRITE_CACHE_KIB)
    expect(-Number(writeCache)).toBeGreaterThan(MILLION_ROW_ADDRESS_INDEX_KIB)
    const plain = new Database(':memory:')
    const defaultCache = plain.pragma('cache_size', { simple: true })
    plain.close()
    expect(db.read.pragma('cache_size', { simple: true })).toBe(defaultCache)
    expect(Number(writeCache)).toBeLessThan(Number(defaultCache))
  })
})
