// Runs in: main (plain Node). Safe transactions and owner signatures in SQLite: every SafeTx field
// (256-bit values as decimal TEXT), its hash and nonce, the rows it pays and where it stands; and
// per Safe transaction the signatures collected (signer, the 65 bytes, device or file, when).
import type { PaymentRow } from '../chain/planTypes'
import type { Operation } from '../safe/abi'
import type { SafeTx } from '../safe/safeTx'
import type { ReadDb, WriteDb } from './db'

export const SAFE_TX_STATUS = {
  awaitingSignatures: 'awaiting_signatures',
  executing: 'executing',
  executed: 'executed',
  nonceConsumed: 'nonce_consumed',
  cancelled: 'cancelled',
  superseded: 'superseded'
} as const
export type SafeTxStatusName = (typeof SAFE_TX_STATUS)[keyof typeof SAFE_TX_STATUS]
/** States in which a Safe transaction still covers its rows: they must not be planned again. */
export const COVERING_STATES: readonly SafeTxStatusName[] = [
  SAFE_TX_STATUS.awaitingSignatures,
  SAFE_TX_STATUS.executing,
  SAFE_TX_STATUS.executed
]

export const SAFE_TX_ORIGIN = { planned: 'planned', imported: 'imported' } as const
export type SafeTxOrigin = (typeof SAFE_TX_ORIGIN)[keyof typeof SAFE_TX_ORIGIN]
export const SAFE_TX_PURPOSE = { payment: 'payment', cancel: 'cancel' } as const
export type SafeTxPurpose = (typeof SAFE_TX_PURPOSE)[keyof typeof SAFE_TX_PURPOSE]
/** How the rows are paid: a route of the planner, or 'cancel' for a cancellation. */
export type StoredRoute = 'transfers' | 'batch_contract' | 'cancel'

export interface StoredSafeTx {
  readonly safeTxHash: string
  readonly payoutId: string
  readonly revision: number
  readonly payoutDigest: string
  readonly chainId: number
  readonly safe: string
  readonly assetId: string
  readonly origin: SafeTxOrigin
  readonly purpose: SafeTxPurpose
  readonly route: StoredRoute
  readonly position: number
  readonly planSize: number
  readonly safeTx: SafeTx
  readonly rows: readonly PaymentRow[]
  readonly sinceBlock: bigint
  readonly state: SafeTxStatusName
  readonly explanation: string | null
  readonly executionHash: string | null
  readonly createdAt: string
  readonly updatedAt: string
}

export interface StoredSafeSignature {
  readonly safeTxHash: string
  readonly signer: string
  readonly signature: string
  readonly mode: 'full' | 'hashed'
  readonly source: 'device' | 'file'
  readonly sourceFile: string | null
  readonly signedAt: string
  readonly recordedAt: string
}

interface TxRow {
  safe_tx_hash: string
  payout_id: string
  revision: number
  payout_digest: string
  chain_id: number
  safe: string
  asset_id: string
  origin: SafeTxOrigin
  purpose: SafeTxPurpose
  route: StoredRoute
  position: number
  plan_size: number
  to_address: string
  value: string
  data: string
  operation: number
  safe_tx_gas: string
  base_gas: string
  gas_price: string
  gas_token: string
  refund_receiver: string
  nonce: string
  rows: string
  since_block: string
  state: SafeTxStatusName
  explanation: string | null
  execution_hash: string | null
  created_at: string
  updated_at: string
}

type RowJson = { itemId: string; row: number; to: string; amount: string }

function fromRow(r: TxRow): StoredSafeTx {
  return {
    safeTxHash: r.safe_tx_hash,
    payoutId: r.payout_id,
    revision: r.revision,
    payoutDigest: r.payout_digest,
    chainId: r.chain_id,
    safe: r.safe,
    assetId: r.asset_id,
    origin: r.origin,
    purpose: r.purpose,
    route: r.route,
    position: r.position,
    planSize: r.plan_size,
    safeTx: {
      to: r.to_address,
      value: BigInt(r.value),
      data: r.data,
      operation: r.operation as Operation,
      safeTxGas: BigInt(r.safe_tx_gas),
      baseGas: BigInt(r.base_gas),
      gasPrice: BigInt(r.gas_price),
      gasToken: r.gas_token,
      refundReceiver: r.refund_receiver,
      nonce: BigInt(r.nonce)
    },
    rows: (JSON.parse(r.rows) as RowJson[]).map((x) => ({ ...x, amount: BigInt(x.amount) })),
    sinceBlock: BigInt(r.since_block),
    state: r.state,
    explanation: r.explanation,
    executionHash: r.execution_hash,
    createdAt: r.created_at,
    updatedAt: r.updated_at
  }
}

