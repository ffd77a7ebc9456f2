import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { storedItem, storedPayout } from '../../test/storedPayout'
import { tempDir } from '../../test/tempDir'
import { openDatabase } from './db'
import { CONFIRMED_SINCE_SQL, createSqliteJournal, SENDER_LOOKUP_SQL } from './journalRepo'
import { itemId } from '../domain/itemId'
import { insertItems, insertPayout, getItems, getPayoutRow } from './payoutRepo'
import { payoutTimeline, verifyAuditLog } from './auditLog'

const dir = tempDir()
const now = () => new Date('2026-11-25T12:00:00Z')
const FROM = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const h = (n: number) => `0x${n.toString(16).padStart(64, '0')}`
const block = { number: 10n, hash: h(999) }

function seed(name: string, rows = 3, syncFile?: (path: string) => Promise<void>) {
  const db = openDatabase(join(dir, name))
  insertPayout(db.write, storedPayout('PO-1', { status: 'in_progress', total: 6n, recipientCount: rows }))
  insertItems(
    db.write,
    'PO-1',
    Array.from({ length: rows }, (_, i) => storedItem(i + 1, FROM, 1n))
  )
  const changes: string[] = []
  const journal = createSqliteJournal(db.write, {
    now,
    payoutChanged: (id, s) => changes.push(`${id}:${s}`),
    ...(syncFile ? { syncFile } : {})
  })
  return { db, journal, changes }
}

const tx = (n: number, rows: number[], nonce = n) => ({
  payoutId: 'PO-1',
  step: n,
  purpose: 'payment' as const,
  chainId: 1n,
  from: FROM,
  nonce,
  raw: `0x02${n}`,
  hash: h(n),
  itemIds: rows.map((r) => itemId('PO-1', r))
})

