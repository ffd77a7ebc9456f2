// Runs in: main (plain Node). Executing a Safe transaction once its owners have signed: the
// `execTransaction` call becomes a one-step plan the existing Executor runs from a Ledger account
// (an owner or not), so it is persisted in the journal before broadcast, never sent twice and
// tracked to confirmation; settle.ts settles its rows from the Safe's events. Before the plan is
// made, the Safe's nonce must be this transaction's: an earlier one still waiting is reported, and
// a nonce already used is explained (executed here or elsewhere with our hash, or consumed by a
// different Safe transaction made outside Treasury, which this one can never replace). A cancel is
// a zero-value Safe transaction to the Safe itself at the same nonce, signed like any other.
import { getAddress } from 'ethers'
import { ChainError } from '../chain/errors'
import type { EthRpc } from '../chain/ethRpc'
import { expectedFee, maximumFee, type FeeQuote } from '../chain/fees'
import { TX_PURPOSE } from '../chain/journal'
import {
  DEFAULT_PLAN_LIMITS,
  PLAN_KIND,
  STEP_KIND,
  sumRows,
  withHeadroom,
  type ExecutionPlan,
  type PaymentRow,
  type PlanAsset,
  type PlanLimits
} from '../chain/planTypes'
import { revertReason } from '../chain/simulate'
import { safeInterface } from './abi'
import { assertPaymentsMatchRows, decodeSafeTxPayments, type DecodeContext } from './decode'
import { SAFE_ERROR, safeFailure } from './errors'
import { execTransactionData } from './gasEstimate'
import { confirmedSafeTxHash, isCancellation, type SafeTx } from './safeTx'
import { findExecution, tagExecution } from './settle'

export const SAFE_TX_STATE = {
  /** An earlier Safe transaction must execute first. */
  waiting: 'waiting',
  /** The Safe's nonce is this one: it can execute now. */
  executable: 'executable',
  /** Executed (by Treasury or anyone holding the signatures). */
  executed: 'executed',
  /** The nonce was used by a different Safe transaction: this one can never execute. */
  nonceConsumed: 'nonce_consumed'
} as const

export type SafeTxStatus =
  | { readonly state: typeof SAFE_TX_STATE.waiting; readonly safeNonce: bigint }
  | { readonly state: typeof SAFE_TX_STATE.executable; readonly safeNonce: bigint }
  | { readonly state: typeof SAFE_TX_STATE.executed; readonly safeNonce: bigint; readonly transactionHash: string }
  | { readonly state: typeof SAFE_TX_STATE.nonceConsumed; readonly safeNonce: bigint; readonly explanation: string }

async function safeNonce(rpc: EthRpc, safe: string): Promise<bigint> {
  const [n] = safeInterface.decodeFunctionResult(
    'nonce',
    await rpc.call({ to: safe, data: safeInterface.encodeFunctionData('nonce', []) })
  )
  return n as bigint
}

/**
 * Where a Safe transaction stands on chain. `sinceBlock` bounds the search for its execution: the
 * block the Safe was read at when the transaction was planned (nothing can have executed it before).
 */
export async function safeTxStatus(
  rpc: EthRpc,
  safe: string,
  tx: { readonly nonce: bigint; readonly safeTxHash: string },
  sinceBlock: bigint
): Promise<SafeTxStatus> {
  const nonce = await safeNonce(rpc, safe)
  if (nonce < tx.nonce) return { state: SAFE_TX_STATE.waiting, safeNonce: nonce }
  if (nonce === tx.nonce) return { state: SAFE_TX_STATE.executable, safeNonce: nonce }
  const head = await rpc.blockNumber()
  const executedBy = await findExecution(rpc, safe, tx.safeTxHash, sinceBlock, head)
  if (executedBy) return { state: SAFE_TX_STATE.executed, safeNonce: nonce, transactionHash: executedBy }
  return {
    state: SAFE_TX_STATE.nonceConsumed,
    safeNonce: nonce,
    explanation: `The Safe's transaction number ${tx.nonce} was used by another Safe transaction made outside this payout (for example in Safe{Wallet}); this one (${tx.safeTxHash}) was not executed and never can be. Nothing was paid by it. Review what happened in the Safe, then plan the affected rows again on a new Safe transaction.`
  }
}