export function insertSafeTx(db: WriteDb, t: StoredSafeTx): void {
  const tx = t.safeTx
  db.prepare(
    `INSERT INTO safe_transactions (safe_tx_hash, payout_id, revision, payout_digest, chain_id, safe, asset_id, origin,
       purpose, route, position, plan_size, to_address, value, data, operation, safe_tx_gas, base_gas, gas_price,
       gas_token, refund_receiver, nonce, rows, since_block, state, explanation, execution_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(
    t.safeTxHash,
    t.payoutId,
    t.revision,
    t.payoutDigest,
    t.chainId,
    t.safe,
    t.assetId,
    t.origin,
    t.purpose,
    t.route,
    t.position,
    t.planSize,
    tx.to,
    tx.value.toString(),
    tx.data,
    tx.operation,
    tx.safeTxGas.toString(),
    tx.baseGas.toString(),
    tx.gasPrice.toString(),
    tx.gasToken,
    tx.refundReceiver,
    tx.nonce.toString(),
    JSON.stringify(t.rows.map((r) => ({ itemId: r.itemId, row: r.row, to: r.to, amount: r.amount.toString() }))),
    t.sinceBlock.toString(),
    t.state,
    t.explanation,
    t.executionHash,
    t.createdAt,
    t.updatedAt
  )
}

/** A payout's Safe transactions, oldest plan first, in plan order. */
export function safeTxsOfPayout(db: ReadDb | WriteDb, payoutId: string): StoredSafeTx[] {
  return (
    db
      .prepare('SELECT * FROM safe_transactions WHERE payout_id = ? ORDER BY created_at, purpose DESC, position')
      .all(payoutId) as TxRow[]
  ).map(fromRow)
}

export function getSafeTxRow(db: ReadDb | WriteDb, safeTxHash: string): StoredSafeTx | undefined {
  const r = db.prepare('SELECT * FROM safe_transactions WHERE safe_tx_hash = ?').get(safeTxHash) as TxRow | undefined
  return r === undefined ? undefined : fromRow(r)
}

export function setSafeTxState(
  db: WriteDb,
  safeTxHash: string,
  state: SafeTxStatusName,
  at: string,
  extra: { readonly explanation?: string | null; readonly executionHash?: string | null } = {}
): void {
  db.prepare(
    `UPDATE safe_transactions SET state = ?, updated_at = ?,
       explanation = CASE WHEN ? THEN ? ELSE explanation END,
       execution_hash = CASE WHEN ? THEN ? ELSE execution_hash END
     WHERE safe_tx_hash = ?`
  ).run(
    state,
    at,
    extra.explanation === undefined ? 0 : 1,
    extra.explanation ?? null,
    extra.executionHash === undefined ? 0 : 1,
    extra.executionHash ?? null,
    safeTxHash
  )
}

/** Whether a payout has Safe transactions that still cover rows (planned, signing, executing, executed). */
export function hasCoveringSafeTxs(db: ReadDb | WriteDb, payoutId: string): boolean {
  const placeholders = COVERING_STATES.map(() => '?').join(', ')
  return (
    db
      .prepare(
        `SELECT 1 FROM safe_transactions WHERE payout_id = ? AND purpose = 'payment' AND origin = 'planned' AND state IN (${placeholders}) LIMIT 1`
      )
      .get(payoutId, ...COVERING_STATES) !== undefined
  )
}

/** Records a verified signature; a second one from the same owner for the same Safe transaction is ignored. */
export function insertSafeSignature(db: WriteDb, s: StoredSafeSignature): boolean {
  return (
    db
      .prepare(
        `INSERT INTO safe_signatures (safe_tx_hash, signer, signature, mode, source, source_file, signed_at, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
      )
      .run(s.safeTxHash, s.signer, s.signature, s.mode, s.source, s.sourceFile, s.signedAt, s.recordedAt).changes > 0
  )
}

interface SigRow {
  safe_tx_hash: string
  signer: string
  signature: string
  mode: 'full' | 'hashed'
  source: 'device' | 'file'
  source_file: string | null
  signed_at: string
  recorded_at: string
}

export function signaturesOf(db: ReadDb | WriteDb, safeTxHash: string): StoredSafeSignature[] {
  return (
    db
      .prepare('SELECT * FROM safe_signatures WHERE safe_tx_hash = ? ORDER BY recorded_at, signer')
      .all(safeTxHash) as SigRow[]
  ).map((r) => ({
    safeTxHash: r.safe_tx_hash,
    signer: r.signer,
    signature: r.signature,
    mode: r.mode,
    source: r.source,
    sourceFile: r.source_file,
    signedAt: r.signed_at,
    recordedAt: r.recorded_at
  }))
}
