// Runs in: main (plain Node). The shapes of an execution plan: what will be signed, in which order,
// what each step pays, and what the device will show. Plans are values: building one sends nothing.
import type { BatchCalls } from './batchContract'
import type { FeeQuote } from './fees'
import type { TxPurpose } from './journal'
import type { SigningDisplay } from './signer'

export type PlanAsset =
  | { readonly kind: 'native'; readonly symbol: string; readonly decimals: number }
  | {
      readonly kind: 'erc20'
      readonly address: string
      readonly symbol: string
      readonly decimals: number
      /** Its transfer returns nothing (USDT on Ethereum): a Disperse-style batch would revert. */
      readonly transferReturnsNoValue: boolean
      /** The Ledger Ethereum app knows this token and shows transfers and approvals in clear. */
      readonly clearSigned: boolean
    }

/** One recipient row of a payout: the item it settles, where the money goes, how much (base units). */
export interface PaymentRow {
  readonly itemId: string
  /** The row number the user sees in the payout: how errors name the row to correct. */
  readonly row: number
  readonly to: string
  readonly amount: bigint
}

export const PLAN_KIND = { batch: 'batch', perRecipient: 'per_recipient' } as const
export type PlanKind = (typeof PLAN_KIND)[keyof typeof PLAN_KIND]

export const STEP_KIND = {
  approve: 'approve',
  disperse: 'disperse',
  transfer: 'transfer',
  /** An approve of 0 that takes back an allowance a cancelled payout left. */
  revoke: 'revoke',
  /** A Safe's execTransaction, paid for by the executing account; the Safe pays the rows. */
  safeExec: 'safe_exec'
} as const
export type StepKind = (typeof STEP_KIND)[keyof typeof STEP_KIND]

export interface PlanStep {
  readonly index: number
  readonly kind: StepKind
  readonly purpose: TxPurpose
  readonly to: string
  readonly value: bigint
  readonly data: string
  readonly gasEstimate: bigint
  readonly gasLimit: bigint
  /** Rows this step pays, in calldata order (for an approve: the rows of the batches it funds). */
  readonly rows: readonly PaymentRow[]
  readonly display: SigningDisplay
}

export interface ExecutionPlan {
  readonly kind: PlanKind
  readonly chainId: bigint
  readonly from: string
  readonly asset: PlanAsset
  /** The batch plan's verified contract and the calls this payout makes to it (callsForPayout). */
  readonly batchContract?: { readonly address: string; readonly calls: BatchCalls }
  readonly steps: readonly PlanStep[]
  /** Sum of the rows, in the asset's base units. */
  readonly totalAmount: bigint
  readonly fees: FeeQuote
  /** Network fee expected at current prices, in the native coin (the "service fee" line). */
  readonly estimatedFee: bigint
  /** The most the fee can reach with the signed limits: the balance check uses this. */
  readonly maximumFee: bigint
}

export const DISPLAY_MODE = { clear: 'clear', hash: 'hash', mixed: 'mixed' } as const
export type DisplayMode = (typeof DISPLAY_MODE)[keyof typeof DISPLAY_MODE]

export interface PlanSummary {
  readonly kind: PlanKind
  readonly transactions: number
  readonly deviceConfirmations: number
  readonly estimatedFee: bigint
  readonly maximumFee: bigint
  readonly display: DisplayMode
}

export interface PlanLimits {
  readonly maxRowsPerChunk: number
  /** Chunks are sized so their gas stays under this ("well under" the per-transaction cap). */
  readonly targetGasPerTx: bigint
  /** EIP-7825 per-transaction gas cap (2^24). No gas limit is ever set above it. */
  readonly txGasCap: bigint
}

export const DEFAULT_PLAN_LIMITS: PlanLimits = {
  maxRowsPerChunk: 400,
  targetGasPerTx: 12_000_000n,
  txGasCap: 16_777_216n
}

/** Gas limit headroom over the estimate, in percent: state can move between estimate and inclusion. */
export const GAS_LIMIT_HEADROOM_PERCENT = 20n
export const PLAIN_TRANSFER_GAS = 21_000n

export function withHeadroom(estimate: bigint, cap: bigint): bigint {
  if (estimate === PLAIN_TRANSFER_GAS) return estimate
  const limit = (estimate * (100n + GAS_LIMIT_HEADROOM_PERCENT)) / 100n
  return limit > cap ? cap : limit
}

export function sumRows(rows: readonly PaymentRow[]): bigint {
  let total = 0n
  for (const r of rows) total += r.amount
  return total
}
