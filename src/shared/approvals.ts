// Runs in: every process. What the renderer sees of four-eyes control and recipient safety:
// the policy, a payout's approval state (digest, signatures), approval requests imported from
// another desktop, and per-row safety checks. Amounts are base-unit strings.
import type { PayoutStatus } from './statuses'

export interface ApproverView {
  readonly name: string
  /** EIP-55; the address the approver's own Ledger showed and confirmed. */
  readonly address: string
}

export interface ApprovalPolicyView {
  readonly requireApproval: boolean
  readonly approvers: readonly ApproverView[]
  readonly threshold: number
  /** Per asset: payouts totalling at most this many base units need no approval. */
  readonly amountRules: ReadonlyArray<{ readonly assetId: string; readonly maxWithoutApprovalBaseUnits: string }>
}

export interface ApprovalSignatureView {
  readonly approverName: string
  readonly signer: string
  readonly signature: string
  readonly source: string
  readonly approvedAt: string
}

export interface ApprovalReviewView {
  readonly payoutId: string
  readonly revision: number
  readonly status: PayoutStatus
  readonly digest: string
  /** The exact text the approver's Ledger shows and signs. */
  readonly message: string
  readonly creator: { readonly name: string; readonly address: string | null }
  readonly payerAddress: string | null
  readonly threshold: number
  readonly approvals: readonly ApprovalSignatureView[]
  readonly voidedApprovals: number
  readonly remaining: number
  readonly canStillApprove: readonly ApproverView[]
}

/** A payout brought from another desktop to be approved here; it can never be paid here. */
export interface ImportedReview {
  readonly payoutId: string
  readonly revision: number
  readonly kind: 'single' | 'mass'
  readonly digest: string
  readonly message: string
  readonly networkName: string
  readonly chainId: number
  readonly asset: {
    readonly id: string
    readonly symbol: string
    readonly decimals: number
    readonly tokenAddress: string | null
  }
  readonly purpose: string
  readonly creatorName: string
  readonly creatorAddress: string | null
  readonly payerAddress: string | null
  /** Base units, decimal digits. */
  readonly totalBaseUnits: string
  readonly recipients: ReadonlyArray<{
    readonly row: number
    readonly address: string
    readonly amountBaseUnits: string
    readonly reference: string
    readonly name: string
  }>
  readonly policy: {
    readonly threshold: number
    readonly approvers: ReadonlyArray<{ readonly name: string; readonly address: string }>
  }
  readonly exportedBy: string
  readonly exportedAt: string
  readonly importedAt: string
  readonly signed: { readonly signer: string; readonly signature: string; readonly signedAt: string } | null
  /** Differences between the file and this desktop's catalogue, for a person to judge. */
  readonly catalogueWarnings: readonly string[]
}

export interface RecipientSafetyView {
  readonly row: number
  readonly address: string
  readonly label: string | null
  /** Never paid by this app before. */
  readonly firstPayment: boolean
  /** Known payees this address imitates (same first and last characters): blocking until acknowledged. */
  readonly lookalikes: ReadonlyArray<{
    readonly address: string
    readonly label: string | null
    readonly source: 'address_book' | 'paid_before'
  }>
  readonly acknowledged: boolean
}

export interface AddressLabelView {
  readonly address: string
  readonly label: string
  readonly createdAt: string
  readonly updatedAt: string
}

export type AuditVerificationView =
  | { readonly ok: true; readonly entries: number }
  | { readonly ok: false; readonly entries: number; readonly firstBrokenId: number; readonly reason: string }
