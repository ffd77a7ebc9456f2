// Runs in: main (plain Node). Schema versions: numbered migrations, each a function from version
// N-1 to N. All pending ones run in one transaction that also sets user_version, and a database
// written by a newer Treasury is refused before anything is written to it.
import type Database from 'better-sqlite3'
import { m001Initial } from './001_initial'
import { m002Transactions } from './002_transactions'
import { m003ItemLookups } from './003_item_lookups'
import { m004Approvals } from './004_approvals'

export interface Migration {
  readonly version: number
  readonly name: string
  up(db: Database.Database): void
}

export const MIGRATIONS: readonly Migration[] = [m001Initial, m002Transactions, m003ItemLookups, m004Approvals]
export const LATEST_VERSION = MIGRATIONS.length

export class DatabaseFromFutureError extends Error {
  readonly code = 'database_from_future'
  constructor(readonly found: number, readonly supported: number) {
    super(
      `This data file was written by a newer version of Treasury (schema ${found}; this version understands up to ${supported}). ` +
        'Install the newer version to open it. Nothing in the file was changed.'
    )
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

export function assertNotFromFuture(db: Database.Database): void {
  const current = schemaVersion(db)
  if (current > LATEST_VERSION) throw new DatabaseFromFutureError(current, LATEST_VERSION)
}

/** Brings the schema to `target` (default: latest). Returns the versions applied. */
export function migrate(db: Database.Database, target = LATEST_VERSION): number[] {
  assertNotFromFuture(db)
  const current = schemaVersion(db)
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target)
  if (pending.length === 0) return []
  db.transaction(() => {
    for (const m of pending) m.up(db)
    db.pragma(`user_version = ${pending[pending.length - 1]!.version}`)
  }).immediate()
  return pending.map((m) => m.version)
}
