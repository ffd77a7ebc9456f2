// Runs in: main (plain Node). A payout's Safe transactions as this desk holds them: which still
// cover rows, the file expectation they set (digest, rows per position, decoding), where each
// stands on chain (refreshed on every read: executed here or elsewhere, or its nonce used by a
// Safe transaction made outside Treasury), and the view the renderer shows.
import { getAddress } from 'ethers'
import {
  SAFE_TX_STATE,
  hashedDisplay,
  parseSafeExecution,
  safeTxStatus,
  type FileExpectation,
  type SafeTxBinding
} from '../safe'
import { safeInterface } from '../safe/abi'
import { SAFE_ERROR, safeFailure } from '../safe/errors'
import { inTransaction } from '../store/db'
import { hasOpenTransaction, openTransactionsOf } from '../store/payoutRepo'
import { getSafeAccountRow, safeAccountId } from '../store/safeAccountRepo'
import {
  COVERING_STATES,
  SAFE_TX_PURPOSE,
  SAFE_TX_STATUS,
  safeTxsOfPayout,
  setSafeTxState,
  signaturesOf,
  type StoredSafeTx
} from '../store/safeTxRepo'
import type { SafePayoutView, SafeTransactionView } from '../../shared/safe'
import { currentOwners } from '../safe'
import { decodeContextOf, ownerViews, type SafeServiceDeps } from './safeContext'

const covers = (t: StoredSafeTx): boolean => COVERING_STATES.includes(t.state)

/** The payout's Safe transactions that still count (not superseded, cancelled or consumed elsewhere). */
export function liveSafeTxs(deps: SafeServiceDeps, payoutId: string): StoredSafeTx[] {
  return safeTxsOfPayout(deps.db.read, payoutId).filter(covers)
}

/** One of the payout's Safe transactions by hash, or the refusal naming it. */
export function requireSafeTx(deps: SafeServiceDeps, payoutId: string, safeTxHash: string): StoredSafeTx {
  const found = safeTxsOfPayout(deps.db.read, payoutId).find((t) => t.safeTxHash === safeTxHash.toLowerCase())
  if (found === undefined)
    throw safeFailure(SAFE_ERROR.notPlanned, `Payout ${payoutId} has no Safe transaction ${safeTxHash}.`)
  return found
}

/** The payment Safe transaction a cancellation cancels: the payout's payment at its nonce and position. */
export function cancelledBy(deps: SafeServiceDeps, cancel: StoredSafeTx): StoredSafeTx {
  const found = safeTxsOfPayout(deps.db.read, cancel.payoutId).find(
    (p) =>
      p.purpose === SAFE_TX_PURPOSE.payment &&
      p.safe === cancel.safe &&
      p.safeTx.nonce === cancel.safeTx.nonce &&
      p.position === cancel.position
  )
  if (found === undefined)
    throw safeFailure(
      SAFE_ERROR.notPlanned,
      `This desk does not hold the Safe transaction number ${cancel.safeTx.nonce} that this cancellation cancels.`
    )
  return found
}

/** What a file of this Safe transaction carries; a cancellation's names the payment it cancels. */
export function bindingOf(deps: SafeServiceDeps, t: StoredSafeTx): SafeTxBinding {
  const payment = t.purpose === SAFE_TX_PURPOSE.cancel ? cancelledBy(deps, t) : undefined
  return {
    payoutId: t.payoutId,
    revision: t.revision,
    payoutDigest: t.payoutDigest,
    chainId: BigInt(t.chainId),
    safe: t.safe,
    index: t.position,
    of: t.planSize,
    safeTx: t.safeTx,
    rows: t.rows,
    ...(payment === undefined ? {} : { cancels: { safeTxHash: payment.safeTxHash, safeTx: payment.safeTx } })
  }
}

/** What a file for this payout must match here: its digest, and per position the rows of the live payment. */
export function expectationOf(
  deps: SafeServiceDeps,
  payoutId: string
): { expected: FileExpectation; live: StoredSafeTx[] } {
  const live = liveSafeTxs(deps, payoutId).filter((t) => t.purpose === SAFE_TX_PURPOSE.payment)
  const first = live[0]
  if (first === undefined)
    throw safeFailure(
      SAFE_ERROR.notPlanned,
      `Payout ${payoutId} has no Safe transaction waiting for signatures on this desk. Plan it (or import its Safe transaction file) first.`
    )
  const network = deps.catalogue.requireNetwork(first.chainId)
  return {
    live,
    expected: {
      payoutId,
      payoutDigest: first.payoutDigest,
      chainId: BigInt(first.chainId),
      safe: first.safe,
      rowsAt: (i) => live.find((t) => t.position === i)?.rows,
      decode: decodeContextOf(network, first.assetId, deps, multiSendOf(live))
    }
  }
}

