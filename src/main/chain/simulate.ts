// Runs in: main (plain Node). Simulation of exact transactions before they are signed, and, when a
// batch would revert, the search for the rows that make it revert: the batch is split in halves
// and each half simulated again until single rows are left, so the user reads "row 17 (0xAb…)
// cannot receive this payment" rather than a generic revert.
import { batchCall } from './batchCalls'
import type { BatchCalls } from './batchContract'
import { CHAIN_ERROR, ChainError } from './errors'
import type { CallRequest, EthRpc, StateOverride } from './ethRpc'
import type { ChainNonces } from './nonces'
import type { PaymentRow, PlanAsset } from './planTypes'
import type { RowProblemView } from '../../shared/execution'
import { sumRows } from './planTypes'
import { buildOverride, type TokenSlots } from './tokenOverrides'

/** Big enough for any simulated batch's value plus gas; used only inside eth_call overrides. */
export const SIMULATION_NATIVE_BALANCE = 10n ** 30n

export interface OffendingRow {
  readonly row: PaymentRow
  readonly reason: string
}

export interface SimulationTx {
  readonly from: string
  readonly to: string
  readonly value: bigint
  readonly data: string
  readonly gasLimit?: bigint
}

function callRequest(tx: SimulationTx): CallRequest {
  return tx.gasLimit === undefined
    ? { from: tx.from, to: tx.to, value: tx.value, data: tx.data }
    : { from: tx.from, to: tx.to, value: tx.value, data: tx.data, gas: tx.gasLimit }
}

/** An eth_call error that says the transaction would fail is returned; any other (the endpoint failed) is thrown. */
function simulationVerdict(e: unknown): ChainError {
  if (
    e instanceof ChainError &&
    (e.code === CHAIN_ERROR.executionReverted ||
      e.code === CHAIN_ERROR.insufficientFunds ||
      e.code === CHAIN_ERROR.rpcError)
  )
    return e
  throw e
}

/** Runs the transaction with eth_call; resolves undefined when it would succeed, the revert otherwise. */
export async function simulateTx(
  rpc: EthRpc,
  tx: SimulationTx,
  overrides?: StateOverride
): Promise<ChainError | undefined> {
  try {
    await rpc.call(callRequest(tx), 'latest', overrides)
    return undefined
  } catch (e) {
    return simulationVerdict(e)
  }
}

/**
 * The simulation of `tx` and the payer's pending and latest nonces, read in one round trip: the
 * reads the executor takes right before signing a step (same checks as simulateTx and rpc.nonce apart).
 */
export async function simulateWithNonce(
  rpc: EthRpc,
  tx: SimulationTx
): Promise<{ readonly nonces: ChainNonces; readonly failure: ChainError | undefined }> {
  const { pending, latest, call } = await rpc.noncesAndCall(tx.from, callRequest(tx))
  return { nonces: { pending, latest }, failure: call instanceof ChainError ? simulationVerdict(call) : undefined }
}

export function revertReason(e: ChainError): string {
  const details = e.details as { rpcMessage?: unknown } | undefined
  const text = typeof details?.rpcMessage === 'string' ? details.rpcMessage : e.message
  return text.replace(/^execution reverted:?\s*/i, '') || 'reverted without a reason'
}

/**
 * Bisection over rows. `attempt` simulates a subset and returns its failure or undefined. Returns
 * the rows that fail on their own; empty when only the combination fails (e.g. total over balance).
 */
export async function findOffendingRows(
  rows: readonly PaymentRow[],
  attempt: (subset: readonly PaymentRow[]) => Promise<ChainError | undefined>
): Promise<OffendingRow[]> {
  const found: OffendingRow[] = []
  const visit = async (subset: readonly PaymentRow[], knownFailure?: ChainError): Promise<void> => {
    if (subset.length === 0) return
    const failure = knownFailure ?? (await attempt(subset))
    if (!failure) return
    const only = subset[0]
    if (subset.length === 1 && only) {
      found.push({ row: only, reason: revertReason(failure) })
      return
    }
    const middle = Math.ceil(subset.length / 2)
    await visit(subset.slice(0, middle))
    await visit(subset.slice(middle))
  }
  const whole = await attempt(rows)
  await visit(rows, whole)
  return found
}

export interface BatchSimulationContext {
  readonly rpc: EthRpc
  readonly from: string
  readonly batchContract: string
  /** The payout's calls (callsForPayout): a subset is simulated with the same function as the whole. */
  readonly calls: BatchCalls
  readonly asset: PlanAsset
  /** Token mapping slots for overrides (undefined: simulate against real allowance and balances). */
  readonly tokenSlots?: TokenSlots
}

export function batchOverride(ctx: BatchSimulationContext, rows: readonly PaymentRow[]): StateOverride | undefined {
  if (ctx.asset.kind === 'native') return buildOverride(ctx.from, { nativeBalance: SIMULATION_NATIVE_BALANCE })
  if (!ctx.tokenSlots) return undefined
  return buildOverride(ctx.from, {
    nativeBalance: SIMULATION_NATIVE_BALANCE,
    token: { address: ctx.asset.address, slots: ctx.tokenSlots, spender: ctx.batchContract, amount: sumRows(rows) }
  })
}

/** Simulates a batch of rows through the batch contract; on revert, names the rows by bisection. */
export async function simulateBatch(
  ctx: BatchSimulationContext,
  rows: readonly PaymentRow[]
): Promise<OffendingRow[] | undefined> {
  const attempt = (subset: readonly PaymentRow[]): Promise<ChainError | undefined> => {
    const call = batchCall(ctx.asset, subset, ctx.calls)
    return simulateTx(ctx.rpc, { from: ctx.from, to: ctx.batchContract, ...call }, batchOverride(ctx, subset))
  }
  const whole = await attempt(rows)
  if (!whole) return undefined
  const offending = await findOffendingRows(rows, async (subset) => (subset === rows ? whole : attempt(subset)))
  return offending
}

/**
 * The failure of a plan that would be refused on chain. With offending rows, it names each by the
 * payout's own row number (code `recipient_would_fail`, details.rows) so the user can find and
 * correct it; without, the combination fails as a whole (balance, allowance).
 */
export function simulationFailed(offending: readonly OffendingRow[], whole?: ChainError): ChainError {
  if (offending.length === 0) {
    return new ChainError(
      CHAIN_ERROR.simulationFailed,
      `The payment would be rejected by the network as a whole (${whole ? revertReason(whole) : 'unknown reason'}), although each row on its own would pass. Check the payer's balances and allowance.`,
      { details: { rows: [] } }
    )
  }
  const rows: RowProblemView[] = offending.map((o) => ({ row: o.row.row, address: o.row.to, reason: o.reason }))
  const names = rows
    .slice(0, 5)
    .map((r) => `row ${r.row} (${r.address}: ${r.reason})`)
    .join('; ')
  const more = rows.length > 5 ? ` and ${rows.length - 5} more` : ''
  return new ChainError(
    CHAIN_ERROR.recipientWouldFail,
    `Nothing was signed: the network would refuse ${names}${more}. Correct or remove ${rows.length === 1 ? 'that row' : 'those rows'}, then try again.`,
    { details: { rows } }
  )
}

/** The rows a `recipient_would_fail` failure names; empty for any other failure. */
export function rowProblems(failure: ChainError): readonly RowProblemView[] {
  const details = failure.details as { rows?: readonly RowProblemView[] } | undefined
  return failure.code === CHAIN_ERROR.recipientWouldFail ? (details?.rows ?? []) : []
}
