// Runs in: main (pure, no I/O). One transaction's records compared with what the chain says it
// did. Every row recorded as paid by it must be found: an ERC-20 Transfer in its receipt's logs, or
// a native value transfer (from a call trace, or for the verified all-or-nothing batch contract
// without a trace, from the calldata of a successful call), with the recorded recipient and
// amount. The fee recorded must equal the receipt's (gas used x effective price + any L1 fee). And
// nothing else may have left the paying account in it: every transfer out of the payer, and out of
// the batch contract it funded, must be a recorded payment (or the batch's funding and refund).
import { getAddress } from 'ethers'
import { erc20Interface } from '../chain/batchContract'
import { readBatchCall } from '../chain/batchCalls'
import type { Receipt } from '../chain/ethRpc'
import { receiptFee, type ChainTransaction, type TraceResult, type ValueTransfer } from '../chain/txEvidence'
import { formatAmountUnambiguous } from '../domain/money'
import type { PaidItem, SentTransaction } from '../store/accountingRepo'
import type { ReconciliationDifference } from '../store/reconciliationRepo'

export const DIFFERENCE = {
  txNotOnChain: 'tx_not_on_chain',
  txFailedOnChain: 'tx_failed_on_chain',
  txSucceededOnChain: 'tx_succeeded_on_chain',
  senderMismatch: 'sender_mismatch',
  feeMismatch: 'fee_mismatch',
  transferMissing: 'transfer_missing',
  amountMismatch: 'amount_mismatch',
  unrecordedOutflow: 'unrecorded_outflow',
  paidWithoutFinalTx: 'paid_without_final_transaction',
  chainUnreadable: 'chain_unreadable'
} as const

export interface ReconcileAsset {
  readonly symbol: string
  readonly decimals: number
  /** Null for the native coin. */
  readonly tokenAddress: string | null
}

export interface TransactionRecord {
  readonly tx: SentTransaction
  /** Items recorded as paid by this transaction. */
  readonly paid: readonly PaidItem[]
  readonly asset: ReconcileAsset
  readonly native: ReconcileAsset
  /** The fee capture stored from the receipt earlier, if any. */
  readonly capturedFee: bigint | null
}

export interface TransactionEvidence {
  readonly receipt: Receipt | undefined
  readonly transaction: ChainTransaction | undefined
  /** Native value moved, from a call trace; undefined when not asked for. */
  readonly trace?: TraceResult
}

export interface TransactionCheck {
  readonly differences: ReconciliationDifference[]
  /** How native transfers were verified, when they were: 'trace', 'calldata' or 'transaction'. */
  readonly nativeBasis?: string
}

interface Movement {
  /** Token contract, or null for the native coin. */
  readonly token: string | null
  readonly from: string
  readonly to: string
  readonly value: bigint
}

const TRANSFER_TOPIC = erc20Interface.getEvent('Transfer')!.topicHash

const topicAddress = (topic: string): string => getAddress(`0x${topic.slice(-40)}`)
const same = (a: string | null, b: string | null): boolean =>
  a !== null && b !== null && a.toLowerCase() === b.toLowerCase()
/** The same asset: the same token contract, or both the native coin (null). */
const sameToken = (a: string | null, b: string | null): boolean => (a === null && b === null) || same(a, b)

function tokenMovements(receipt: Receipt): Movement[] {
  return receipt.logs
    .filter((l) => l.topics[0] === TRANSFER_TOPIC && l.topics.length === 3)
    .map((l) => ({
      token: getAddress(l.address),
      from: topicAddress(l.topics[1]!),
      to: topicAddress(l.topics[2]!),
      value: BigInt(l.data)
    }))
}

/** Native movements: the trace's when there is one; else what the transaction and, for a batch, its calldata say. */
function nativeMovements(t: ChainTransaction, trace: TraceResult | undefined): { moves: Movement[]; basis: string } {
  if (trace?.ok === true)
    return { moves: trace.transfers.map((v: ValueTransfer) => ({ token: null, ...v })), basis: 'trace' }
  const moves: Movement[] = []
  if (t.value > 0n && t.to !== null) moves.push({ token: null, from: t.from, to: t.to, value: t.value })
  const batch = t.to === null ? undefined : readBatchCall(t.input)
  if (t.to !== null && batch !== undefined && batch.token === undefined) {
    let sent = 0n
    for (const p of batch.payments) {
      sent += p.amount
      moves.push({ token: null, from: t.to, to: p.to, value: p.amount })
    }
    if (t.value > sent) moves.push({ token: null, from: t.to, to: t.from, value: t.value - sent })
    return { moves, basis: 'calldata' }
  }
  return { moves, basis: 'transaction' }
}

