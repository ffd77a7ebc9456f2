// Runs in: main (plain Node). The Safes this desk pays from, in SQLite: which Safe on which
// network, the verified singleton and version, and the owners and threshold read when it was
// added (what a signature from a since-removed owner is recognised by).
import type { ReadDb, WriteDb } from './db'

export interface StoredSafeAccount {
  /** `${chainId}:${address}` */
  readonly id: string
  readonly chainId: number
  readonly address: string
  readonly version: string
  readonly singleton: string
  readonly owners: readonly string[]
  readonly threshold: number
  readonly addedAt: string
}

interface Row {
  id: string
  chain_id: number
  address: string
  version: string
  singleton: string
  owners: string
  threshold: number
  added_at: string
}

const fromRow = (r: Row): StoredSafeAccount => ({
  id: r.id,
  chainId: r.chain_id,
  address: r.address,
  version: r.version,
  singleton: r.singleton,
  owners: JSON.parse(r.owners) as string[],
  threshold: r.threshold,
  addedAt: r.added_at
})

export const safeAccountId = (chainId: number, address: string): string => `${chainId}:${address}`

/** Adds the Safe, or refreshes what was read of it when it is already there. */
export function upsertSafeAccount(db: WriteDb, a: StoredSafeAccount): void {
  db.prepare(
    `INSERT INTO safe_accounts (id, chain_id, address, version, singleton, owners, threshold, added_at)
     VALUES (@id, @chain_id, @address, @version, @singleton, @owners, @threshold, @added_at)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, singleton = excluded.singleton,
       owners = excluded.owners, threshold = excluded.threshold`
  ).run({
    id: a.id,
    chain_id: a.chainId,
    address: a.address,
    version: a.version,
    singleton: a.singleton,
    owners: JSON.stringify(a.owners),
    threshold: a.threshold,
    added_at: a.addedAt
  })
}

export function listSafeAccountRows(db: ReadDb | WriteDb): StoredSafeAccount[] {
  return (db.prepare('SELECT * FROM safe_accounts ORDER BY chain_id, added_at, address').all() as Row[]).map(fromRow)
}

export function getSafeAccountRow(db: ReadDb | WriteDb, id: string): StoredSafeAccount | undefined {
  const r = db.prepare('SELECT * FROM safe_accounts WHERE id = ?').get(id) as Row | undefined
  return r === undefined ? undefined : fromRow(r)
}

export function deleteSafeAccount(db: WriteDb, id: string): boolean {
  return db.prepare('DELETE FROM safe_accounts WHERE id = ?').run(id).changes > 0
}