describe('SQLite execution journal', () => {
  it('attributes signing and sending to the account whose Ledger signed, and writes the fee in the coin', async () => {
    const { db } = seed('history.sqlite')
    const journal = createSqliteJournal(db.write, { now, coinOf: () => ({ symbol: 'ETH', decimals: 18 }) })
    await journal.recordSigned(tx(1, [1, 2]))
    await journal.markBroadcast(h(1))
    await journal.markConfirmed(h(1), {
      block: { number: 21_000_123n, hash: h(999) },
      gasUsed: 60_000n,
      feePaid: 1_270_000_000_000_000n,
      items: [1, 2].map((r) => ({ itemId: itemId('PO-1', r), paid: true as const }))
    })
    const entries = payoutTimeline(db.read, 'PO-1', (a) => (a === FROM ? 'Ana' : null))
    const by = (action: string) => entries.find((e) => e.action === action)!
    expect(by('signed')).toMatchObject({ actor: 'Ana', actorAddress: FROM, detail: 'Payment transaction for 2 rows' })
    expect(by('signed').exact).toBe(`Transaction ${h(1)}, nonce 1`)
    expect(by('broadcast')).toMatchObject({
      actor: 'Ana',
      actorAddress: FROM,
      detail: 'Payment transaction for 2 rows, nonce 1'
    })
    expect(by('confirmed').detail).toBe('Block 21,000,123: 2 rows paid; fee 0.00127 ETH')
    expect(by('confirmed').exact).toContain('Fee: 1270000000000000 base units')
    db.close()
  })

  it("says what a confirmed approval did instead of '0 rows paid'", async () => {
    const { db } = seed('approval-history.sqlite')
    const journal = createSqliteJournal(db.write, { now, coinOf: () => ({ symbol: 'ETH', decimals: 18 }) })
    await journal.recordSigned({ ...tx(1, [1, 2]), purpose: 'approve' })
    await journal.markBroadcast(h(1))
    await journal.markConfirmed(h(1), {
      block: { number: 15n, hash: h(998) },
      gasUsed: 46_000n,
      feePaid: 53_489_556_873_351n,
      items: []
    })
    const entries = payoutTimeline(db.read, 'PO-1', () => null)
    const confirmed = entries.find((e) => e.action === 'confirmed')
    expect(confirmed?.detail).toBe('Block 15: token allowance for the batch in place; fee 0.000053489556873351 ETH')
    expect(entries.find((e) => e.action === 'signed')?.detail).toBe('Token allowance transaction for 2 rows')
    expect(entries.find((e) => e.action === 'broadcast')?.detail).toBe(
      'Token allowance transaction for 2 rows, nonce 1'
    )
    db.close()
  })

  it('stores the signed bytes and moves their items to in progress in one write', async () => {
    const { db, journal } = seed('signed.sqlite')
    await journal.recordSigned(tx(1, [1, 2]))
    expect(getItems(db.read, 'PO-1').map((i) => i.status)).toEqual(['in_progress', 'in_progress', 'queued'])
    const live = await journal.listUnsettled()
    expect(live).toHaveLength(1)
    expect(live[0]).toMatchObject({
      hash: h(1),
      raw: '0x021',
      state: 'signed',
      itemIds: ['PO-1#1', 'PO-1#2'],
      chainId: 1n
    })
    expect(await journal.highestNonce(1n, FROM.toLowerCase())).toBe(1)
    db.close()
  })

  it('settles items from confirmations and derives the payout status, once', async () => {
    const { db, journal, changes } = seed('settle.sqlite')
    await journal.recordSigned(tx(1, [1, 2]))
    await journal.recordSigned(tx(2, [3]))
    await journal.markBroadcast(h(1))
    await journal.markMined(h(1), block)
    await journal.markConfirmed(h(1), {
      block,
      gasUsed: 50_000n,
      feePaid: 1000n,
      items: [
        { itemId: 'PO-1#1', paid: true },
        { itemId: 'PO-1#2', paid: true }
      ]
    })
    expect(getPayoutRow(db.read, 'PO-1')?.status).toBe('in_progress')
    await journal.markFailed(h(2), { code: 'reverted', reason: 'the token refused the transfer' })
    expect(getItems(db.read, 'PO-1').map((i) => [i.status, i.txHash])).toEqual([
      ['paid', h(1)],
      ['paid', h(1)],
      ['failed', h(2)]
    ])
    expect(getPayoutRow(db.read, 'PO-1')?.status).toBe('failed')
    expect(changes).toEqual(['PO-1:failed'])
    expect(() =>
      journal.markConfirmed(h(1), { block, gasUsed: 1n, feePaid: 1n, items: [{ itemId: 'PO-1#1', paid: true }] })
    ).toThrow(/already paid/)
    expect(await journal.listUnsettled()).toEqual([])
    expect(verifyAuditLog(db.read).ok).toBe(true)
    db.close()
  })

  it('puts a reorged transaction back to pending confirmation and keeps replacements by nonce', async () => {
    const { db, journal } = seed('reorg.sqlite')
    await journal.recordSigned(tx(1, [1]))
    await journal.markMined(h(1), block)
    await journal.markUnmined(h(1))
    expect((await journal.listUnsettled())[0]).toMatchObject({ state: 'broadcast' })
    expect((await journal.listUnsettled())[0]!.block).toBeUndefined()
    await journal.recordSigned({ ...tx(2, [1], 1), replaces: h(1) })
    await journal.markReplaced(h(1), h(2))
    const byNonce = await journal.listByNonce(1n, FROM, 1)
    expect(byNonce.map((t) => [t.hash, t.state, t.replaces])).toEqual([
      [h(1), 'replaced', undefined],
      [h(2), 'signed', h(1)]
    ])
    db.close()
  })

  it('marks a transaction broadcast without an fsync of its own, and leaves every other write fully synced', async () => {
    const { db, journal } = seed('relaxed.sqlite')
    const FULL = 2
    await journal.recordSigned(tx(1, [1]))
    await journal.markBroadcast(h(1))
    expect(db.write.pragma('synchronous', { simple: true })).toBe(FULL)
    // Committed like any write: another connection sees it at once.
    expect(db.read.prepare('SELECT state FROM transactions WHERE hash = ?').get(h(1))).toEqual({ state: 'broadcast' })
    // A failed mark changes nothing and still restores full sync for the next writer.
    expect(() => journal.markBroadcast(h(7))).toThrow(/no transaction/)
    expect(db.write.pragma('synchronous', { simple: true })).toBe(FULL)
    expect(verifyAuditLog(db.read).ok).toBe(true)
    db.close()
  })

  it('acknowledges a signed transaction only once the log holding it is synced to disk', async () => {
    const synced: string[] = []
    let finishSync: () => void = () => undefined
    const { db, journal } = seed('synced.sqlite', 3, (path) => {
      synced.push(path)
      return new Promise<void>((resolve) => (finishSync = resolve))
    })
    let acknowledged = false
    const recording = Promise.resolve(journal.recordSigned(tx(1, [1]))).then(() => (acknowledged = true))
    await new Promise((r) => setTimeout(r, 20))
    // Committed (other connections see it) but not acknowledged while the sync is outstanding.
    expect(db.read.prepare('SELECT state FROM transactions WHERE hash = ?').get(h(1))).toEqual({ state: 'signed' })
    expect(synced).toEqual([`${join(dir, 'synced.sqlite')}-wal`])
    expect(acknowledged).toBe(false)
    finishSync()
    await recording
    expect(acknowledged).toBe(true)
    expect(db.write.pragma('synchronous', { simple: true })).toBe(2)
    db.close()
  })

  it('survives a reopen: what was recorded is still there', async () => {
    const first = seed('reopen.sqlite')
    await first.journal.recordSigned(tx(1, [1]))
    first.db.close()
    const db = openDatabase(join(dir, 'reopen.sqlite'))
    const journal = createSqliteJournal(db.write, { now })
    expect((await journal.listUnsettled()).map((t) => t.hash)).toEqual([h(1)])
    db.close()
  })

  it('answers the nonce look-ups of a sender from the index (chain_id, sender, nonce)', () => {
    const { db } = seed('plan.sqlite')
    const plan = (sql: string, ...args: unknown[]): string =>
      (db.read.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join(' | ')
    const forms = [FROM, FROM.toLowerCase()]
    expect(plan(SENDER_LOOKUP_SQL.highestNonce, '1', ...forms)).toMatch(
      /^SEARCH transactions USING COVERING INDEX transactions_by_sender_nonce \(chain_id=\? AND sender=\?\)$/
    )
    expect(plan(SENDER_LOOKUP_SQL.byNonce, '1', ...forms, 7)).toMatch(
      /^SEARCH transactions USING INDEX transactions_by_sender_nonce \(chain_id=\? AND sender=\? AND nonce=\?\)/
    )
    db.close()
  })

  it('stores the sender checksummed and finds the transactions of a sender whichever form either side uses', async () => {
    const { db, journal } = seed('sender-forms.sqlite')
    await journal.recordSigned({ ...tx(1, [1]), from: FROM.toLowerCase() })
    expect(db.read.prepare('SELECT sender FROM transactions WHERE hash = ?').get(h(1))).toEqual({ sender: FROM })
    // A row an older writer stored in lower case still claims its nonce.
    db.write
      .prepare(
        "INSERT INTO transactions (hash, payout_id, step, purpose, chain_id, sender, nonce, raw, state, created_at, updated_at) VALUES (?, 'PO-1', 2, 'payment', '1', ?, 5, '0x02', 'signed', 'x', 'x')"
      )
      .run(h(2), FROM.toLowerCase())
    const upper = `0x${FROM.slice(2).toUpperCase()}`
    for (const form of [FROM, FROM.toLowerCase(), upper]) {
      expect(await journal.highestNonce(1n, form)).toBe(5)
      expect((await journal.listByNonce(1n, form, 5)).map((t) => t.hash)).toEqual([h(2)])
      expect((await journal.listByNonce(1n, form, 1)).map((t) => [t.hash, t.from])).toEqual([[h(1), FROM]])
    }
    expect(await journal.highestNonce(2n, FROM)).toBeUndefined()
    expect(await journal.highestNonce(1n, '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359')).toBeUndefined()
    db.close()
  })
})

describe('SQLite journal: outcomes not known, undone, or paid twice', () => {
  const note = { code: 'NO_RECEIPT', reason: 'No receipt can be read.' }
  const statuses = (db: ReturnType<typeof seed>['db']) => getItems(db.read, 'PO-1').map((i) => i.status)
  const confirmation = (rows: number[], blockHash = block.hash) => ({
    block: { number: block.number, hash: blockHash },
    gasUsed: 21_000n,
    feePaid: 1n,
    items: rows.map((r) => ({ itemId: itemId('PO-1', r), paid: true as const }))
  })

  it('an unverified transaction leaves its rows needing checking and the payout in progress; a receipt later takes that back', async () => {
    const { db, journal } = seed('unverified.sqlite', 2)
    await journal.recordSigned(tx(1, [1, 2]))
    await journal.markUnverified(h(1), note)
    expect(statuses(db)).toEqual(['needs_check', 'needs_check'])
    expect(getItems(db.read, 'PO-1')[0]?.failure).toContain(h(1))
    expect(await journal.listUnsettled()).toEqual([])
    expect((await journal.listUnverified()).map((t) => [t.hash, t.failure])).toEqual([[h(1), note]])
    expect(getPayoutRow(db.read, 'PO-1')?.status).toBe('in_progress')
    await journal.markMined(h(1), block)
    expect(statuses(db)).toEqual(['in_progress', 'in_progress'])
    expect((await journal.listUnsettled())[0]?.failure).toBeUndefined()
    await journal.markConfirmed(h(1), confirmation([1, 2]))
    expect(getPayoutRow(db.read, 'PO-1')?.status).toBe('completed')
    db.close()
  })

  it('a confirmed transaction whose block left the chain is live again, its rows in progress, the payout reopened and audited', async () => {
    const { db, journal, changes } = seed('reorged.sqlite', 1)
    await journal.recordSigned(tx(1, [1]))
    await journal.recordSigned({ ...tx(2, [1], 1), replaces: h(1) })
    await journal.markConfirmed(h(2), confirmation([1]))
    await journal.markReplaced(h(1), h(2))
    expect(getPayoutRow(db.read, 'PO-1')?.status).toBe('completed')
    expect((await journal.listConfirmedSince(1n, block.number)).map((t) => t.hash)).toEqual([h(2)])
    expect(await journal.listConfirmedSince(1n, block.number + 1n)).toEqual([])
    await journal.markReorged(h(2))
    // Both of the nonce may be mined now; the row waits again.
    expect((await journal.listUnsettled()).map((t) => [t.hash, t.state])).toEqual([
      [h(1), 'broadcast'],
      [h(2), 'broadcast']
    ])
    expect(statuses(db)).toEqual(['in_progress'])
    expect(getPayoutRow(db.read, 'PO-1')?.status).toBe('in_progress')
    expect(changes.at(-1)).toBe('PO-1:in_progress')
    const actions = db.read.prepare("SELECT action, to_status FROM audit_log WHERE action = 'reorged'").all()
    expect(actions).toEqual([
      { action: 'reorged', to_status: null },
      { action: 'reorged', to_status: 'in_progress' }
    ])
    await journal.markConfirmed(h(2), confirmation([1], h(998)))
    expect(statuses(db)).toEqual(['paid'])
    expect(verifyAuditLog(db.read).ok).toBe(true)
    db.close()
  })

  it('records a row the chain paid twice (released by a person, then paid by both), instead of refusing to settle', async () => {
    const { db, journal } = seed('twice.sqlite', 1)
    await journal.recordSigned(tx(1, [1]))
    await journal.markUnverified(h(1), note)
    // A person released it; a new payment was signed and confirmed.
    db.write
      .prepare("UPDATE payout_items SET status = 'queued', tx_hash = NULL, failure = NULL WHERE payout_id = 'PO-1'")
      .run()
    await journal.recordSigned(tx(2, [1]))
    await journal.markMined(h(2), block)
    await journal.markConfirmed(h(2), confirmation([1]))
    // The first one turns out to have paid too.
    await journal.markMined(h(1), block)
    await journal.markConfirmed(h(1), confirmation([1]))
    expect(getItems(db.read, 'PO-1')[0]).toMatchObject({ status: 'paid', txHash: h(2) })
    const twice = db.read.prepare("SELECT detail FROM audit_log WHERE action = 'paid_twice'").all() as Array<{
      detail: string
    }>
    expect(twice).toHaveLength(1)
    expect(twice[0]?.detail).toContain(`paid again by ${h(1)}`)
    // Settling the same payment twice is still an engine fault, refused.
    await expect(async () => journal.markConfirmed(h(2), confirmation([1]))).rejects.toThrow(/twice/)
    db.close()
  })

  it('a confirmed transaction that does not show a row paid leaves that row needing checking, not failed, and the payout in progress', async () => {
    const { db, journal } = seed('unchecked.sqlite', 3)
    await journal.recordSigned(tx(1, [1, 2, 3]))
    const missing = { code: 'TRANSFER_NOT_FOUND', reason: 'No transfer of this amount is shown.' }
    await journal.markConfirmed(h(1), {
      ...confirmation([1]),
      items: [
        { itemId: itemId('PO-1', 1), paid: true },
        { itemId: itemId('PO-1', 2), paid: false, failure: missing, needsCheck: true },
        { itemId: itemId('PO-1', 3), paid: false, failure: { code: 'CANCELLED', reason: 'Cancelled.' } }
      ]
    })
    expect(statuses(db)).toEqual(['paid', 'needs_check', 'failed'])
    expect(getItems(db.read, 'PO-1')[1]).toMatchObject({
      txHash: h(1),
      failure: expect.stringContaining(missing.reason)
    })
    expect(getPayoutRow(db.read, 'PO-1')?.status).toBe('in_progress')
    const detail = db.read.prepare("SELECT detail FROM audit_log WHERE action = 'confirmed'").get() as {
      detail: string
    }
    expect(detail.detail).toContain('1 row paid, 1 failed, 1 to check')
    // Its block leaving the chain puts the row back in progress with the others.
    await journal.markReorged(h(1))
    expect(statuses(db)).toEqual(['in_progress', 'in_progress', 'in_progress'])
    db.close()
  })

  it('a failure of a transaction leaves rows released since alone', async () => {
    const { db, journal } = seed('released.sqlite', 2)
    await journal.recordSigned(tx(1, [1, 2]))
    await journal.markUnverified(h(1), note)
    db.write.prepare("UPDATE payout_items SET status = 'queued', tx_hash = NULL, failure = NULL WHERE row = 2").run()
    await journal.markFailed(h(1), { code: 'NONCE_TAKEN', reason: 'another used it' })
    expect(statuses(db)).toEqual(['failed', 'queued'])
    db.close()
  })
})

describe('SQLite journal: the reorg re-check reads recent confirmations from an index', () => {
  it('finds confirmed transactions by block number through transactions_confirmed_by_block', () => {
    const { db } = seed('confirmed-index.sqlite', 1)
    const plan = db.read.prepare(`EXPLAIN QUERY PLAN ${CONFIRMED_SINCE_SQL}`).all('1', 5n) as Array<{ detail: string }>
    expect(plan.map((p) => p.detail).join(' ')).toContain('transactions_confirmed_by_block')
    db.close()
  })
})
