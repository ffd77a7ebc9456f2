// Runs in: main (plain Node). Turns a stored payout into what the chain engine plans with (asset,
// rows), builds one plan kind, and turns engine and device errors into AppFailures whose message
// names the payout's own row numbers, so a finance person can find the row to correct.
import { getAddress } from 'ethers'
import {
  CHAIN_ERROR,
  ChainError,
  PLAN_KIND,
  batchUnsupportedReason,
  expectedBatchCode,
  planBatch,
  planPerRecipient,
  type EthRpc,
  type ExecutionPlan,
  type FeeQuote,
  type PaymentRow,
  type PlanAsset,
  type PlanKind
} from '../../chain'
import type { CatalogueAsset, CatalogueNetwork } from '../../domain/catalogue'
import { AppFailure } from '../../errors'
import { findErc20Descriptor } from '../../ledger/erc20Descriptors'
import { LedgerError } from '../../ledger/errors'
import { itemId, parseItemId } from '../../store/journalRepo'
import type { StoredItem } from '../../store/payoutRepo'
import { assertNever } from '../../../shared/result'

/** A row the network would refuse, named by the payout's own row number. */
export interface RowProblem {
  readonly row: number
  readonly address: string
  readonly reason: string
}

export function planAssetOf(asset: CatalogueAsset): PlanAsset {
  if (asset.tokenAddress === null) return { kind: 'native', symbol: asset.symbol, decimals: asset.decimals }
  return {
    kind: 'erc20',
    address: getAddress(asset.tokenAddress),
    symbol: asset.symbol,
    decimals: asset.decimals,
    transferReturnsNoValue: asset.transferReturnsNoValue,
    clearSigned: findErc20Descriptor(BigInt(asset.chainId), asset.tokenAddress) !== null
  }
}

/** The rows still waiting to be paid (queued), in row order. Rows with errors never get here: submit refuses them. */
export function payableRows(payoutId: string, items: readonly StoredItem[]): PaymentRow[] {
  return items.flatMap((it) =>
    it.status === 'queued' && it.address !== null && it.amount !== null
      ? [{ itemId: itemId(payoutId, it.row), to: it.address, amount: it.amount }]
      : []
  )
}

export interface PlanContext {
  readonly rpc: EthRpc
  readonly network: CatalogueNetwork
  readonly from: string
  readonly asset: PlanAsset
  readonly rows: readonly PaymentRow[]
  readonly fees: FeeQuote
}

/** Why the batch plan cannot be offered at all (no contract, unsupported token), before asking the network. */
export function batchUnavailable(ctx: Pick<PlanContext, 'network' | 'asset'>): string | undefined {
  return batchUnsupportedReason(ctx.asset, ctx.network.batchContract ?? undefined)
}

export function buildPlan(kind: PlanKind, ctx: PlanContext): Promise<ExecutionPlan> {
  const request = {
    rpc: ctx.rpc,
    chainId: BigInt(ctx.network.chainId),
    from: ctx.from,
    asset: ctx.asset,
    rows: ctx.rows,
    fees: ctx.fees
  }
  switch (kind) {
    case PLAN_KIND.perRecipient:
      return planPerRecipient(request)
    case PLAN_KIND.batch: {
      const address = ctx.network.batchContract
      const unsupported = batchUnavailable(ctx)
      if (unsupported !== undefined || address === null)
        throw new ChainError(
          CHAIN_ERROR.batchNotSupported,
          unsupported ?? 'This network has no verified batch contract.'
        )
      return planBatch({
        ...request,
        batchContract: { address, expectation: expectedBatchCode(address, ctx.network.development) }
      })
    }
    default:
      return assertNever(kind, 'plan kind')
  }
}

function offendingRows(details: unknown): RowProblem[] {
  if (typeof details !== 'object' || details === null || !('offending' in details) || !Array.isArray(details.offending))
    return []
  return (details.offending as Array<{ itemId: string; to: string; reason: string }>).map((o) => ({
    row: parseItemId(o.itemId).row,
    address: o.to,
    reason: o.reason
  }))
}

/** Engine and device errors as AppFailures (the only error the IPC layer passes on with its code). */
export function toAppFailure(error: unknown): unknown {
  if (error instanceof ChainError) {
    const rows = offendingRows(error.details)
    if (rows.length > 0) {
      const names = rows
        .slice(0, 5)
        .map((r) => `row ${r.row} (${r.address}: ${r.reason})`)
        .join('; ')
      const more = rows.length > 5 ? ` and ${rows.length - 5} more` : ''
      return new AppFailure(
        'recipient_would_fail',
        `Nothing was signed: the network would refuse ${names}${more}. Correct or remove ${rows.length === 1 ? 'that row' : 'those rows'}, then try again.`,
        { rows }
      )
    }
    return new AppFailure(error.code.toLowerCase(), error.message, error.details)
  }
  if (error instanceof LedgerError)
    return new AppFailure(error.code, error.message, error.field === undefined ? undefined : { field: error.field })
  return error
}
