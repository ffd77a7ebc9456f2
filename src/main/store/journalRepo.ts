// Runs in: main (plain Node). The chain engine's ExecutionJournal on SQLite. Each method is one
// transaction that is on disk when it returns or its promise resolves (markBroadcast: with the next
// synced commit, see there); recordSigned stores the signed bytes and moves the items to
// in_progress together, before anything is broadcast. Item fates move the payout's derived status
// and are written to the audit log in the same transaction.
//
// recordSigned is the hot durable write of a payout run. Its commit does not wait for the disk on
// the main thread: it commits without SQLite's own fsync, then fsyncs the write-ahead log from the
// thread pool and resolves only after that. In WAL mode that is the same guarantee as
// synchronous=FULL (which is exactly "fsync the WAL at commit"): the commit's frames were written
// to the log before the fsync starts, and a checkpoint that could recycle them first makes them
// durable in the database file itself. Meanwhile the main thread signs and sends other steps.
//
// Senders are stored in one form, the EIP-55 checksum, and looked up by plain equality so the
// index (chain_id, sender, nonce) serves highestNonce and listByNonce: lower(sender) would read
// every transaction of the chain, twice per signed step. A row whose sender is in lower case is
// found too: a lookup compares with both forms (the nonce check must never miss a recorded
// transaction), at the cost of a second probe.
import { close, fsync, open } from 'node:fs'
import { promisify } from 'node:util'
import { getAddress } from 'ethers'
import {
  LIVE_TX_STATES,
  OPEN_TX_STATES,
  TX_STATE,
  type Confirmation,
  type ExecutionJournal,
  type JournalTx,
  type NewJournalTx,
  type TxFailure,
  type TxPurpose,
  type TxState
} from '../chain/journal'
import type { PayoutStatus } from '../../shared/statuses'
import { deriveExecutionStatus, nextStatus } from '../domain/statusMachine'
import { peopleAmount, withExact, type AssetUnits } from '../domain/auditText'
import { appendAudit } from './auditLog'
import { inTransaction, type ReadDb, type WriteDb } from './db'
import type { PayoutTransactionView } from '../../shared/execution'
import { getPayoutRow, itemStatusCounts, setPayoutStatus } from './payoutRepo'
import { itemId, parseItemId } from '../domain/itemId'

interface TxRow {
  hash: string
  payout_id: string
  step: number
  purpose: TxPurpose
  chain_id: string
  sender: string
  nonce: number
  raw: string
  replaces: string | null
  state: TxState
  block_number: string | null
  block_hash: string | null
  failure_code: string | null
  failure_reason: string | null
}

interface LinkRow {
  payout_id: string
  row: number
}

/** A stored transaction as the chain engine reads it, with the rows it is linked to in link order. */
function journalTx(r: TxRow, links: readonly LinkRow[]): JournalTx {
  return {
    payoutId: r.payout_id,
    step: r.step,
    purpose: r.purpose,
    chainId: BigInt(r.chain_id),
    from: r.sender,
    nonce: r.nonce,
    raw: r.raw,
    hash: r.hash,
    itemIds: links.map((i) => itemId(i.payout_id, i.row)),
    ...(r.replaces === null ? {} : { replaces: r.replaces }),
    state: r.state,
    ...(r.block_number === null || r.block_hash === null
      ? {}
      : { block: { number: BigInt(r.block_number), hash: r.block_hash } }),
    ...(r.failure_code === null ? {} : { failure: { code: r.failure_code, reason: r.failure_reason ?? '' } })
  }
}

/** What a transaction is, by its purpose, as its history entries name it. */
const TRANSACTION_KIND: Readonly<Record<TxPurpose, string>> = {
  payment: 'Payment',
  approve: 'Token allowance',
  cancel: 'Cancellation',
  revoke: 'Allowance revocation'
}

/**
 * "Payment transaction for 20 rows": the summary of a 'signed' entry (and its 'broadcast').
 * `transactionsInHistory` reads the row count back from it (ROWS_IN_SUMMARY).
 */
