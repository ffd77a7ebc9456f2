// Runs in: main (plain Node). A payout paid from a Safe becomes Safe transactions, one per chunk of
// rows, at consecutive Safe nonces. Two routes:
// - transfers: one ERC-20 `transfer` (no approval: tokens leave the Safe directly) or native send
//   per row, bundled through MultiSendCallOnly (a delegatecall to the verified deployment only)
//   when a chunk has more than one row;
// - batch contract: a call with value to disperseEther for the native coin, or, for a token, a
//   MultiSend of approve(exactly the chunk total) + disperseToken, so no allowance outlives the
//   Safe transaction.
// Where no verified MultiSendCallOnly is available, a Safe transaction makes one call: transfers
// pay one row per Safe transaction (a direct ERC-20 transfer or native send, operation CALL), up
// to MAX_SAFE_TXS_WITHOUT_MULTISEND rows; the native batch needs no MultiSend, the token batch does.
// Chunks start at `maxRowsPerChunk` rows and shrink until the Safe's own execTransaction, estimated
// as gasEstimate.ts explains, stays under the target gas per transaction (itself well under the
// 2^24 per-transaction cap) and its data fits what a Ledger can display. Each Safe transaction's hash is checked against the Safe's
// getTransactionHash and its calldata decoded back into exactly its rows before the plan is shown.
import { batchInterface, erc20Interface, verifyBatchContract, type CodeExpectation } from '../chain/batchContract'
import { ChainError } from '../chain/errors'
import type { EthRpc } from '../chain/ethRpc'
import { expectedFee, maximumFee, type FeeQuote } from '../chain/fees'
import { batchUnsupportedReason } from '../chain/planBatch'
import { transferCall } from '../chain/planPerRecipient'
import {
  DEFAULT_PLAN_LIMITS,
  sumRows,
  withHeadroom,
  type PaymentRow,
  type PlanAsset,
  type PlanLimits
} from '../chain/planTypes'
import { findOffendingRows, simulateTx, simulationFailed } from '../chain/simulate'
import type { SafeRouteName } from '../../shared/safe'
import { OPERATION } from './abi'
import { assertPaymentsMatchRows, decodeSafeTxPayments } from './decode'
import { SAFE_ERROR, safeFailure } from './errors'
import { estimateExecGas, simulatedExecution, simulationContext, type ExecSimulationContext } from './gasEstimate'
import { multiSendData, type SafeCall } from './multiSend'
import { confirmedSafeTxHash, safeTxOf, type SafeTx } from './safeTx'
import type { SafeInfo } from './verify'

/**
 * The Ethereum app streams a `bytes` field with a 2-byte length, so a Safe transaction whose data is
 * longer cannot be shown in full EIP-712 on a Ledger: chunks stay under it.
 */
export const MAX_SAFE_TX_DATA_BYTES = 65_535

/**
 * Without MultiSendCallOnly each row is its own Safe transaction, which every signing owner confirms
 * on their device and which is executed (and paid for) on its own. Past this many that is more
 * device signing than owners can check with care, so the payout is refused with what to do.
 */
export const MAX_SAFE_TXS_WITHOUT_MULTISEND = 10

const NO_MULTISEND = 'No verified MultiSendCallOnly is available on this network.'

/** The routes by name; each is one of the contract's route names (SAFE_ROUTES). */
export const SAFE_ROUTE = { transfers: 'transfers', batchContract: 'batch_contract' } as const satisfies Record<
  string,
  SafeRouteName
>

export interface SafeTxPlan {
  readonly index: number
  readonly safeTx: SafeTx
  /** Our EIP-712 hash, already equal to the Safe's getTransactionHash when planned. */
  readonly safeTxHash: string
  /** Rows this Safe transaction pays, in calldata order. */
  readonly rows: readonly PaymentRow[]
  /** execTransaction gas once signed (see gasEstimate.ts), and the limit with headroom. */
  readonly gasEstimate: bigint
  readonly gasLimit: bigint
}

export interface SafePayoutPlan {
  readonly route: SafeRouteName
  readonly chainId: bigint
  readonly safe: string
  readonly asset: PlanAsset
  readonly multiSendCallOnly: string | undefined
  /** Why no MultiSendCallOnly was used (none verified on the network), when none was. */
  readonly withoutMultiSend: string | undefined
  readonly batchContract: string | undefined
  readonly transactions: readonly SafeTxPlan[]
  readonly totalAmount: bigint
  readonly fees: FeeQuote
  /** Network fee the executing account pays at current prices, and at most with the planned limits. */
  readonly estimatedFee: bigint
  readonly maximumFee: bigint
  readonly threshold: number
  /** Owner signatures to collect in all: `threshold` per Safe transaction. */
  readonly signaturesNeeded: number
  /** Device confirmations each signing owner makes: one per Safe transaction. */
  readonly confirmationsPerOwner: number
}

