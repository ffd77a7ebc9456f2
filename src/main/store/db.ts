// Runs in: main (plain Node). Opens the one SQLite file that holds all of Treasury's state, with
// the settings that make an acknowledged write durable, and brings its schema up to date; a data
// folder or file that cannot be written is refused here with what to do (see dataDir.ts).
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { AppFailure } from '../../shared/errors'
import { assertFileWritable, fullFailure, prepareDataFolder, readOnlyFileFailure } from './dataDir'
import { assertNotFromFuture, migrate } from './migrations'

/** A handle that may write. */
export type WriteDb = Database.Database & { readonly __access: 'write' }
/** A handle opened read-only by SQLite itself: code holding it cannot write by accident. */
export type ReadDb = Database.Database & { readonly __access: 'read' }

export interface OpenedDatabase {
  readonly write: WriteDb
  readonly read: ReadDb
  close(): void
}

const BUSY_TIMEOUT_MS = 5_000
/**
 * Page cache of the handle that writes, in KiB (better-sqlite3's build sets 16,000 KiB). Saving a
 * large draft inserts into the item indexes at random places (addresses are random); with the
 * smaller cache the index pages are spilled to the write-ahead log and read back many times within
 * one transaction, which cost a 1,000,000-row save about a third of its CPU time. Pages are only
 * allocated as they are used.
 */
export const WRITE_CACHE_KIB = 64 * 1024

/**
 * Opens (creating when missing) the database `file`. Its folder is checked first (dataDir.ts), and
 * a file that cannot be written or a disk that fills up while opening is explained the same way.
 */
export function openDatabase(file: string): OpenedDatabase {
  prepareDataFolder(dirname(file))
  // SQLite opens a file it cannot write read-only without a word; the first payout saved would fail.
  assertFileWritable(file)
  try {
    return openChecked(file)
  } catch (error) {
    throw sqliteFailure(file, error) ?? error
  }
}

/** The data-folder failure a SQLite error at open stands for, if it is one. */
function sqliteFailure(file: string, error: unknown): AppFailure | undefined {
  const code = error instanceof Database.SqliteError ? error.code : ''
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM')) return readOnlyFileFailure(file)
  if (code === 'SQLITE_FULL') return fullFailure(dirname(file))
  return undefined
}

function openChecked(file: string): OpenedDatabase {
  const write = new Database(file) as WriteDb
  try {
    // Before anything that writes (switching to WAL rewrites the header): a newer file stays untouched.
    assertNotFromFuture(write)
    write.pragma('journal_mode = WAL')
    // FULL: a commit is on disk before it is acknowledged; payouts are never "saved" and then lost.
    write.pragma('synchronous = FULL')
    write.pragma('foreign_keys = ON')
    write.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    write.pragma(`cache_size = -${WRITE_CACHE_KIB}`)
    migrate(write)
  } catch (error) {
    write.close()
    throw error
  }
  const read = new Database(file, { readonly: true, fileMustExist: true }) as ReadDb
  read.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  return {
    write,
    read,
    close() {
      read.close()
      write.close()
    }
  }
}

/** Runs `fn` in one IMMEDIATE transaction: all of it is committed, or none of it on any error. */
export function inTransaction<T>(db: WriteDb, fn: () => T): T {
  return db.transaction(fn).immediate()
}
