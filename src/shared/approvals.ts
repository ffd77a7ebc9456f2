// Runs in: every process. What the renderer sees of four-eyes control and recipient safety:
// the policy, a payout's approval state (digest, signatures), approval requests imported from
// another desktop, and per-row safety checks. Amounts are base-unit strings.
import type { PayoutStatus } from './statuses'

/** A team member: a name (a label) and the one Ledger address that is their identity. */
export interface PolicyMemberView {
  readonly name: string
  /** EIP-55; the address the member's own Ledger signed with. */
  readonly address: string
  readonly approver: boolean
}

/** One signature over a policy version or proposal: who (by roster name), when, made here or received by file. */
export interface PolicySignatureView {
  readonly signer: string
  readonly name: string | null
  readonly signedAt: string
  readonly source: 'device' | 'file'
}

export interface PolicyContentView {
  readonly sequence: number
  readonly hash: string
  readonly previous: string | null
  readonly members: readonly PolicyMemberView[]
  readonly threshold: number
  readonly requireApproval: boolean
  /** Preparers without a Ledger may submit unsigned; such payouts then need two distinct approvers. */
  readonly unsignedSubmissions: boolean
  /** Per asset: payouts totalling at most this many base units need no approval. */
  readonly amountRules: ReadonlyArray<{ readonly assetId: string; readonly maxWithoutApprovalBaseUnits: string }>
  readonly signatures: readonly PolicySignatureView[]
}

export interface PolicyVersionView extends PolicyContentView {
  readonly adoptedAt: string
}

export interface PolicyProposalView extends PolicyContentView {
  readonly proposedAt: string
  /** Members who must still sign it themselves (every member of a first version; members it adds). */
  readonly missingMembers: readonly PolicyMemberView[]
  /** Approvers of the version in force who may sign it, and how many more of them must. */
  readonly approversOfInForce: readonly PolicyMemberView[]
  readonly missingApprovals: number
}

/** The signed approval policy: the version in force (null until the team sets one up) and the open proposal. */
export interface ApprovalPolicyView {
  readonly inForce: PolicyVersionView | null
  readonly proposal: PolicyProposalView | null
  /** Earlier versions, oldest first, for the history. */
  readonly history: readonly PolicyVersionView[]
}

export interface ApprovalSignatureView {
  /** From the team roster, never from what was typed. */
  readonly approverName: string
  readonly signer: string
  readonly signature: string
  readonly source: string
  readonly approvedAt: string
}

/** The kinds of warning a submitter acknowledges before a payout leaves Draft. */
export const WARNING_KINDS = ['duplicate_address', 'no_checksum', 'first_payment', 'lookalike', 'large_amount'] as const
export type WarningKind = (typeof WARNING_KINDS)[number]

/** Each kind's name in plain words: the confirmation, the approver's review and the history all use it. */
export const WARNING_KIND_TITLES: Readonly<Record<WarningKind, string>> = {
  duplicate_address: 'Same address on several rows',
  no_checksum: 'Addresses without a checksum',
  first_payment: 'First payment to these addresses',
  lookalike: 'Addresses that look like a known payee',
  large_amount: 'Unusually large amounts'
}

export interface SubmissionWarningView {
  readonly kind: WarningKind
  /** "Same address on several rows", for the confirmation. */
  readonly title: string
  /** What to check before acknowledging. */
  readonly advice: string
  readonly rows: readonly number[]
}

/** What the submission confirmation shows, and what signing it will cover. */
export interface SubmissionReviewView {
  readonly payoutId: string
  readonly revision: number
  readonly totalBaseUnits: string
  readonly recipients: number
  readonly assetSymbol: string
  readonly decimals: number
  readonly networkName: string
  readonly warnings: readonly SubmissionWarningView[]
  readonly approval:
    | { readonly required: false; readonly reason: 'no_policy' | 'approvals_off' | 'below_amount_rule' }
    | { readonly required: true; readonly threshold: number; readonly unsignedNeeds: number }
  /** The policy version the payout will be submitted under (null: no signed policy yet). */
  readonly policy: { readonly sequence: number; readonly hash: string } | null
  /** 'required': a roster member signs on their Ledger; 'optional': unsigned is allowed. */
  readonly signing: 'required' | 'optional'
  /** Approvers approve paying from one account: it is chosen at submission when approval is required. */
  readonly payerRequired: boolean
}

export interface ApprovalReviewView {
  readonly payoutId: string
  readonly revision: number
  readonly status: PayoutStatus
  readonly digest: string
  /** The submitter (from the roster), or null address for an unsigned submission. */
  readonly creator: { readonly name: string; readonly address: string | null }
  readonly payerAddress: string | null
  readonly policy: { readonly sequence: number; readonly hash: string } | null
  /** Warnings the submitter acknowledged, by kind and rows: covered by the digest. */
  readonly acknowledgements: ReadonlyArray<{ readonly kind: WarningKind; readonly rows: readonly number[] }>
  readonly threshold: number
  readonly approvals: readonly ApprovalSignatureView[]
  readonly voidedApprovals: number
  readonly remaining: number
  /** Approvers who may still sign: on the policy version, not the submitter, not yet signed. */
  readonly canStillApprove: readonly PolicyMemberView[]
  readonly rejection: {
    readonly signer: string
    readonly name: string
    readonly reason: string
    readonly at: string
  } | null
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
  /** The submitter, named from the request's policy roster; null address for an unsigned submission. */
  readonly creatorName: string
  readonly creatorAddress: string | null
  readonly payerAddress: string | null
  readonly acknowledgements: ReadonlyArray<{ readonly kind: WarningKind; readonly rows: readonly number[] }>
  /** Base units, decimal digits. */
  readonly totalBaseUnits: string
  readonly recipients: ReadonlyArray<{
    readonly row: number
    readonly address: string
    readonly amountBaseUnits: string
    readonly reference: string
    readonly name: string
  }>
  /** The policy version the payout was submitted under, as this desk holds it. */
  readonly policy: {
    readonly sequence: number
    readonly hash: string
    readonly threshold: number
    readonly approvers: readonly PolicyMemberView[]
  } | null
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

/** A signed statement whose audit anchor no longer matches the log (rewritten or cut after it was signed). */
export interface AnchorMismatchView {
  /** "Approval of PO-… revision 2", "Policy version 3". */
  readonly statement: string
  readonly signer: string
  readonly signerName: string | null
  readonly anchorId: number
  readonly reason: string
}

export interface AuditVerificationView {
  readonly ok: boolean
  readonly entries: number
  /** Each entry follows from the one before it. */
  readonly chain:
    { readonly ok: true } | { readonly ok: false; readonly firstBrokenId: number; readonly reason: string }
  /** Every statement signed at this desk names an entry the log still holds, unchanged. */
  readonly anchors: { readonly checked: number; readonly mismatches: readonly AnchorMismatchView[] }
  /** Every row marked paid pays what the signed bytes of the transaction it names paid it. */
  readonly payments: PaidRowsCheckView
}

/** Rows marked paid read against the signed bytes of the transactions they name. */
export interface PaidRowsCheckView {
  readonly checked: number
  /** All the rows that differ; `mismatches` names the first of them, payout after payout, in row order. */
  readonly differing: number
  readonly mismatches: readonly PaidRowMismatchView[]
}

/** A row marked paid whose recipient or amount is not what the transaction it names paid (or that names none). */
export interface PaidRowMismatchView {
  readonly payoutId: string
  readonly row: number
  /** The transaction the row says paid it. */
  readonly txHash: string | null
  /** What differs, about that transaction ("its payment 2 sent … ; the row now says …"). */
  readonly reason: string
}