function transactionSummary(purpose: TxPurpose, rows: number): string {
  return `${TRANSACTION_KIND[purpose]} transaction for ${rows} ${rows === 1 ? 'row' : 'rows'}`
}

/** What a confirmed transaction that settles no row did, by its purpose. */
const SETTLED_NO_ROW: Readonly<Record<TxPurpose, string>> = {
  payment: 'no row settled',
  approve: 'token allowance for the batch in place',
  cancel: 'cancellation processed',
  revoke: 'token allowance taken back'
}

/** "Block 1,234: 3 rows paid, fee 0.00127 ETH", with the transaction and the exact fee for the details. */
function confirmedDetail(
  hash: string,
  purpose: TxPurpose,
  c: Confirmation,
  paid: number,
  coin: AssetUnits | undefined
): string {
  const unchecked = c.items.filter((i) => !i.paid && i.needsCheck === true).length
  const failed = c.items.length - paid - unchecked
  const fee = coin === undefined ? `${c.feePaid} base units` : peopleAmount(c.feePaid, coin)
  const settled =
    c.items.length === 0
      ? SETTLED_NO_ROW[purpose]
      : `${paid} ${paid === 1 ? 'row' : 'rows'} paid${failed === 0 ? '' : `, ${failed} failed`}${unchecked === 0 ? '' : `, ${unchecked} to check`}`
  return withExact(`Block ${c.block.number.toLocaleString('en-US')}: ${settled}; fee ${fee}`, [
    `Transaction ${hash}`,
    `Fee: ${c.feePaid} base units`
  ])
}

/** Item statuses of a row still waiting for a transaction's outcome. */
const OPEN_ITEM_STATUSES: ReadonlySet<string> = new Set(['in_progress', 'needs_check'])

/** SQLite's `PRAGMA synchronous` level NORMAL: in WAL mode, commit without an fsync of its own. */
const SYNCHRONOUS_NORMAL = 1

export interface JournalOptions {
  readonly now: () => Date
  readonly actor?: string
  /** The network's coin, which fees are paid in: fees are then written in its units ("fee 0.00127 ETH"). */
  readonly coinOf?: (chainId: string) => AssetUnits | undefined
  readonly payoutChanged?: (payoutId: string, status: PayoutStatus) => void
  /** Makes a file durable (fsync) off the main thread; tests observe it. Default: fsyncFile. */
  readonly syncFile?: (path: string) => Promise<void>
}

const openFile = promisify(open)
const syncFd = promisify(fsync)
const closeFd = promisify(close)

/** fsync of a file by path, on the thread pool (plain descriptors: lighter on the main thread than FileHandle). */
export async function fsyncFile(path: string): Promise<void> {
  const fd = await openFile(path, 'r+')
  try {
    await syncFd(fd)
  } finally {
    await closeFd(fd)
  }
}

const IN_MEMORY = ':memory:'

/** Distinct senders whose forms are remembered: a handful of paying accounts, not recipients. */
const MAX_REMEMBERED_SENDERS = 64
const rememberedSenders = new Map<string, SenderForms>()

/** A sender as stored (EIP-55 checksum) and in lower case, the other form a stored row may have. */
export interface SenderForms {
  readonly stored: string
  readonly lower: string
}

/** Both forms of `from`; remembered, since a payout run asks for the same payer several times a step. Throws on a non-address. */
export function senderForms(from: string): SenderForms {
  const known = rememberedSenders.get(from)
  if (known !== undefined) return known
  const stored = getAddress(from)
  const forms = { stored, lower: stored.toLowerCase() }
  if (rememberedSenders.size >= MAX_REMEMBERED_SENDERS) rememberedSenders.clear()
  rememberedSenders.set(from, forms)
  return forms
}

