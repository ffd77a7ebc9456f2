// Runs in: Vitest (node). Schema 9: every payout creation and status change leaves an event, and
// each event a webhook call per active hook, in the same transaction as the change: whatever code
// makes it, and gone with it when the transaction rolls back.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/tempDir'
import { inTransaction, openDatabase } from '../db'
import { setPayoutStatus } from '../payoutRepo'

const dir = tempDir()
let n = 0
const open = () => openDatabase(join(dir, `db-${++n}.sqlite`))

function insertPayout(db: ReturnType<typeof open>, id: string): void {
  db.write
    .prepare(
      `INSERT INTO payouts (id, kind, status, chain_id, asset_id, description, total, recipient_count, error_count, warning_count, created_by, created_at, updated_at)
       VALUES (?, 'single', 'draft', 1, '1:native', 'rent', '5', 1, 0, 0, 'op', '2026-04-01T10:00:00Z', '2026-04-01T10:00:00Z')`
    )
    .run(id)
}

const events = (db: ReturnType<typeof open>) =>
  db.read.prepare('SELECT payout_id, status, previous_status, at FROM payout_events ORDER BY seq').all()

describe('payout events and the webhook outbox', () => {
  it('record a creation and each real status change, with the time of the change', () => {
    const db = open()
    insertPayout(db, 'PO-1')
    setPayoutStatus(db.write, 'PO-1', 'pending', '2026-04-01T11:00:00Z')
    setPayoutStatus(db.write, 'PO-1', 'pending', '2026-04-01T11:30:00Z') // not a change
    db.write.prepare("UPDATE payouts SET description = 'rent, April' WHERE id = 'PO-1'").run()
    setPayoutStatus(db.write, 'PO-1', 'cancelled', '2026-04-01T12:00:00Z')
    expect(events(db)).toEqual([
      { payout_id: 'PO-1', status: 'draft', previous_status: null, at: '2026-04-01T10:00:00Z' },
      { payout_id: 'PO-1', status: 'pending', previous_status: 'draft', at: '2026-04-01T11:00:00Z' },
      { payout_id: 'PO-1', status: 'cancelled', previous_status: 'pending', at: '2026-04-01T12:00:00Z' }
    ])
    db.close()
  })

  it('queue one webhook call per active hook and event, and none when the change rolls back', () => {
    const db = open()
    db.write.exec(`INSERT INTO webhooks (id, url, active, created_at, created_by) VALUES
      ('WH1', 'https://a.example/hook', 1, 'now', 'op'), ('WH2', 'https://b.example/hook', 0, 'now', 'op')`)
    insertPayout(db, 'PO-1')
    expect(() =>
      inTransaction(db.write, () => {
        setPayoutStatus(db.write, 'PO-1', 'cancelled', '2026-04-01T12:00:00Z')
        throw new Error('the rest of the change failed')
      })
    ).toThrow()
    expect(db.read.prepare('SELECT status FROM payouts').get()).toEqual({ status: 'draft' })
    expect(events(db)).toHaveLength(1)
    expect(db.read.prepare('SELECT webhook_id, event_seq, delivered_at FROM webhook_deliveries').all()).toEqual([
      { webhook_id: 'WH1', event_seq: 1, delivered_at: null }
    ])
    db.close()
  })

  it('never let one external id name two payouts', () => {
    const db = open()
    insertPayout(db, 'PO-1')
    insertPayout(db, 'PO-2')
    const source = db.write.prepare(
      "INSERT INTO payout_sources (payout_id, kind, name, external_id, created_at) VALUES (?, 'api', 'erp', ?, 'now')"
    )
    source.run('PO-1', 'ext-1')
    expect(() => source.run('PO-2', 'ext-1')).toThrow(/UNIQUE/)
    db.close()
  })
})