/** The MultiSendCallOnly the payout's Safe transactions delegate to (verified when they were planned or imported). */
export function multiSendOf(txs: readonly StoredSafeTx[]): string | undefined {
  const delegated = txs.find((t) => t.safeTx.operation === 1)
  return delegated === undefined ? undefined : getAddress(delegated.safeTx.to)
}

/**
 * The journal's execTransaction of each Safe transaction that may still execute it, by Safe
 * transaction hash (the hash is tagged onto the calldata, see safe/settle.ts).
 */
export function openExecutions(deps: SafeServiceDeps, payoutId: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const tx of openTransactionsOf(deps.db.read, payoutId)) {
    const hash = parseSafeExecution(tx.raw)?.safeTxHash
    if (hash !== undefined) out.set(hash, tx.hash)
  }
  return out
}

/**
 * Moves each Safe transaction that is still open to what the chain shows now. One whose execution
 * the journal holds (recorded, sent or mined, whether or not this desk got to note it before it
 * stopped) is executing: it is never executed a second time.
 */
export async function refreshFromChain(deps: SafeServiceDeps, payoutId: string): Promise<void> {
  const txs = safeTxsOfPayout(deps.db.read, payoutId)
  const open = txs.filter((t) => t.state === SAFE_TX_STATUS.awaitingSignatures || t.state === SAFE_TX_STATUS.executing)
  if (open.length === 0) return
  const rpc = deps.rpcFor(open[0]!.chainId)
  const at = deps.now().toISOString()
  const updates: Array<() => void> = []
  const executed = new Set<string>()
  const recorded = openExecutions(deps, payoutId)
  for (const t of open) {
    const status = await safeTxStatus(rpc, t.safe, { nonce: t.safeTx.nonce, safeTxHash: t.safeTxHash }, t.sinceBlock)
    const execution = recorded.get(t.safeTxHash)
    if (status.state !== SAFE_TX_STATE.executed && execution !== undefined) {
      if (t.state === SAFE_TX_STATUS.awaitingSignatures || t.executionHash !== execution)
        updates.push(() =>
          setSafeTxState(deps.db.write, t.safeTxHash, SAFE_TX_STATUS.executing, at, { executionHash: execution })
        )
    } else if (status.state === SAFE_TX_STATE.executed) {
      executed.add(t.safeTxHash)
      updates.push(() =>
        setSafeTxState(deps.db.write, t.safeTxHash, SAFE_TX_STATUS.executed, at, {
          executionHash: status.transactionHash
        })
      )
    } else if (
      status.state === SAFE_TX_STATE.executable &&
      t.state === SAFE_TX_STATUS.executing &&
      !hasOpenTransaction(deps.db.read, t.payoutId)
    ) {
      // The execution settled without using the nonce (it reverted): the signatures still hold.
      updates.push(() =>
        setSafeTxState(deps.db.write, t.safeTxHash, SAFE_TX_STATUS.awaitingSignatures, at, {
          explanation: `The execution ${t.executionHash ?? ''} did not go through and the Safe did not use the nonce; it can be executed again.`
        })
      )
    } else if (status.state === SAFE_TX_STATE.nonceConsumed) {
      const cancelledBy = txs.find(
        (c) =>
          c.purpose === SAFE_TX_PURPOSE.cancel &&
          c.safeTx.nonce === t.safeTx.nonce &&
          c.safeTxHash !== t.safeTxHash &&
          (c.state === SAFE_TX_STATUS.executed || open.includes(c))
      )
      updates.push(() => {
        const cancelled =
          cancelledBy !== undefined &&
          (cancelledBy.state === SAFE_TX_STATUS.executed || executed.has(cancelledBy.safeTxHash))
        setSafeTxState(
          deps.db.write,
          t.safeTxHash,
          cancelled ? SAFE_TX_STATUS.cancelled : SAFE_TX_STATUS.nonceConsumed,
          at,
          {
            explanation: cancelled ? cancelledExplanation(t.safeTx.nonce) : status.explanation
          }
        )
      })
    }
  }
  inTransaction(deps.db.write, () => {
    for (const u of updates) u()
  })
}