/** The sender look-ups; exported so a test can check that SQLite answers them from the index. */
export const SENDER_LOOKUP_SQL = {
  byNonce: 'SELECT * FROM transactions WHERE chain_id = ? AND sender IN (?, ?) AND nonce = ? ORDER BY rowid',
  highestNonce: 'SELECT MAX(nonce) AS n FROM transactions WHERE chain_id = ? AND sender IN (?, ?)'
} as const

/**
 * Confirmed transactions of a chain from a block on (the reorg re-check); served by the partial
 * index transactions_confirmed_by_block (schema 8), whose expression and condition it repeats.
 */
export const CONFIRMED_SINCE_SQL =
  "SELECT * FROM transactions WHERE chain_id = ? AND state = 'confirmed' AND CAST(block_number AS INTEGER) >= ? ORDER BY rowid"

/** The exact line of a 'signed' history entry; `transactionsInHistory` reads the hashes back from it. */
function signedExact(tx: NewJournalTx): string {
  return `Transaction ${tx.hash}, nonce ${tx.nonce}${tx.replaces ? `, replacing ${tx.replaces}` : ''}`
}

const TX_HASH_IN_TEXT = /0x[0-9a-fA-F]{64}/g
/** "… transaction for 3 rows" in a 'signed' entry's summary. */
const ROWS_IN_SUMMARY = /transaction for (\d+) rows?\b/

/**
 * Every transaction the payout's history says was signed for it (and each one it replaced), with
 * when: the audit log is hash-chained and anchored in what people sign, the journal is not, so a
 * transaction the history names and the journal lacks was removed from the file by hand.
 */
export function transactionsInHistory(
  db: ReadDb | WriteDb,
  payoutId: string
): Array<{ readonly hash: string; readonly at: string; readonly rows?: number }> {
  const rows = db
    .prepare("SELECT at, detail FROM audit_log WHERE payout_id = ? AND action = 'signed' ORDER BY id")
    .all(payoutId) as Array<{ at: string; detail: string }>
  return rows.flatMap((r) => {
    // The first hash is the transaction signed, for the rows the summary counts; a second is one it replaced.
    const count = ROWS_IN_SUMMARY.exec(r.detail)
    return [...r.detail.matchAll(TX_HASH_IN_TEXT)].map((m, i) => ({
      hash: m[0].toLowerCase(),
      at: r.at,
      ...(i === 0 && count !== null ? { rows: Number(count[1]) } : {})
    }))
  })
}