export interface SafePlanRequest {
  readonly rpc: EthRpc
  readonly safe: SafeInfo
  readonly asset: PlanAsset
  readonly rows: readonly PaymentRow[]
  readonly fees: FeeQuote
  /** The verified MultiSendCallOnly deployment (verifyMultiSendCallOnly), or undefined where there is none. */
  readonly multiSendCallOnly: string | undefined
  /** Why there is none (not deployed, or its code is not the published one), for the user. */
  readonly multiSendUnavailable?: string
  readonly batchContract?: { readonly address: string; readonly expectation: CodeExpectation | undefined }
  /** The account that will send execTransaction, when known (the estimate runs from it). */
  readonly executor?: string
  /** Nonce of the first Safe transaction: the Safe's nonce, or the next after those already queued. */
  readonly startNonce?: bigint
  readonly limits?: PlanLimits
}

/** The next free Safe nonce given the chain's and the nonces of Safe transactions already queued by Treasury. */
export function nextSafeNonce(chainNonce: bigint, queued: readonly bigint[]): bigint {
  return queued.reduce((next, n) => (n >= next ? n + 1n : next), chainNonce)
}

/** The Safe transaction (before its nonce) paying `rows` by `route`. */
export function chunkCall(
  route: SafeRouteName,
  asset: PlanAsset,
  rows: readonly PaymentRow[],
  multiSendCallOnly: string | undefined,
  batchContract: string | undefined
): Omit<SafeTx, 'nonce'> {
  const bundle = (calls: readonly SafeCall[]) => {
    if (calls.length === 1 && calls[0]) return calls[0]
    if (multiSendCallOnly === undefined) throw new Error('several calls in one Safe transaction need MultiSendCallOnly')
    return { to: multiSendCallOnly, value: 0n, data: multiSendData(calls), operation: OPERATION.delegateCall }
  }
  const { nonce: _nonce, ...tx } = safeTxOf(
    route === SAFE_ROUTE.transfers
      ? bundle(rows.map((r) => transferCall(asset, r)))
      : batchCall(asset, rows, multiSendCallOnly, batchContract),
    0n
  )
  return tx
}

function batchCall(
  asset: PlanAsset,
  rows: readonly PaymentRow[],
  multiSendCallOnly: string | undefined,
  batchContract: string | undefined
): { to: string; value: bigint; data: string; operation?: typeof OPERATION.delegateCall } {
  if (!batchContract) throw safeFailure(SAFE_ERROR.planFailed, 'This network has no verified batch contract.')
  const recipients = rows.map((r) => r.to)
  const values = rows.map((r) => r.amount)
  const total = sumRows(rows)
  if (asset.kind === 'native')
    return {
      to: batchContract,
      value: total,
      data: batchInterface.encodeFunctionData('disperseEther', [recipients, values])
    }
  if (multiSendCallOnly === undefined)
    throw new Error('approve and disperseToken in one Safe transaction need MultiSendCallOnly')
  return {
    to: multiSendCallOnly,
    value: 0n,
    operation: OPERATION.delegateCall,
    data: multiSendData([
      { to: asset.address, value: 0n, data: erc20Interface.encodeFunctionData('approve', [batchContract, total]) },
      {
        to: batchContract,
        value: 0n,
        data: batchInterface.encodeFunctionData('disperseToken', [asset.address, recipients, values])
      }
    ])
  }
}

async function estimateChunk(
  ctx: ExecSimulationContext,
  tx: SafeTx,
  rows: readonly PaymentRow[],
  build: (rows: readonly PaymentRow[]) => SafeTx
): Promise<bigint> {
  try {
    return await estimateExecGas(ctx, tx, sumRows(rows))
  } catch (e) {
    if (!(e instanceof ChainError)) throw e
    const offending = await findOffendingRows(rows, (subset) => {
      const { call, override } = simulatedExecution(ctx, build(subset), sumRows(subset))
      return simulateTx(ctx.rpc, { from: ctx.from, to: call.to, value: 0n, data: call.data ?? '0x' }, override)
    })
    throw simulationFailed(offending, e)
  }
}

/**
 * Refuses what cannot be paid without MultiSendCallOnly, saying why and what to do: the token batch
 * (approve and disperse must be one Safe transaction), and more rows than Safe transactions owners
 * can sensibly sign one by one.
 */
