// Runs in: main (plain Node). Schema versions: numbered migrations, each a function from version
// N-1 to N. All pending ones run in one transaction that also sets user_version, and a database
// written by a newer Treasury is refused before anything is written to it. A migration that
// rebuilds a table runs as SQLite prescribes for that: foreign key enforcement off around the
// transaction (dropping the old table must not touch the rows that refer to it), and every foreign
// key checked before the commit.
import type Database from 'better-sqlite3'
import { AppFailure } from '../../../shared/errors'
import { m001Initial } from './001_initial'
import { m002Transactions } from './002_transactions'
import { m003ItemLookups } from './003_item_lookups'
import { m004Approvals } from './004_approvals'
import { m005ItemStatusCheck } from './005_item_status_check'
import { m006Accounting } from './006_accounting'
import { m007SignedPolicy } from './007_signed_policy'
import { m008UnverifiedOutcomes } from './008_unverified_outcomes'
import { m009Automation } from './009_automation'
import { m010SafeAccounts } from './010_safe_accounts'

export interface Migration {
  readonly version: number
  readonly name: string
  /** Replaces a table by a new one (create, copy, drop, rename): needs foreign keys off while it runs. */
  readonly rebuildsTables?: boolean
  up(db: Database.Database): void
}

export const MIGRATIONS: readonly Migration[] = [
  m001Initial,
  m002Transactions,
  m003ItemLookups,
  m004Approvals,
  m005ItemStatusCheck,
  m006Accounting,
  m007SignedPolicy,
  m008UnverifiedOutcomes,
  m009Automation,
  m010SafeAccounts
]
export const LATEST_VERSION = MIGRATIONS.length

export class DatabaseFromFutureError extends AppFailure<'database_from_future'> {
  constructor(
    readonly found: number,
    readonly supported: number
  ) {
    super(
      'database_from_future',
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
  const rebuilds = pending.some((m) => m.rebuildsTables === true)
  // PRAGMA foreign_keys cannot change inside a transaction: it is switched around it.
  const enforced = db.pragma('foreign_keys', { simple: true }) === 1
  if (rebuilds && enforced) db.pragma('foreign_keys = OFF')
  try {
    db.transaction(() => {
      for (const m of pending) m.up(db)
      if (rebuilds) assertForeignKeysHold(db)
      db.pragma(`user_version = ${pending[pending.length - 1]!.version}`)
    }).immediate()
  } finally {
    if (rebuilds && enforced) db.pragma('foreign_keys = ON')
  }
  return pending.map((m) => m.version)
}

export class MigrationBrokeForeignKeysError extends Error {
  readonly code = 'migration_broke_foreign_keys'
  constructor(readonly violations: ReadonlyArray<{ table: string; rowid: number | null; parent: string }>) {
    const first = violations[0]!
    super(
      `Updating the data file would leave ${violations.length} row(s) pointing at nothing (first: ${first.table} row ${first.rowid ?? '?'} -> ${first.parent}). Nothing was changed.`
    )
  }
}

function assertForeignKeysHold(db: Database.Database): void {
  const violations = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number | null; parent: string }>
  if (violations.length > 0) throw new MigrationBrokeForeignKeysError(violations)
}