export function createSqliteJournal(db: WriteDb, options: JournalOptions): ExecutionJournal {
  const actor = options.actor ?? 'system'
  const stamp = () => options.now().toISOString()
  const itemsOf = db.prepare('SELECT payout_id, row FROM transaction_items WHERE tx_hash = ? ORDER BY position')
  const linkCount = db.prepare('SELECT COUNT(*) AS n FROM transaction_items WHERE tx_hash = ?')
  const setTxState = db.prepare('UPDATE transactions SET state = ?, updated_at = ? WHERE hash = ?')
  const setItem = db.prepare(
    'UPDATE payout_items SET status = ?, tx_hash = ?, failure = ? WHERE payout_id = ? AND row = ?'
  )
  // Prepared once: a payout run records, marks and looks up a transaction per step.
  const txByHash = db.prepare('SELECT * FROM transactions WHERE hash = ?')
  const insertTx = db.prepare(
    `INSERT INTO transactions (hash, payout_id, step, purpose, chain_id, sender, nonce, raw, replaces, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'signed', ?, ?)`
  )
  const linkItem = db.prepare('INSERT INTO transaction_items (tx_hash, position, payout_id, row) VALUES (?, ?, ?, ?)')
  const holdItem = db.prepare(
    "UPDATE payout_items SET status = 'in_progress' WHERE payout_id = ? AND row = ? AND status IN ('draft', 'queued', 'failed')"
  )
  const txsByNonce = db.prepare(SENDER_LOOKUP_SQL.byNonce)
  const txsOfPayout = db.prepare('SELECT * FROM transactions WHERE payout_id = ? ORDER BY rowid')
  const confirmedSince = db.prepare(CONFIRMED_SINCE_SQL)
  const groupHashes = db.prepare('SELECT hash FROM transactions WHERE chain_id = ? AND sender = ? AND nonce = ?')
  const itemState = db.prepare('SELECT status, tx_hash FROM payout_items WHERE payout_id = ? AND row = ?')
  const clearNote = db.prepare('UPDATE transactions SET failure_code = NULL, failure_reason = NULL WHERE hash = ?')
  /** Items that needed checking because of an unverified transaction are in progress again. */
  const restoreChecked = db.prepare(
    "UPDATE payout_items SET status = 'in_progress', failure = NULL WHERE payout_id = ? AND row = ? AND status = 'needs_check'"
  )
  const maxNonce = db.prepare(SENDER_LOOKUP_SQL.highestNonce)
  // The log recordSigned syncs itself; without a WAL file (in memory, another journal mode) it commits fully synced.
  const walFile =
    db.name !== IN_MEMORY &&
    db.name !== '' &&
    String(db.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal'
      ? `${db.name}-wal`
      : undefined
  const syncFile = options.syncFile ?? fsyncFile

  function toTx(r: TxRow): JournalTx {
    return journalTx(r, itemsOf.all(r.hash) as LinkRow[])
  }

  function load(hash: string): TxRow {
    const r = txByHash.get(hash) as TxRow | undefined
    if (r === undefined) throw new Error(`The journal has no transaction ${hash}`)
    return r
  }

  /** The hashes of a transaction's nonce group: itself, the one it replaced and its replacements. */
  function groupOf(r: TxRow): Set<string> {
    return new Set((groupHashes.all(r.chain_id, r.sender, r.nonce) as Array<{ hash: string }>).map((g) => g.hash))
  }

  /**
   * Whether an item still waits on this nonce group: it names one of its transactions, or none (an
   * approval or cancel holds it). An item a person released after it needed checking (and that may
   * since be queued or paid by another transaction) no longer does.
   */
  function waitsOn(item: { tx_hash: string | null }, group: ReadonlySet<string>): boolean {
    return item.tx_hash === null || group.has(item.tx_hash)
  }

  function itemsOfRow(r: TxRow): Array<{ payout_id: string; row: number }> {
    return itemsOf.all(r.hash) as Array<{ payout_id: string; row: number }>
  }

  /** From unverified to known again (mined, or live once more): its items no longer need checking. */
  function leaveUnverified(r: TxRow): void {
    if (r.state !== TX_STATE.unverified) return
    clearNote.run(r.hash)
    for (const i of itemsOfRow(r)) restoreChecked.run(i.payout_id, i.row)
    appendAudit(db, {
      actor,
      action: 'verified',
      payoutId: r.payout_id,
      detail: `${r.hash} can be read on the network again; its rows no longer need checking`
    })
  }

  /** Re-derives a payout's status from its items once it is executing; audits a change. */
  function settlePayout(payoutId: string, detail: string): void {
    const p = getPayoutRow(db, payoutId)
    if (p === undefined || p.status !== 'in_progress') return
    const next = deriveExecutionStatus(itemStatusCounts(db, payoutId))
    if (next === p.status) return
    const at = stamp()
    setPayoutStatus(db, payoutId, next, at)
    appendAudit(db, { actor, action: next, payoutId, fromStatus: p.status, toStatus: next, at, detail })
    changed.push([payoutId, next])
  }

  /** A settled payout whose rows are in progress again (a reorg) is in progress again; audited. */
  function reopenPayout(payoutId: string, detail: string): void {
    const p = getPayoutRow(db, payoutId)
    if (p === undefined || (p.status !== 'completed' && p.status !== 'failed')) return settlePayout(payoutId, detail)
    const t = nextStatus(p.status, 'reorg', { requireApproval: false, broadcastCount: 1 })
    const at = stamp()
    setPayoutStatus(db, payoutId, t.to, at)
    appendAudit(db, { actor, action: 'reorged', payoutId, fromStatus: p.status, toStatus: t.to, at, detail })
    changed.push([payoutId, t.to])
  }

  let changed: Array<[string, PayoutStatus]> = []
  function write<T>(fn: () => T): T {
    changed = []
    const result = inTransaction(db, fn)
    for (const [id, status] of changed) options.payoutChanged?.(id, status)
    return result
  }

  /**
   * A commit without an fsync of its own: on disk with the next synced commit (the WAL is appended
   * in order and every later sync of it covers this one), or with recordSigned's own sync of the
   * log. Survives a crash of the process like any write (it has reached the OS); only a power loss
   * before the next sync can undo it. Used only where that is harmless (markBroadcast) or followed
   * by that sync (recordSigned).
   */
  function writeRelaxed(fn: () => void): void {
    const previous = db.pragma('synchronous', { simple: true }) as number
    db.pragma(`synchronous = ${SYNCHRONOUS_NORMAL}`)
    try {
      write(fn)
    } finally {
      db.pragma(`synchronous = ${previous}`)
    }
  }

  return {
    async recordSigned(tx: NewJournalTx) {
      const commit = walFile === undefined ? write : writeRelaxed
      commit(() => {
        const at = stamp()
        insertTx.run(
          tx.hash,
          tx.payoutId,
          tx.step,
          tx.purpose,
          tx.chainId.toString(),
          senderForms(tx.from).stored,
          tx.nonce,
          tx.raw,
          tx.replaces ?? null,
          at,
          at
        )
        tx.itemIds.forEach((id, position) => {
          const { payoutId, row } = parseItemId(id)
          linkItem.run(tx.hash, position, payoutId, row)
          // Payments name the transaction that pays the item; approvals and cancels only hold it in progress.
          if (tx.purpose === 'payment') setItem.run('in_progress', tx.hash, null, payoutId, row)
          else holdItem.run(payoutId, row)
        })
        // Signed on the Ledger of the sending account: the history names that person, not the app.
        appendAudit(db, {
          actor: senderForms(tx.from).stored,
          action: 'signed',
          payoutId: tx.payoutId,
          at,
          detail: withExact(
            `${transactionSummary(tx.purpose, tx.itemIds.length)}${tx.replaces ? ', replacing an earlier one' : ''}`,
            [signedExact(tx)]
          )
        })
      })
      // Durable before it resolves, so before anything can broadcast it (see the header).
      if (walFile !== undefined) await syncFile(walFile)
    },
    // Not fsynced on its own: losing it (power loss only) leaves the transaction 'signed', the state
    // it has anyway between the send and this write; the tracker then finds it by hash on the node or
    // in a block, or re-sends the same bytes, and marks it again. It never decides what is paid. It
    // is made durable by the next synced commit: in a payout run, the next transaction's recordSigned.
    markBroadcast(hash) {
      writeRelaxed(() => {
        const r = load(hash)
        setTxState.run(TX_STATE.broadcast, stamp(), hash)
        appendAudit(db, {
          actor: senderForms(r.sender).stored,
          action: 'broadcast',
          payoutId: r.payout_id,
          detail: withExact(
            `${transactionSummary(r.purpose, (linkCount.get(hash) as { n: number }).n)}, nonce ${r.nonce}`,
            [`Transaction ${hash}`]
          )
        })
      })
    },
    markMined(hash, block) {
      write(() => {
        leaveUnverified(load(hash))
        db.prepare(
          'UPDATE transactions SET state = ?, block_number = ?, block_hash = ?, updated_at = ? WHERE hash = ?'
        ).run(TX_STATE.mined, block.number.toString(), block.hash, stamp(), hash)
      })
    },
    markUnmined(hash) {
      write(() => {
        const r = load(hash)
        leaveUnverified(r)
        db.prepare(
          'UPDATE transactions SET state = ?, block_number = NULL, block_hash = NULL, updated_at = ? WHERE hash = ?'
        ).run(TX_STATE.broadcast, stamp(), hash)
        appendAudit(db, {
          actor,
          action: 'reorged',
          payoutId: r.payout_id,
          detail: `${hash} left the chain in a reorganisation; waiting for it to be mined again`
        })
      })
    },
    markConfirmed(hash, c: Confirmation) {
      write(() => {
        const r = load(hash)
        db.prepare(
          'UPDATE transactions SET state = ?, block_number = ?, block_hash = ?, gas_used = ?, fee_paid = ?, updated_at = ? WHERE hash = ?'
        ).run(
          TX_STATE.confirmed,
          c.block.number.toString(),
          c.block.hash,
          c.gasUsed.toString(),
          c.feePaid.toString(),
          stamp(),
          hash
        )
        const touched = new Set<string>()
        const group = groupOf(r)
        for (const outcome of c.items) {
          const { payoutId, row } = parseItemId(outcome.itemId)
          const current = itemState.get(payoutId, row) as { status: string; tx_hash: string | null } | undefined
          if (current === undefined) continue
          touched.add(payoutId)
          const waiting = waitsOn(current, group) && OPEN_ITEM_STATUSES.has(current.status)
          if (!outcome.paid) {
            // A row released for another payment keeps whatever that payment does for it.
            if (waiting)
              setItem.run(
                outcome.needsCheck === true ? 'needs_check' : 'failed',
                hash,
                `${outcome.failure.code}: ${outcome.failure.reason}`,
                payoutId,
                row
              )
            continue
          }
          if (current.status === 'paid') {
            if (current.tx_hash !== null && group.has(current.tx_hash))
              throw new Error(`Item ${outcome.itemId} is already paid; refusing to settle it twice`)
            // The chain paid it twice (a person released the row as not paid): recorded, not hidden.
            appendAudit(db, {
              actor,
              action: 'paid_twice',
              payoutId,
              detail: `row ${row} was paid again by ${hash}; it was already paid by ${current.tx_hash ?? 'an earlier transaction'}`
            })
            continue
          }
          if (!waiting)
            appendAudit(db, {
              actor,
              action: 'paid_after_release',
              payoutId,
              detail: `row ${row} was paid by ${hash} after it had been released to be paid again`
            })
          setItem.run('paid', hash, null, payoutId, row)
        }
        const paid = c.items.filter((i) => i.paid).length
        appendAudit(db, {
          actor,
          action: 'confirmed',
          payoutId: r.payout_id,
          detail: confirmedDetail(hash, r.purpose, c, paid, options.coinOf?.(r.chain_id))
        })
        for (const id of touched) settlePayout(id, `after ${hash}`)
      })
    },
    markFailed(hash, failure: TxFailure) {
      write(() => {
        const r = load(hash)
        db.prepare(
          'UPDATE transactions SET state = ?, failure_code = ?, failure_reason = ?, updated_at = ? WHERE hash = ?'
        ).run(TX_STATE.failed, failure.code, failure.reason, stamp(), hash)
        const touched = new Set<string>()
        const group = groupOf(r)
        for (const i of itemsOfRow(r)) {
          const current = itemState.get(i.payout_id, i.row) as { status: string; tx_hash: string | null } | undefined
          touched.add(i.payout_id)
          // Rows it held that are still waiting on it fail; a row released or paid since is left alone.
          if (current === undefined || !waitsOn(current, group) || !OPEN_ITEM_STATUSES.has(current.status)) continue
          db.prepare("UPDATE payout_items SET status = 'failed', failure = ? WHERE payout_id = ? AND row = ?").run(
            `${failure.code}: ${failure.reason}`,
            i.payout_id,
            i.row
          )
        }
        appendAudit(db, { actor, action: 'failed', payoutId: r.payout_id, detail: `${hash}: ${failure.reason}` })
        for (const id of touched) settlePayout(id, `${hash} failed: ${failure.reason}`)
      })
    },
    markReplaced(hash, byHash) {
      write(() => {
        const r = load(hash)
        setTxState.run(TX_STATE.replaced, stamp(), hash)
        appendAudit(db, { actor, action: 'replaced', payoutId: r.payout_id, detail: `${hash} replaced by ${byHash}` })
      })
    },
    markUnverified(hash, note: TxFailure) {
      write(() => {
        const r = load(hash)
        db.prepare(
          'UPDATE transactions SET state = ?, failure_code = ?, failure_reason = ?, updated_at = ? WHERE hash = ?'
        ).run(TX_STATE.unverified, note.code, note.reason, stamp(), hash)
        const group = groupOf(r)
        for (const i of itemsOfRow(r)) {
          const current = itemState.get(i.payout_id, i.row) as { status: string; tx_hash: string | null } | undefined
          if (current === undefined || current.status !== 'in_progress' || !waitsOn(current, group)) continue
          db.prepare("UPDATE payout_items SET status = 'needs_check', failure = ? WHERE payout_id = ? AND row = ?").run(
            `${note.reason} Transaction: ${hash}`,
            i.payout_id,
            i.row
          )
        }
        appendAudit(db, { actor, action: 'unverified', payoutId: r.payout_id, detail: `${hash}: ${note.reason}` })
      })
    },
    markReorged(hash) {
      write(() => {
        const r = load(hash)
        const group = groupOf(r)
        const at = stamp()
        db.prepare(
          'UPDATE transactions SET state = ?, block_number = NULL, block_hash = NULL, gas_used = NULL, fee_paid = NULL, updated_at = ? WHERE hash = ?'
        ).run(TX_STATE.broadcast, at, hash)
        // Whichever of the nonce group is mined now decides again.
        for (const other of group)
          if (other !== hash)
            db.prepare("UPDATE transactions SET state = ?, updated_at = ? WHERE hash = ? AND state = 'replaced'").run(
              TX_STATE.broadcast,
              at,
              other
            )
        const touched = new Set<string>([r.payout_id])
        for (const i of itemsOfRow(r)) {
          const current = itemState.get(i.payout_id, i.row) as { status: string; tx_hash: string | null } | undefined
          if (current === undefined || !waitsOn(current, group)) continue
          if (current.status !== 'paid' && current.status !== 'failed' && current.status !== 'needs_check') continue
          db.prepare(
            "UPDATE payout_items SET status = 'in_progress', failure = NULL WHERE payout_id = ? AND row = ?"
          ).run(i.payout_id, i.row)
          touched.add(i.payout_id)
        }
        appendAudit(db, {
          actor,
          action: 'reorged',
          payoutId: r.payout_id,
          at,
          detail: `${hash} was confirmed, but its block left the chain in a reorganisation; its rows are in progress again until it is mined again`
        })
        for (const id of touched) reopenPayout(id, `${hash} left the chain after it was confirmed`)
      })
    },
    listUnverified() {
      return (db.prepare("SELECT * FROM transactions WHERE state = 'unverified' ORDER BY rowid").all() as TxRow[]).map(
        toTx
      )
    },
    listConfirmedSince(chainId, fromBlock) {
      return (confirmedSince.all(chainId.toString(), fromBlock) as TxRow[]).map(toTx)
    },
    listUnsettled() {
      const marks = LIVE_TX_STATES.map(() => '?').join(', ')
      return (
        db
          .prepare(`SELECT * FROM transactions WHERE state IN (${marks}) ORDER BY rowid`)
          .all(...LIVE_TX_STATES) as TxRow[]
      ).map(toTx)
    },
    listOfPayout(payoutId) {
      return (txsOfPayout.all(payoutId) as TxRow[]).map(toTx)
    },
    listByNonce(chainId, from, nonce) {
      const { stored, lower } = senderForms(from)
      return (txsByNonce.all(chainId.toString(), stored, lower, nonce) as TxRow[]).map(toTx)
    },
    highestNonce(chainId, from) {
      const { stored, lower } = senderForms(from)
      const r = maxNonce.get(chainId.toString(), stored, lower) as { n: number | null }
      return r.n ?? undefined
    }
  }
}

/** A payout's transactions for display: no raw bytes leave main. */
export function listPayoutTransactions(db: ReadDb | WriteDb, payoutId: string): PayoutTransactionView[] {
  const rows = db
    .prepare(
      `SELECT t.*, (SELECT COUNT(*) FROM transaction_items i WHERE i.tx_hash = t.hash) AS item_count
       FROM transactions t WHERE t.payout_id = ? ORDER BY t.rowid`
    )
    .all(payoutId) as Array<TxRow & { item_count: number; fee_paid: string | null; created_at: string }>
  return rows.map((r) => ({
    hash: r.hash,
    step: r.step,
    purpose: r.purpose,
    nonce: r.nonce,
    from: r.sender,
    state: r.state,
    replaces: r.replaces,
    blockNumber: r.block_number,
    failure: r.failure_code === null ? null : `${r.failure_reason ?? r.failure_code}`,
    feePaidBaseUnits: r.fee_paid,
    rows: r.item_count,
    createdAt: r.created_at
  }))
}

/** The payout's transactions that may still pay (open states), oldest first, as the chain engine reads them. */
export function openTransactionsOfPayout(db: ReadDb | WriteDb, payoutId: string): JournalTx[] {
  const marks = OPEN_TX_STATES.map(() => '?').join(', ')
  const links = db.prepare('SELECT payout_id, row FROM transaction_items WHERE tx_hash = ? ORDER BY position')
  return (
    db
      .prepare(`SELECT * FROM transactions WHERE payout_id = ? AND state IN (${marks}) ORDER BY rowid`)
      .all(payoutId, ...OPEN_TX_STATES) as TxRow[]
  ).map((r) => journalTx(r, links.all(r.hash) as LinkRow[]))
}

/** A row marked paid, with the transaction it names and where that transaction links it (null: nowhere). */
export interface PaidRowRecord {
  readonly payoutId: string
  readonly row: number
  readonly assetId: string
  readonly address: string | null
  readonly amount: string | null
  readonly txHash: string | null
  readonly position: number | null
}

/** The journal's record of one transaction as far as checking what it paid goes. */
export interface PaidByRecord {
  readonly state: TxState
  readonly raw: string
}

/** A paid row, the payout's currency, and the place the transaction it names links it at. */
const PAID_ROW_COLUMNS = `SELECT i.payout_id AS payoutId, i.row AS row, p.asset_id AS assetId, i.address AS address,
       i.amount AS amount, i.tx_hash AS txHash,
       (SELECT ti.position FROM transaction_items ti
         WHERE ti.payout_id = i.payout_id AND ti.row = i.row AND ti.tx_hash = i.tx_hash) AS position
  FROM payout_items i JOIN payouts p ON p.id = i.payout_id`

/** The payouts with at least one row marked paid, and their currency, by id. */
export function payoutsWithPaidRows(db: ReadDb): Array<{ readonly id: string; readonly assetId: string }> {
  return db
    .prepare(
      `SELECT p.id AS id, p.asset_id AS assetId FROM payouts p
       WHERE EXISTS (SELECT 1 FROM payout_items i WHERE i.payout_id = p.id AND i.status = 'paid') ORDER BY p.id`
    )
    .all() as Array<{ id: string; assetId: string }>
}

/** Up to `limit` of one payout's rows marked paid after row `afterRow`, in row order. */
export function paidRowPage(db: ReadDb, payoutId: string, afterRow: number, limit: number): PaidRowRecord[] {
  return db
    .prepare(`${PAID_ROW_COLUMNS} WHERE i.payout_id = ? AND i.row > ? AND i.status = 'paid' ORDER BY i.row LIMIT ?`)
    .all(payoutId, afterRow, limit) as PaidRowRecord[]
}

/** The journal's record of one transaction, as far as checking what it paid goes. */
export function paidByRecord(db: ReadDb, hash: string): PaidByRecord | undefined {
  return db.prepare('SELECT state, raw FROM transactions WHERE hash = ?').get(hash) as PaidByRecord | undefined
}
