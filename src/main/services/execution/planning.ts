// Runs in: main (plain Node). Turns a stored payout into what the chain engine plans with (asset,
// rows) and builds one plan kind.
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
  type PlanKind,
  type PlanLimits
} from '../../chain'
import type { CatalogueAsset, CatalogueNetwork } from '../../domain/catalogue'
import { findErc20Descriptor } from '../../ledger/erc20Descriptors'
import { itemId } from '../../domain/itemId'
import type { StoredItem } from '../../store/payoutRepo'
import { assertNever } from '../../../shared/result'

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
      ? [{ itemId: itemId(payoutId, it.row), row: it.row, to: it.address, amount: it.amount }]
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
  /** Token amount the payer's open batches will still take from its allowance to the batch contract. */
  readonly allowanceInUse?: bigint
  /** Chunk sizes and gas targets; the engine's defaults when absent. */
  readonly limits?: PlanLimits
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
    fees: ctx.fees,
    ...(ctx.limits === undefined ? {} : { limits: ctx.limits })
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
        batchContract: { address, expectation: expectedBatchCode(address, ctx.network.development) },
        ...(ctx.allowanceInUse === undefined ? {} : { allowanceInUse: ctx.allowanceInUse })
      })
    }
    default:
      return assertNever(kind, 'plan kind')
  }
}
