// Runs in: every process. What the renderer sees of paying from a Safe multisig: the Safes this
// desk pays from, the plan options before anyone signs, and each Safe transaction with the owner
// signatures collected. Amounts and nonces are decimal strings; addresses are checksummed.

export const SAFE_ROUTES = ['transfers', 'batch_contract'] as const
export type SafeRouteName = (typeof SAFE_ROUTES)[number]

export interface SafeOwnerView {
  readonly address: string
  /** The team roster's name for this Ledger address; null when the owner is not on the roster. */
  readonly name: string | null
}

export interface SafeFlagView {
  readonly kind: 'module' | 'guard'
  readonly address: string
  readonly reason: string
}

export interface SafeBalanceView {
  readonly assetId: string
  readonly symbol: string
  readonly decimals: number
  readonly balanceBaseUnits: string
}

export interface SafeAccountView {
  readonly id: string
  readonly chainId: number
  readonly networkName: string
  readonly address: string
  readonly version: string
  readonly l2: boolean
  readonly owners: readonly SafeOwnerView[]
  readonly threshold: number
  readonly nonce: string
  readonly flags: readonly SafeFlagView[]
  readonly balances: readonly SafeBalanceView[]
  readonly addedAt: string
  /** Why the Safe could not be read from the chain just now (the rest is what was read when added). */
  readonly readError: string | null
}

export type SafePlanOptionView =
  | {
      readonly route: SafeRouteName
      readonly available: true
      readonly transactions: number
      readonly signaturesNeeded: number
      readonly confirmationsPerOwner: number
      readonly gas: string
      readonly estimatedFeeBaseUnits: string
      readonly maximumFeeBaseUnits: string
      /**
       * Why nothing is bundled (no verified MultiSendCallOnly on the network): each Safe transaction
       * makes one call, so transfers pay one row per Safe transaction. Null when bundling is available.
       */
      readonly withoutMultiSend: string | null
    }
  | { readonly route: SafeRouteName; readonly available: false; readonly code: string; readonly reason: string }

export interface SafeQuoteView {
  readonly payoutId: string
  readonly safeId: string
  readonly safe: string
  readonly threshold: number
  readonly owners: readonly SafeOwnerView[]
  readonly options: readonly SafePlanOptionView[]
  readonly proposed: SafeRouteName | null
  readonly assetSymbol: string
  readonly decimals: number
  readonly safeBalanceBaseUnits: string
  readonly missingBaseUnits: string
}

export const SAFE_TX_STATES = [
  'awaiting_signatures',
  'executing',
  'executed',
  'nonce_consumed',
  'cancelled',
  'superseded'
] as const
export type SafeTxStateName = (typeof SAFE_TX_STATES)[number]

export interface SafeSignatureView {
  readonly signer: string
  readonly name: string | null
  /** The 65-byte owner signature (r, s, v) as the Safe checks it, hex. */
  readonly signature: string
  readonly mode: 'full' | 'hashed'
  readonly source: 'device' | 'file'
  readonly sourceFile: string | null
  readonly signedAt: string
}

export interface SafeTxRowView {
  /** The payout's row number. */
  readonly row: number
  readonly to: string
  readonly amountBaseUnits: string
}

export interface SafeTransactionView {
  readonly safeTxHash: string
  readonly purpose: 'payment' | 'cancel'
  readonly position: number
  readonly of: number
  readonly nonce: string
  readonly to: string
  readonly valueBaseUnits: string
  readonly operation: number
  readonly dataBytes: number
  readonly rowCount: number
  readonly totalBaseUnits: string
  /** What it pays, decoded back from its calldata and checked against the payout (a cancellation: what it stops). */
  readonly rows: readonly SafeTxRowView[]
  readonly state: SafeTxStateName
  readonly explanation: string | null
  /**
   * The other Safe transaction at the same number: for a cancellation, the payment it cancels; for a
   * payment, its cancellation (planned or executed). Shown beside the explanation, copyable.
   */
  readonly pairedWith: string | null
  readonly executionHash: string | null
  readonly signatures: readonly SafeSignatureView[]
  readonly threshold: number
  /** What a Ledger without full EIP-712 shows, exactly: the owner compares these with the device. */
  readonly domainHash: string
  readonly messageHash: string
}

export interface SafePayoutView {
  readonly payoutId: string
  readonly origin: 'planned' | 'imported'
  readonly chainId: number
  readonly safe: string
  readonly safeId: string
  readonly assetSymbol: string
  readonly decimals: number
  readonly threshold: number
  readonly owners: readonly SafeOwnerView[]
  readonly safeNonce: string
  readonly transactions: readonly SafeTransactionView[]
  /** Set when a nonce was used by a Safe transaction made elsewhere: rows must be planned again. */
  readonly replanNeeded: string | null
}
