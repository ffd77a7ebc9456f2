// Runs in: main (plain Node). A payout's status file in the outbox folder, written whenever its
// status changes: "<external id or payout id>.json" and ".csv" with the payout's status and, per
// row, address, amount, status, transaction hash, block and failure reason. Each is written whole
// under a temporary name and renamed into place, so the other system never reads half of one.
import { join } from 'node:path'
import type { PayoutSummary } from '../../../shared/api'
import { csvText, num, text } from '../../accounting/exports/csvWriter'
import { formatAmount } from '../../domain/money'
import { statusRowsAfter, type StatusRow } from '../../store/automationRepo'
import type { ReadDb } from '../../store/db'
import { writeFileAtomic } from '../atomicFile'

/** Rows read per query: a 1,000,000-row payout is written in pages, never held whole. */
const PAGE = 10_000
const CSV_HEADER = [
  'external_id',
  'payout_id',
  'payout_status',
  'row',
  'address',
  'amount',
  'amount_base_units',
  'reference',
  'status',
  'transaction_hash',
  'block',
  'failure_reason'
] as const

export function statusFileStem(payout: PayoutSummary): string {
  return payout.source.externalId ?? payout.id
}

function* pages(db: ReadDb, payoutId: string): Generator<StatusRow[]> {
  let after = 0
  for (;;) {
    const rows = statusRowsAfter(db, payoutId, after, PAGE)
    if (rows.length === 0) return
    yield rows
    after = rows[rows.length - 1]![0]
  }
}

function jsonRow(r: StatusRow, decimals: number): string {
  const [row, address, amount, reference, status, txHash, block, failure] = r
  return JSON.stringify({
    row,
    address,
    amount: amount === null ? null : formatAmount(BigInt(amount), decimals),
    amountBaseUnits: amount,
    reference,
    status,
    transactionHash: txHash,
    block,
    failureReason: failure
  })
}

function* jsonChunks(db: ReadDb, payout: PayoutSummary): Generator<string> {
  const head = {
    payoutId: payout.id,
    externalId: payout.source.externalId,
    source: payout.source,
    status: payout.status,
    updatedAt: payout.updatedAt,
    network: { chainId: payout.chainId, name: payout.networkName },
    asset: { id: payout.assetId, symbol: payout.assetSymbol, decimals: payout.decimals },
    total: formatAmount(BigInt(payout.totalBaseUnits), payout.decimals),
    totalBaseUnits: payout.totalBaseUnits,
    recipientCount: payout.recipientCount
  }
  const opening = JSON.stringify(head, null, 2)
  yield `${opening.slice(0, -2)},\n  "rows": [`
  let first = true
  for (const rows of pages(db, payout.id)) {
    for (const r of rows) {
      yield `${first ? '' : ','}\n    ${jsonRow(r, payout.decimals)}`
      first = false
    }
  }
  yield `${first ? '' : '\n  '}]\n}\n`
}

function* csvChunks(db: ReadDb, payout: PayoutSummary): Generator<string> {
  let header = true
  for (const rows of pages(db, payout.id)) {
    const cells = rows.map(([row, address, amount, reference, status, txHash, block, failure]) => [
      text(payout.source.externalId ?? ''),
      text(payout.id),
      text(payout.status),
      num(String(row)),
      text(address),
      num(amount === null ? '' : formatAmount(BigInt(amount), payout.decimals)),
      num(amount ?? ''),
      text(reference),
      text(status),
      text(txHash ?? ''),
      num(block ?? ''),
      text(failure ?? '')
    ])
    const chunk = csvText(CSV_HEADER, cells, { bom: header })
    // csvText writes the header each time; only the first page keeps it.
    yield header ? chunk : chunk.slice(chunk.indexOf('\r\n') + 2)
    header = false
  }
  if (header) yield csvText(CSV_HEADER, [], { bom: true })
}

/** Writes both status files of `payout` into `folder`; returns the JSON file's path. */
export function writeStatusFiles(db: ReadDb, folder: string, payout: PayoutSummary): string {
  const stem = statusFileStem(payout)
  writeFileAtomic(join(folder, `${stem}.csv`), csvChunks(db, payout))
  const json = join(folder, `${stem}.json`)
  writeFileAtomic(json, jsonChunks(db, payout))
  return json
}