export interface SafeExecutionRequest {
  readonly rpc: EthRpc
  readonly chainId: bigint
  readonly safe: string
  /** The Ledger account that sends and pays for execTransaction. */
  readonly executor: string
  readonly safeTx: SafeTx
  readonly rows: readonly PaymentRow[]
  readonly asset: PlanAsset
  readonly decode: DecodeContext
  /** Collected owner signatures, encoded (collectSignatures). */
  readonly signatures: string
  readonly fees: FeeQuote
  /** The block the Safe was read at when planning (bounds the search for an execution elsewhere). */
  readonly sinceBlock: bigint
  /** A cancel executes cancelSafeTx(safe, nonce) and settles `rows` (the cancelled ones) as not paid. */
  readonly purpose?: typeof TX_PURPOSE.payment | typeof TX_PURPOSE.cancel
  readonly limits?: PlanLimits
}

/** Refuses unless the Safe transaction can execute now, explaining a used nonce. */
export async function assertExecutable(
  request: Pick<SafeExecutionRequest, 'rpc' | 'safe' | 'sinceBlock'>,
  tx: SafeTx,
  hash: string
): Promise<void> {
  const status = await safeTxStatus(
    request.rpc,
    request.safe,
    { nonce: tx.nonce, safeTxHash: hash },
    request.sinceBlock
  )
  switch (status.state) {
    case SAFE_TX_STATE.executable:
      return
    case SAFE_TX_STATE.waiting:
      throw safeFailure(
        SAFE_ERROR.nonceNotCurrent,
        `The Safe is at transaction number ${status.safeNonce}; this one is number ${tx.nonce}. Execute the earlier Safe transactions first.`,
        status
      )
    case SAFE_TX_STATE.executed:
      throw safeFailure(
        SAFE_ERROR.alreadyExecuted,
        `This Safe transaction was already executed by ${status.transactionHash}.`,
        status
      )
    case SAFE_TX_STATE.nonceConsumed:
      throw safeFailure(SAFE_ERROR.nonceConsumed, status.explanation, status)
  }
}

/**
 * The one-step plan that executes a signed Safe transaction: checked (nonce, hash against the
 * Safe, calldata against the rows), estimated exactly with the real signatures, ready for
 * Executor.execute(payoutId, plan, ledgerSigner).
 */
export async function buildSafeExecutionPlan(request: SafeExecutionRequest): Promise<ExecutionPlan> {
  const { rpc, safeTx, rows } = request
  const limits = request.limits ?? DEFAULT_PLAN_LIMITS
  const safe = getAddress(request.safe)
  const purpose = request.purpose ?? TX_PURPOSE.payment
  if (purpose === TX_PURPOSE.cancel) {
    if (!isCancellation(request.chainId, safe, safeTx))
      throw safeFailure(SAFE_ERROR.undecodable, 'This is not a cancellation: a cancel sends nothing and calls nothing.')
  } else assertPaymentsMatchRows(decodeSafeTxPayments(safeTx, request.decode), rows)
  const hash = await confirmedSafeTxHash(rpc, request.chainId, safe, safeTx)
  await assertExecutable(request, safeTx, hash)
  const data = tagExecution(execTransactionData(safeTx, request.signatures), hash)
  let gasEstimate: bigint
  try {
    gasEstimate = await rpc.estimateGas({ from: request.executor, to: safe, data })
  } catch (e) {
    if (!(e instanceof ChainError)) throw e
    throw safeFailure(
      SAFE_ERROR.planFailed,
      `The Safe would refuse to execute this transaction now (${revertReason(e)}). Nothing was signed or sent.`,
      { reason: revertReason(e) }
    )
  }
  const gasLimit = withHeadroom(gasEstimate, limits.txGasCap)
  return {
    kind: PLAN_KIND.batch,
    chainId: request.chainId,
    from: getAddress(request.executor),
    asset: request.asset,
    steps: [
      {
        index: 0,
        kind: STEP_KIND.safeExec,
        purpose,
        to: safe,
        value: 0n,
        data,
        gasEstimate,
        gasLimit,
        rows,
        display: {
          kind: 'blind',
          contract: safe,
          summary:
            purpose === TX_PURPOSE.cancel
              ? `Execute the cancellation of Safe transaction number ${safeTx.nonce} (${hash})`
              : `Execute Safe transaction ${hash} (number ${safeTx.nonce}) paying ${rows.length} recipient${rows.length === 1 ? '' : 's'}`
        }
      }
    ],
    totalAmount: purpose === TX_PURPOSE.cancel ? 0n : sumRows(rows),
    fees: request.fees,
    estimatedFee: expectedFee(request.fees, gasEstimate),
    maximumFee: maximumFee(request.fees, gasLimit)
  }
}