export function compareTransaction(record: TransactionRecord, evidence: TransactionEvidence): TransactionCheck {
  const { tx, paid, asset } = record
  const differences: ReconciliationDifference[] = []
  const fmt = (value: bigint, a: ReconcileAsset) => `${formatAmountUnambiguous(value, a.decimals)} ${a.symbol}`
  const diff = (code: string, row: number | null, expected: string, found: string, message: string) =>
    differences.push({ payoutId: tx.payoutId, row, txHash: tx.hash, code, expected, found, message })
  const missingAll = (why: string) => {
    for (const item of paid)
      diff(DIFFERENCE.transferMissing, item.row, `${fmt(item.amount, asset)} to ${item.address}`, '', why)
  }
  const { receipt, transaction } = evidence
  if (receipt === undefined || transaction === undefined) {
    diff(DIFFERENCE.txNotOnChain, null, tx.state, 'unknown to the network', `The network has no record of ${tx.hash}.`)
    missingAll(`Recorded as paid by ${tx.hash}, which the network does not know.`)
    return { differences }
  }
  const payer = getAddress(tx.from)
  if (!same(transaction.from, payer))
    diff(
      DIFFERENCE.senderMismatch,
      null,
      payer,
      transaction.from,
      `${tx.hash} was sent by ${transaction.from}, not the recorded payer.`
    )
  const fee = receiptFee(receipt)
  for (const [recorded, where] of [
    [tx.feePaid, 'the journal'],
    [record.capturedFee, 'the captured facts']
  ] as const)
    if (recorded !== null && recorded !== fee)
      diff(
        DIFFERENCE.feeMismatch,
        null,
        fmt(recorded, record.native),
        fmt(fee, record.native),
        `The fee in ${where} differs from the receipt (gas ${receipt.gasUsed} x ${receipt.effectiveGasPrice}${receipt.l1Fee === undefined ? '' : ` + L1 fee ${receipt.l1Fee}`}).`
      )
  if (tx.state === 'confirmed' && !receipt.success) {
    diff(
      DIFFERENCE.txFailedOnChain,
      null,
      'succeeded',
      'reverted',
      `${tx.hash} is recorded as confirmed but reverted on chain.`
    )
    missingAll(`Recorded as paid by ${tx.hash}, which reverted.`)
    return { differences }
  }
  if (tx.state === 'failed' && receipt.success)
    diff(
      DIFFERENCE.txSucceededOnChain,
      null,
      'failed',
      'succeeded',
      `${tx.hash} is recorded as failed but succeeded on chain.`
    )

  const native = nativeMovements(transaction, evidence.trace)
  const moves = [...(receipt.success ? tokenMovements(receipt) : []), ...(receipt.success ? native.moves : [])]
  // Payments leave the payer directly (a plain send, a token's own transfer), or the batch
  // contract the transaction called.
  const viaBatch =
    transaction.to !== null &&
    !same(transaction.to, payer) &&
    (asset.tokenAddress === null ? transaction.input !== '0x' : !same(transaction.to, asset.tokenAddress))
  const source = viaBatch && transaction.to !== null ? transaction.to : payer
  const ofAsset = (m: Movement) => sameToken(m.token, asset.tokenAddress)
  const candidates = moves.filter((m) => ofAsset(m) && same(m.from, source) && !same(m.to, payer))
  const used = new Set<Movement>()
  const take = (pred: (m: Movement) => boolean) => {
    const m = candidates.find((c) => !used.has(c) && pred(c))
    if (m !== undefined) used.add(m)
    return m
  }
  const unmatched: PaidItem[] = []
  for (const item of paid)
    if (take((m) => same(m.to, item.address) && m.value === item.amount) === undefined) unmatched.push(item)
  for (const item of unmatched) {
    const other = take((m) => same(m.to, item.address))
    if (other !== undefined)
      diff(
        DIFFERENCE.amountMismatch,
        item.row,
        fmt(item.amount, asset),
        fmt(other.value, asset),
        `Row ${item.row}: the chain paid ${item.address} ${fmt(other.value, asset)}; the records say ${fmt(item.amount, asset)}.`
      )
    else
      diff(
        DIFFERENCE.transferMissing,
        item.row,
        `${fmt(item.amount, asset)} to ${item.address}`,
        '',
        `Row ${item.row}: no transfer of ${fmt(item.amount, asset)} to ${item.address} in ${tx.hash}.`
      )
  }
  // Everything else that left the payer or the batch contract: only the batch's funding and refund are expected.
  const batchOut = (token: string | null) =>
    moves
      .filter((m) => sameToken(m.token, token) && same(m.from, source) && !same(m.to, payer))
      .reduce((s, m) => s + m.value, 0n)
  const refund = (token: string | null) =>
    moves
      .filter((m) => sameToken(m.token, token) && same(m.from, source) && same(m.to, payer))
      .reduce((s, m) => s + m.value, 0n)
  for (const m of moves) {
    if (used.has(m)) continue
    const fromPayer = same(m.from, payer)
    const fromBatch = !same(source, payer) && same(m.from, source)
    if (!fromPayer && !fromBatch) continue
    if (same(m.to, payer)) continue
    const funding =
      fromPayer && same(m.to, source) && !same(source, payer) && m.value === batchOut(m.token) + refund(m.token)
    if (funding) continue
    const what =
      m.token === null
        ? record.native
        : same(m.token, asset.tokenAddress)
          ? asset
          : { symbol: `base units of token ${m.token}`, decimals: 0, tokenAddress: m.token }
    diff(
      DIFFERENCE.unrecordedOutflow,
      null,
      '',
      `${fmt(m.value, what)} to ${m.to}`,
      `${tx.hash} moved ${fmt(m.value, what)} from ${m.from} to ${m.to}, which no paid row records.`
    )
  }
  return asset.tokenAddress === null ? { differences, nativeBasis: native.basis } : { differences }
}

/** Rows recorded as paid by a transaction that is not among the payout's final ones. */
export function orphanedPaidRows(payoutId: string, rows: readonly PaidItem[]): ReconciliationDifference[] {
  return rows.map((item) => ({
    payoutId,
    row: item.row,
    txHash: item.txHash,
    code: DIFFERENCE.paidWithoutFinalTx,
    expected: 'a confirmed transaction',
    found: item.txHash,
    message: `Row ${item.row} is recorded as paid by ${item.txHash}, which the journal does not hold as final.`
  }))
}
