// Runs in: main (plain Node). Four-eyes control over payouts: the approval policy (approvers,
// M of N, amount rules), the decision at submission, recording managers' Ledger signatures over
// the payout's digest (and the move to in progress once M exist), rejection, and the files that
// carry a payout to another desktop for approval and the approval back. Every rule is enforced
// here, in main; a signature counts only if it recovers to a listed approver who is not the
// creator, over the digest of the payout as it is now.
import { getAddress } from 'ethers'
import { parseAmount } from '../domain/money'
import type { Settings } from '../../shared/api'
import type { ApprovalReviewView } from '../../shared/approvals'
import type { PayoutStatus } from '../../shared/statuses'
import type { Catalogue } from '../domain/catalogue'
import { nextStatus } from '../domain/statusMachine'
import { AppFailure } from '../../shared/errors'
import { notFound } from '../errors'
import {
  FILE_VERSION,
  REQUEST_FORMAT,
  encodeFile,
  parseApprovalFile,
  type ApprovalRequestFile
} from '../approvals/files'
import {
  EMPTY_POLICY,
  StoredPolicySchema,
  approverFor,
  checkPolicy,
  decideApproval,
  eligibleApprovers,
  policyToJson,
  sameOperator,
  type ApprovalDecision,
  type ApprovalPolicy,
  type Creator,
  type StoredPolicy
} from '../approvals/policy'
import { recoverApprover } from '../approvals/signature'
import { snapshotOf, type PayoutSnapshot } from '../approvals/snapshot'
import * as approvalRepo from '../store/approvalRepo'
import { appendAudit } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { getPayoutRow, setItemsStatus, setPayoutStatus, type StoredPayout } from '../store/payoutRepo'
import { readRawSetting, writeRawSetting } from '../store/settingsRepo'
import { createApproverDesk } from '../approvals/approverDesk'

export type { ImportedReview } from '../approvals/importedReview'

export const POLICY_SETTING_KEY = 'approvalPolicy'

export interface ApprovalServiceDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly settings: () => Settings
  readonly now: () => Date
  readonly changed: (id: string, status: PayoutStatus) => void
}

export interface SubmissionAccounts {
  /** The creator's own Ledger address, when they have one: they can never approve with it. */
  readonly creatorAddress?: string | null
  /** The account that will pay, when already chosen: the digest then covers it. */
  readonly payerAddress?: string | null
}