/** What a cancellation does, in words; its payment's hash is shown beside it (pairedWith), not in the sentence. */
export const cancelExplanation = (nonce: bigint): string =>
  `Cancels the payment with Safe transaction number ${nonce} once the owners sign it and it is executed: that payment can then never run.`

/** What happened to a payment whose cancellation was executed at its number. */
const cancelledExplanation = (nonce: bigint): string =>
  `Cancelled: the owners executed the cancellation with the same number ${nonce}, so this payment can never run.`

/** For a cancellation, the payment at its number; for a payment, a cancellation at its number; else null. */
function pairedWith(t: StoredSafeTx, all: readonly StoredSafeTx[]): string | null {
  const other = t.purpose === SAFE_TX_PURPOSE.cancel ? SAFE_TX_PURPOSE.payment : SAFE_TX_PURPOSE.cancel
  const pair = all.filter((x) => x.purpose === other && x.safeTx.nonce === t.safeTx.nonce)
  // A payment may have had a cancellation planned again; the one that ran (or still can) is named.
  return (pair.find((x) => x.state === SAFE_TX_STATUS.executed) ?? pair.at(-1))?.safeTxHash ?? null
}

export async function safePayoutView(deps: SafeServiceDeps, payoutId: string): Promise<SafePayoutView | null> {
  const all = safeTxsOfPayout(deps.db.read, payoutId)
  const first = all[0]
  if (first === undefined) return null
  const asset = deps.catalogue.requireAsset(first.assetId)
  const rpc = deps.rpcFor(first.chainId)
  const { owners, threshold } = await currentOwners(rpc, first.safe)
  const { safeNonce } = await safeNonceOf(deps, first)
  const consumed = all.filter(
    (t) => t.purpose === SAFE_TX_PURPOSE.payment && t.origin === 'planned' && t.state === SAFE_TX_STATUS.nonceConsumed
  )
  const txView = (t: StoredSafeTx): SafeTransactionView => {
    const shown = hashedDisplay(BigInt(t.chainId), t.safe, t.safeTx)
    return {
      safeTxHash: t.safeTxHash,
      purpose: t.purpose,
      position: t.position,
      of: t.planSize,
      nonce: t.safeTx.nonce.toString(),
      to: t.safeTx.to,
      valueBaseUnits: t.safeTx.value.toString(),
      operation: t.safeTx.operation,
      dataBytes: (t.safeTx.data.length - 2) / 2,
      rowCount: t.rows.length,
      totalBaseUnits: t.rows.reduce((s, r) => s + r.amount, 0n).toString(),
      rows: t.rows.map((r) => ({ row: r.row, to: r.to, amountBaseUnits: r.amount.toString() })),
      pairedWith: pairedWith(t, all),
      state: t.state,
      explanation: t.explanation,
      executionHash: t.executionHash,
      signatures: signaturesOf(deps.db.read, t.safeTxHash).map((s) => ({
        signer: s.signer,
        name: deps.nameOf(s.signer),
        signature: s.signature,
        mode: s.mode,
        source: s.source,
        sourceFile: s.sourceFile,
        signedAt: s.signedAt
      })),
      threshold,
      domainHash: shown.domainHash,
      messageHash: shown.messageHash
    }
  }
  return {
    payoutId,
    origin: first.origin,
    chainId: first.chainId,
    safe: first.safe,
    safeId: safeAccountId(first.chainId, first.safe),
    assetSymbol: asset.symbol,
    decimals: asset.decimals,
    threshold,
    owners: ownerViews(owners, deps.nameOf),
    safeNonce: safeNonce.toString(),
    transactions: all.map(txView),
    replanNeeded:
      consumed.length === 0
        ? null
        : consumed
            .map((t) => t.explanation ?? `Safe transaction number ${t.safeTx.nonce} can no longer execute.`)
            .join(' ')
  }
}

async function safeNonceOf(deps: SafeServiceDeps, t: StoredSafeTx): Promise<{ safeNonce: bigint }> {
  const raw = await deps.rpcFor(t.chainId).call({ to: t.safe, data: safeInterface.encodeFunctionData('nonce', []) })
  return { safeNonce: safeInterface.decodeFunctionResult('nonce', raw)[0] as bigint }
}

/** The owners when the Safe was added here: a signature from one removed since is named as such. */
export function formerOwnersOf(deps: SafeServiceDeps, chainId: number, safe: string): readonly string[] {
  return getSafeAccountRow(deps.db.read, safeAccountId(chainId, safe))?.owners ?? []
}