function assertPayableWithoutMultiSend(route: SafeRouteName, request: SafePlanRequest): void {
  const why = request.multiSendUnavailable ?? NO_MULTISEND
  if (route === SAFE_ROUTE.batchContract) {
    if (request.asset.kind === 'native') return
    throw safeFailure(
      SAFE_ERROR.multiSendUnavailable,
      `${why} Paying ${request.asset.symbol} through the batch contract from a Safe approves and disperses in one Safe transaction, which needs it. Pay the rows as transfers instead.`
    )
  }
  const n = request.rows.length
  if (n <= MAX_SAFE_TXS_WITHOUT_MULTISEND) return
  throw safeFailure(
    SAFE_ERROR.multiSendUnavailable,
    `${why} Without it a Safe transaction pays one recipient, so these ${n} rows would be ${n} Safe transactions, each signed by ${request.safe.threshold} owner(s) on their devices and executed separately; Treasury plans that for at most ${MAX_SAFE_TXS_WITHOUT_MULTISEND} rows. Split the payout into payouts of at most ${MAX_SAFE_TXS_WITHOUT_MULTISEND} rows${request.asset.kind === 'native' ? ', or pay it through the batch contract (one Safe transaction)' : ''}.`,
    { rows: n, maximum: MAX_SAFE_TXS_WITHOUT_MULTISEND }
  )
}

/** Plans one route. Throws a ChainError naming rows that cannot be paid, or a Safe refusal. */
export async function planSafePayout(route: SafeRouteName, request: SafePlanRequest): Promise<SafePayoutPlan> {
  const { rpc, safe, asset, rows } = request
  const limits = request.limits ?? DEFAULT_PLAN_LIMITS
  if (rows.length === 0) throw safeFailure(SAFE_ERROR.planFailed, 'There is nothing to pay.')
  const batch = request.batchContract?.address
  if (route === SAFE_ROUTE.batchContract) {
    const unsupported = batchUnsupportedReason(asset, batch)
    if (unsupported || !request.batchContract)
      throw safeFailure(SAFE_ERROR.planFailed, unsupported ?? 'No batch contract.')
    await verifyBatchContract(rpc, request.batchContract.address, request.batchContract.expectation)
  }
  const multiSend = request.multiSendCallOnly
  if (multiSend === undefined) assertPayableWithoutMultiSend(route, request)
  const ctx = await simulationContext({
    rpc,
    chainId: safe.chainId,
    safe: safe.address,
    owners: safe.owners,
    threshold: safe.threshold,
    asset,
    from: request.executor ?? safe.owners[0] ?? safe.address
  })
  const decodeContext = { asset, multiSendCallOnly: multiSend, batchContract: batch }
  let nonce = request.startNonce ?? safe.nonce
  const transactions: SafeTxPlan[] = []
  let position = 0
  // Without MultiSend a transfer is one call: one row per Safe transaction.
  const oneCall = multiSend === undefined && route === SAFE_ROUTE.transfers
  let size = Math.min(oneCall ? 1 : limits.maxRowsPerChunk, rows.length)
  while (position < rows.length) {
    const chunk = rows.slice(position, position + size)
    const at = nonce
    const build = (subset: readonly PaymentRow[]): SafeTx => ({
      ...chunkCall(route, asset, subset, multiSend, batch),
      nonce: at
    })
    const safeTx = build(chunk)
    const dataBytes = (safeTx.data.length - 2) / 2
    if (dataBytes > MAX_SAFE_TX_DATA_BYTES && size > 1) {
      size = Math.max(1, Math.floor((size * MAX_SAFE_TX_DATA_BYTES * 0.95) / dataBytes))
      continue
    }
    const gasEstimate = await estimateChunk(ctx, safeTx, chunk, build)
    if (gasEstimate > limits.targetGasPerTx && size > 1) {
      size = Math.max(1, Math.floor((size * Number((limits.targetGasPerTx * 95n) / 100n)) / Number(gasEstimate)))
      continue
    }
    assertPaymentsMatchRows(decodeSafeTxPayments(safeTx, decodeContext), chunk)
    const hash = await confirmedSafeTxHash(rpc, safe.chainId, safe.address, safeTx)
    transactions.push({
      index: transactions.length,
      safeTx,
      safeTxHash: hash,
      rows: chunk,
      gasEstimate,
      gasLimit: withHeadroom(gasEstimate, limits.txGasCap)
    })
    position += chunk.length
    nonce += 1n
  }
  return {
    route,
    chainId: safe.chainId,
    safe: safe.address,
    asset,
    multiSendCallOnly: multiSend,
    withoutMultiSend: multiSend === undefined ? (request.multiSendUnavailable ?? NO_MULTISEND) : undefined,
    batchContract: batch,
    transactions,
    totalAmount: sumRows(rows),
    fees: request.fees,
    estimatedFee: transactions.reduce((s, t) => s + expectedFee(request.fees, t.gasEstimate), 0n),
    maximumFee: transactions.reduce((s, t) => s + maximumFee(request.fees, t.gasLimit), 0n),
    threshold: safe.threshold,
    signaturesNeeded: safe.threshold * transactions.length,
    confirmationsPerOwner: transactions.length
  }
}