export function createApprovalService(deps: ApprovalServiceDeps) {
  const { db, catalogue } = deps
  const stamp = (): string => deps.now().toISOString()
  const operator = (): string => deps.settings().operatorName

  function storedPolicy(): StoredPolicy {
    const raw = readRawSetting(db.write, POLICY_SETTING_KEY)
    if (raw === undefined) return EMPTY_POLICY
    const parsed = StoredPolicySchema.safeParse(raw)
    // A policy that no longer parses must not silently become "no approvers": refuse loudly.
    if (!parsed.success)
      throw new AppFailure(
        'approval_policy_damaged',
        'The approval settings are damaged. Set up the approvers again in Settings.'
      )
    return parsed.data
  }

  function policy(): ApprovalPolicy {
    return { ...storedPolicy(), requireApproval: deps.settings().requireApproval }
  }

  function savePolicy(next: StoredPolicy, actor: string, detail: string): ApprovalPolicy {
    checkPolicy(next)
    inTransaction(db.write, () => {
      writeRawSetting(db.write, POLICY_SETTING_KEY, policyToJson(next))
      appendAudit(db.write, { actor, action: 'settings_changed', payoutId: null, at: stamp(), detail })
    })
    return policy()
  }

  function load(id: string): StoredPayout {
    const p = getPayoutRow(db.write, id)
    if (p === undefined) throw notFound('Payout', id)
    return p
  }

  function creatorOf(p: StoredPayout): Creator {
    return { name: p.createdBy, address: approvalRepo.getSubmission(db.write, p.id)?.creatorAddress ?? null }
  }

  function requirePending(p: StoredPayout): void {
    if (p.status === 'pending') return
    if (p.status === 'draft')
      throw new AppFailure(
        'approval_not_pending',
        'This payout was edited after it was submitted and is a draft again; earlier approvals no longer count. Submit it again, then ask for approval.'
      )
    throw new AppFailure(
      'approval_not_pending',
      `This payout is ${p.status.replace('_', ' ')}, not waiting for approval.`
    )
  }

  function review(p: StoredPayout, snap: PayoutSnapshot = snapshotOf(db.write, catalogue, p)): ApprovalReviewView {
    const current = approvalRepo.approvalsFor(db.write, p.id, p.revision, snap.digest)
    const all = approvalRepo.allApprovals(db.write, p.id)
    const pol = policy()
    const creator = creatorOf(p)
    const signed = new Set(current.map((a) => a.signer))
    return {
      payoutId: p.id,
      revision: p.revision,
      status: p.status,
      digest: snap.digest,
      message: snap.message,
      creator,
      payerAddress: snap.input.payerAddress,
      threshold: pol.threshold,
      approvals: current.map(({ approverName, signer, signature, source, approvedAt }) => ({
        approverName,
        signer,
        signature,
        source,
        approvedAt
      })),
      voidedApprovals: all.length - current.length,
      remaining: Math.max(0, pol.threshold - current.length),
      canStillApprove: eligibleApprovers(pol, creator).filter((a) => !signed.has(a.address))
    }
  }

  /** Verifies and stores one signature; moves the payout to in progress when it is the M-th. */
  function accept(
    payoutId: string,
    signature: string,
    source: approvalRepo.ApprovalSource,
    expectedSigner: string | null,
    claimedDigest: string | null
  ): ApprovalReviewView {
    const result = inTransaction(db.write, () => {
      const p = load(payoutId)
      requirePending(p)
      const snap = snapshotOf(db.write, catalogue, p)
      if (claimedDigest !== null && claimedDigest !== snap.digest) {
        throw new AppFailure(
          'approval_digest_mismatch',
          'This approval was given for different payout contents than the payout has now. Ask the approver to review and sign the current version.'
        )
      }
      const signer = recoverApprover(snap.message, signature)
      if (expectedSigner !== null && getAddress(expectedSigner) !== signer) {
        throw new AppFailure(
          'approval_signature_mismatch',
          'The signature was not made over this version of the payout by the approver it names. Ask the approver to sign the current version again.'
        )
      }
      const pol = policy()
      const creator = creatorOf(p)
      const already = approvalRepo.approvalsFor(db.write, p.id, p.revision, snap.digest).map((a) => a.signer)
      const approver = approverFor(pol, signer, creator, already)
      const at = stamp()
      approvalRepo.insertApproval(db.write, {
        payoutId: p.id,
        revision: p.revision,
        digest: snap.digest,
        signer,
        approverName: approver.name,
        signature,
        source,
        approvedAt: at
      })
      const count = already.length + 1
      const complete = count >= pol.threshold
      const to = complete
        ? nextStatus(p.status, 'approve', { requireApproval: pol.requireApproval, broadcastCount: 0 }).to
        : p.status
      if (complete) setPayoutStatus(db.write, p.id, to, at)
      appendAudit(db.write, {
        actor: approver.name,
        action: 'approved',
        payoutId: p.id,
        fromStatus: complete ? p.status : null,
        toStatus: complete ? to : null,
        at,
        detail: `${approver.name} (${signer}) signed digest ${snap.digest} of revision ${p.revision}${source === 'file' ? ' on another desktop' : ''}: ${count} of ${pol.threshold} approval(s); signature ${signature}`
      })
      return { review: review(load(p.id), snap), moved: complete ? to : null }
    })
    if (result.moved !== null) deps.changed(payoutId, result.moved)
    return result.review
  }

  const desk = createApproverDesk({ db, catalogue, stamp, operator })

  return {
    policy,

    /** Adds an approver; `address` is the one their Ledger showed and the user confirmed there. */
    addApprover(input: { readonly name: string; readonly address: string }): ApprovalPolicy {
      const p = storedPolicy()
      const approver = { name: input.name.trim(), address: checkedAddress(input.address) }
      if (approver.name === '') throw new AppFailure('approver_name_required', 'Give the approver a name.')
      return savePolicy(
        { ...p, approvers: [...p.approvers, approver] },
        operator(),
        `approver added: ${approver.name} ${approver.address}`
      )
    },

    removeApprover(address: string): ApprovalPolicy {
      const p = storedPolicy()
      const a = checkedAddress(address)
      const removed = p.approvers.find((x) => x.address === a)
      if (removed === undefined) throw new AppFailure('approver_not_found', `${a} is not an approver.`)
      const approvers = p.approvers.filter((x) => x.address !== a)
      const threshold = Math.min(p.threshold, Math.max(1, approvers.length))
      return savePolicy(
        { ...p, approvers, threshold },
        operator(),
        `approver removed: ${removed.name} ${a}${threshold === p.threshold ? '' : `; approvals needed ${p.threshold} -> ${threshold}`}`
      )
    },

    setThreshold(threshold: number): ApprovalPolicy {
      const p = storedPolicy()
      return savePolicy({ ...p, threshold }, operator(), `approvals needed: ${p.threshold} -> ${threshold}`)
    },

    /** `maxWithoutApproval` null removes the asset's rule (its payouts then always need approval). */
    setAmountRule(assetId: string, maxWithoutApproval: bigint | null): ApprovalPolicy {
      const asset = catalogue.requireAsset(assetId)
      const p = storedPolicy()
      const others = p.amountRules.filter((r) => r.assetId !== asset.id)
      const amountRules = maxWithoutApproval === null ? others : [...others, { assetId: asset.id, maxWithoutApproval }]
      const detail =
        maxWithoutApproval === null
          ? `approval rule removed for ${asset.id}`
          : `${asset.id} payouts up to ${maxWithoutApproval} base units skip approval`
      return savePolicy({ ...p, amountRules }, operator(), detail)
    },

    /** The amount rule as typed ("5,000.00", in the asset's units); null removes the asset's rule. */
    setAmountRuleText(assetId: string, text: string | null): ApprovalPolicy {
      const asset = catalogue.requireAsset(assetId)
      if (text === null) return this.setAmountRule(asset.id, null)
      const amount = parseAmount(text, asset.decimals, asset.symbol, { allowZero: true })
      if (!amount.ok) throw new AppFailure(amount.code, amount.message)
      return this.setAmountRule(asset.id, amount.value)
    },

    /** Whether submitting this payout now would need approval (refuses when the policy cannot be met). */
    decide(payoutId: string, creatorAddress: string | null = null): ApprovalDecision {
      const p = load(payoutId)
      return decideApproval(policy(), {
        assetId: p.assetId,
        total: p.total,
        creator: { name: p.createdBy, address: creatorAddress }
      })
    },

    /**
     * Call right before executionService.submit: records the accounts named at submission (so the
     * digest covers them) and returns what to pass as requireApproval.
     */
    prepareSubmission(
      payoutId: string,
      accounts: SubmissionAccounts = {}
    ): { readonly requireApproval: boolean; readonly decision: ApprovalDecision } {
      const p = load(payoutId)
      // Renaming the accounts of a submitted payout would change its digest behind the approvers' backs.
      if (p.status !== 'draft')
        throw new AppFailure(
          'not_submittable',
          `This payout is ${p.status.replace('_', ' ')}; only a draft can be submitted.`
        )
      const creatorAddress = accounts.creatorAddress ? checkedAddress(accounts.creatorAddress) : null
      const payerAddress = accounts.payerAddress ? checkedAddress(accounts.payerAddress) : null
      const decision = decideApproval(policy(), {
        assetId: p.assetId,
        total: p.total,
        creator: { name: p.createdBy, address: creatorAddress }
      })
      approvalRepo.upsertSubmission(db.write, {
        payoutId: p.id,
        revision: p.revision,
        creatorAddress,
        payerAddress,
        submittedAt: stamp()
      })
      return { requireApproval: decision.required, decision }
    },

    review(payoutId: string): ApprovalReviewView {
      return review(load(payoutId))
    },

    /** The review of a payout that was submitted; null for a draft, which has no approval state. */
    reviewIfSubmitted(payoutId: string): ApprovalReviewView | null {
      const p = load(payoutId)
      return p.status === 'draft' ? null : review(p)
    },

    /** The text to sign with ledger.signPersonalMessage for the payout as it is now. */
    message(payoutId: string): string {
      return snapshotOf(db.write, catalogue, load(payoutId)).message
    },

    /**
     * For execution, before signing: when the approvers saw a payer account (named at submission,
     * so covered by the digest), the payout must be paid from that account and no other.
     */
    assertPayer(payoutId: string, payerAddress: string): void {
      const named = approvalRepo.getSubmission(db.write, payoutId)?.payerAddress ?? null
      if (named !== null && named !== checkedAddress(payerAddress)) {
        throw new AppFailure(
          'payer_not_approved',
          `This payout was submitted and approved to be paid from ${named}. Choose that account, or edit and submit the payout again.`
        )
      }
    },

    /** A signature made on this desktop (the manager's Ledger plugged in here). */
    recordApproval(
      payoutId: string,
      signature: string,
      options: { readonly expectedSigner?: string } = {}
    ): ApprovalReviewView {
      return accept(payoutId, signature, 'device', options.expectedSigner ?? null, null)
    },

    /** pending -> cancelled with the approver's reason. */
    reject(payoutId: string, input: { readonly approver: string; readonly reason: string }): ApprovalReviewView {
      const reason = input.reason.trim()
      if (reason === '')
        throw new AppFailure('reject_reason_required', 'Say why the payout is rejected: the creator sees the reason.')
      // A rejection cancels the payout: it must come from someone the policy lists as an approver.
      const listed = policy().approvers.find((a) => sameOperator(a.name, input.approver))
      if (listed === undefined)
        throw new AppFailure(
          'approval_not_an_approver',
          `${input.approver} is not a listed approver. Only an approver can reject a payout; its creator can cancel it instead.`
        )
      const approver = listed.name
      const out = inTransaction(db.write, () => {
        const p = load(payoutId)
        const t = nextStatus(p.status, 'reject', {
          requireApproval: deps.settings().requireApproval,
          broadcastCount: 0
        })
        const at = stamp()
        setPayoutStatus(db.write, p.id, t.to, at)
        setItemsStatus(db.write, p.id, 'queued', 'cancelled')
        setItemsStatus(db.write, p.id, 'draft', 'cancelled')
        appendAudit(db.write, {
          actor: approver,
          action: 'rejected',
          payoutId: p.id,
          fromStatus: p.status,
          toStatus: t.to,
          at,
          detail: reason
        })
        return review(load(p.id))
      })
      deps.changed(payoutId, 'cancelled')
      return out
    },

    /** The approval request file for a pending payout: registry, digest, creator, policy. */
    exportForApproval(payoutId: string): Uint8Array {
      const p = load(payoutId)
      requirePending(p)
      const snap = snapshotOf(db.write, catalogue, p)
      const pol = policy()
      const file: ApprovalRequestFile = {
        format: REQUEST_FORMAT,
        version: FILE_VERSION,
        payout: {
          id: p.id,
          revision: p.revision,
          kind: p.kind,
          networkName: snap.input.networkName,
          chainId: snap.input.chainId,
          asset: snap.input.asset,
          purpose: snap.input.purpose,
          creatorName: snap.input.creatorName,
          creatorAddress: snap.input.creatorAddress,
          payerAddress: snap.input.payerAddress,
          createdAt: p.createdAt,
          recipients: snap.items.map((it) => ({
            row: it.row,
            address: it.address!,
            amount: it.amount!.toString(),
            reference: it.reference,
            name: it.name
          }))
        },
        digest: snap.digest,
        policy: { threshold: pol.threshold, approvers: pol.approvers.map((a) => ({ ...a })) },
        exportedAt: stamp(),
        exportedBy: operator()
      }
      inTransaction(db.write, () =>
        appendAudit(db.write, {
          actor: operator(),
          action: 'exported_for_approval',
          payoutId: p.id,
          at: stamp(),
          detail: `revision ${p.revision}, digest ${snap.digest}`
        })
      )
      return encodeFile(file)
    },

    ...desk,

    /**
     * On the creator's desktop: an approval file made elsewhere. Only the signature is trusted: it
     * must recover, over the message of the payout as it is now, to the signer the file names,
     * who must be a listed approver other than the creator.
     */
    importApproval(bytes: Uint8Array): ApprovalReviewView {
      const file = parseApprovalFile(bytes)
      const p = load(file.payoutId)
      requirePending(p)
      if (file.revision < p.revision) {
        throw new AppFailure(
          'approval_outdated',
          `This approval is for revision ${file.revision}, but the payout was edited since (now revision ${p.revision}); edits void approvals. Ask the approver to review and sign the current version.`
        )
      }
      if (file.revision !== p.revision)
        throw new AppFailure(
          'approval_digest_mismatch',
          'This approval names a version of the payout this desktop does not have. Ask the approver to sign the current version.'
        )
      return accept(p.id, file.signature, 'file', file.signer, file.digest)
    }
  }
}

export type ApprovalService = ReturnType<typeof createApprovalService>

function checkedAddress(address: string): string {
  try {
    return getAddress(address)
  } catch {
    throw new AppFailure('address_invalid', `${address} is not a valid address.`)
  }
}
