// Runs in: every process. What the renderer sees of paying a payout: the device, the plans with
// their fees, and progress. Amounts are base-unit strings.
import type { TxPurpose, TxState } from './statuses'

export type PlanKindName = 'batch' | 'per_recipient'
export type DeviceDisplay = 'clear' | 'hash' | 'mixed'

export type DeviceStatusView =
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'locked' }
  | { readonly kind: 'dashboard' }
  | { readonly kind: 'wrongApp'; readonly appName: string }
  | { readonly kind: 'ready'; readonly appVersion: string; readonly blindSigningEnabled: boolean }
  | { readonly kind: 'busy'; readonly action: string }
  | { readonly kind: 'awaitingConfirmation'; readonly action: string }

/** How a Ledger numbers Ethereum accounts: Ledger Live's 44'/60'/N'/0/0 or the legacy 44'/60'/0'/N. */
export const ACCOUNT_SCHEMES = ['ledgerLive', 'legacy'] as const
export type AccountScheme = (typeof ACCOUNT_SCHEMES)[number]
/** An Ethereum account path on a Ledger, in either scheme (hardened steps marked with '). */
export const ACCOUNT_PATH_PATTERN = /^44'\/60'(\/[0-9]{1,9}'?){1,3}$/

export interface AccountView {
  readonly scheme: AccountScheme
  readonly index: number
  readonly path: string
  readonly address: string
}

export interface ShortfallView {
  readonly asset: 'native' | 'token'
  readonly symbol: string
  readonly decimals: number
  readonly neededBaseUnits: string
  readonly availableBaseUnits: string
  readonly missingBaseUnits: string
}

export interface RowProblemView {
  readonly row: number
  readonly address: string
  readonly reason: string
}

export type PlanOptionView =
  | {
      readonly kind: PlanKindName
      readonly available: true
      readonly transactions: number
      readonly deviceConfirmations: number
      readonly estimatedFeeBaseUnits: string
      readonly maximumFeeBaseUnits: string
      readonly display: DeviceDisplay
      readonly shortfalls: readonly ShortfallView[]
    }
  | {
      readonly kind: PlanKindName
      readonly available: false
      readonly code: string
      readonly reason: string
      readonly rows: readonly RowProblemView[]
    }

export interface ExecutionQuoteView {
  readonly payoutId: string
  readonly chainId: number
  readonly payer: string
  readonly accountPath: string
  readonly assetSymbol: string
  readonly assetDecimals: number
  readonly nativeSymbol: string
  readonly totalBaseUnits: string
  readonly recipients: number
  readonly plans: readonly PlanOptionView[]
  readonly proposed: PlanKindName | null
  readonly balances: { readonly nativeBaseUnits: string; readonly tokenBaseUnits: string | null }
  readonly canExecute: boolean
}

export interface ExecutionResultView {
  readonly payoutId: string
  readonly plan: PlanKindName
  readonly signed: readonly string[]
  readonly stopped: {
    readonly step: number
    readonly code: string
    readonly message: string
    readonly requeuedRows: readonly number[]
  } | null
}

export interface EndpointView {
  readonly chainId: number
  /** The URL with any key masked; never the secret itself. */
  readonly masked: string
  readonly source: 'default' | 'custom'
  /**
   * Hosts of the network's other public endpoints, asked for a second opinion on payments (each
   * sees the hashes of the payments it is asked about).
   */
  readonly witnesses: readonly string[]
  /** Whether those endpoints are asked (on unless the desk turned them off for this network). */
  readonly secondOpinion: boolean
}

export interface EndpointHealthView {
  readonly chainId: number
  readonly online: boolean
  readonly latestBlock: string | null
  readonly message: string
}

/**
 * What the Ledger will show for one transaction, computed by the app from the exact transaction
 * before the device is asked: the fields to compare, in the device's order. `blind` when the
 * device can show only a hash of the data.
 */
export interface DeviceScreenView {
  readonly title: string
  readonly fields: ReadonlyArray<{ readonly label: string; readonly value: string }>
  readonly blind: boolean
}

/** One step of execution, as it happens (block numbers as decimal strings). */
export type ExecutionProgressView =
  | {
      readonly type: 'signing'
      readonly payoutId: string
      readonly step: number
      readonly screen: DeviceScreenView | null
    }
  | {
      readonly type: 'signed'
      readonly payoutId: string
      readonly step: number
      readonly hash: string
      readonly nonce: number
    }
  | { readonly type: 'broadcast'; readonly payoutId: string; readonly hash: string }
  /** The node's answer was lost: the transaction may or may not be on its way; settled by hash and nonce. */
  | { readonly type: 'maybe_sent'; readonly payoutId: string; readonly hash: string; readonly code: string }
  | {
      readonly type: 'broadcast_rejected'
      readonly payoutId: string
      readonly hash: string
      readonly code: string
      readonly message: string
    }
  | { readonly type: 'mined'; readonly payoutId: string; readonly hash: string; readonly blockNumber: string }
  | { readonly type: 'reorged'; readonly payoutId: string; readonly hash: string }
  /**
   * The account's nonce is used but no receipt of this transaction (or of its replacements) can be
   * read, and no other transaction at that nonce was found: its rows need checking by a person.
   */
  | { readonly type: 'unverified'; readonly payoutId: string; readonly hash: string; readonly reason: string }
  | {
      readonly type: 'confirmed'
      readonly payoutId: string
      readonly hash: string
      readonly paidItems: number
      readonly failedItems: number
      /** Rows the transaction should have paid but whose payment the chain does not show: they need checking. */
      readonly uncheckedItems: number
    }
  | {
      readonly type: 'failed'
      readonly payoutId: string
      readonly hash: string
      readonly code: string
      readonly reason: string
    }
  | { readonly type: 'replaced'; readonly payoutId: string; readonly hash: string; readonly byHash: string }
  | { readonly type: 'warning'; readonly payoutId: string; readonly hash: string; readonly message: string }

/** One transaction of a payout as the journal holds it (never its raw bytes). */
export interface PayoutTransactionView {
  readonly hash: string
  readonly step: number
  readonly purpose: TxPurpose
  readonly nonce: number
  readonly from: string
  readonly state: TxState
  readonly replaces: string | null
  readonly blockNumber: string | null
  /** Why it failed, or why its outcome needs checking. */
  readonly failure: string | null
  readonly feePaidBaseUnits: string | null
  readonly rows: number
  readonly createdAt: string
}
