// Runs in: main (plain Node). The team's signed approval policy at this desk: the version in force
// (verified from the first version on every change), an open proposal collecting signatures made on
// members' own Ledgers here or received by file, adoption once the signatures the version in force
// requires are all there, and the file that carries the policy between desks. Nobody at a desk can
// change who approves, how many must, or whether approval is required, without those signatures.
import type { TreasuryEvent } from '../../shared/api'
import type { ApprovalPolicyView, PolicyContentView, PolicyMemberView } from '../../shared/approvals'
import { AppFailure } from '../../shared/errors'
import {
  describeMissing,
  validSigners,
  verifyChain,
  verifyPolicySignature,
  verifyVersion,
  type SignedVersion
} from '../approvals/policyChain'
import {
  approversOf,
  checkPolicyDocument,
  memberOf,
  missingSigners,
  policyHash,
  type PolicyDocument
} from '../approvals/policyDocument'
import { encodePolicyFile, parsePolicyFile } from '../approvals/policyFile'
import { adoptionDetail, adoptionIn, assertChainHoldsAdoptions } from '../approvals/adoptionRecord'
import { policyStatement } from '../approvals/statements'
import type { Catalogue } from '../domain/catalogue'
import { parseAmount } from '../domain/money'
import { appendAudit, auditHead } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import * as repo from '../store/policyRepo'

export interface ProposalInput {
  readonly members: ReadonlyArray<{ readonly name: string; readonly address: string; readonly approver: boolean }>
  readonly threshold: number
  readonly requireApproval: boolean
  readonly unsignedSubmissions: boolean
  /** Amounts as typed, in the currency's units ("5,000.00"). */
  readonly amountRules: ReadonlyArray<{ readonly assetId: string; readonly maxWithoutApproval: string }>
}

export interface PolicyServiceDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly now: () => Date
  readonly emit: (event: TreasuryEvent) => void
  /** Signs a personal message on the Ledger account at `path`. */
  readonly sign: (path: string, message: string) => Promise<string>
  /** The signing account's address, to name the signer before the device is asked. */
  readonly addressOf: (path: string) => Promise<string>
  /** Run in the adoption's transaction: payouts waiting under an older version lose their approvals. */
  readonly onAdopted: (inForce: { readonly hash: string; readonly document: PolicyDocument }, at: string) => void
  /** The desk's label for actions no signature covers (proposing, importing a file). */
  readonly deskLabel: () => string
}

export function createPolicyService(deps: PolicyServiceDeps) {
  const { db, catalogue } = deps
  const stamp = (): string => deps.now().toISOString()
  const decimalsOf = (assetId: string): number | undefined => catalogue.asset(assetId)?.decimals
  /**
   * The last chain verified, by a fingerprint of every stored version and signature: verified
   * again whenever anything in them changed, by this app or by hand.
   */
  let verified: { fingerprint: string; versions: SignedVersion[] } | null = null

  function storedVersions(): SignedVersion[] {
    return repo.listPolicyVersions(db.write).map((v) => ({
      hash: v.hash,
      document: v.document,
      signatures: repo.policySignatures(db.write, v.hash)
    }))
  }

  /** Every adopted version, checked from the first: a chain edited outside the app is refused loudly. */
  function chain(): SignedVersion[] {
    const fingerprint = repo.policyFingerprint(db.write)
    if (verified !== null && verified.fingerprint === fingerprint) return verified.versions
    const versions = storedVersions()
    if (versions.length === 0) return []
    try {
      verifyChain(versions, decimalsOf)
    } catch (e) {
      const reason = e instanceof AppFailure ? e.message : String(e)
      throw new AppFailure(
        'policy_chain_broken',
        `The approval policy stored at this desk does not verify (${reason}). It was changed outside Treasury. Import the team's policy file from another desk.`
      )
    }
    verified = { fingerprint, versions }
    return versions
  }

  function inForce(): SignedVersion | null {
    return chain().at(-1) ?? null
  }

  /**
   * The version in force for anything that relies on it (submitting, approving, paying, changing
   * the policy): the stored chain must hold every adoption the history records. Importing the
   * team's file and the policy screen read the stored chain alone, so a desk cut back can recover.
   */
  function inForceAsRecorded(): SignedVersion | null {
    const versions = chain()
    const recorded = repo.adoptionEntries(db.write).flatMap((e) => {
      const record = adoptionIn(e.detail)
      return record === null ? [] : [{ ...record, at: e.at }]
    })
    assertChainHoldsAdoptions(versions, recorded)
    return versions.at(-1) ?? null
  }

  function nameIn(address: string): string | null {
    const a = address.toLowerCase()
    for (const v of [...chain()].reverse()) {
      const m = v.document.members.find((x) => x.address.toLowerCase() === a)
      if (m !== undefined) return m.name
    }
    return null
  }

  function contentView(v: SignedVersion): PolicyContentView {
    const d = v.document
    const stored = new Map(repo.policySignatures(db.write, v.hash).map((s) => [s.signer.toLowerCase(), s]))
    return {
      sequence: d.sequence,
      hash: v.hash,
      previous: d.previous,
      members: d.members.map((m) => ({ ...m })),
      threshold: d.threshold,
      requireApproval: d.requireApproval,
      unsignedSubmissions: d.unsignedSubmissions,
      amountRules: d.amountRules.map((r) => ({
        assetId: r.assetId,
        maxWithoutApprovalBaseUnits: r.maxWithoutApproval.toString()
      })),
      signatures: v.signatures.map((s) => {
        const row = stored.get(s.signer.toLowerCase())
        return {
          signer: s.signer,
          name: memberOf(d, s.signer)?.name ?? nameIn(s.signer),
          signedAt: row?.signedAt ?? '',
          source: row?.source ?? 'file'
        }
      })
    }
  }

  function proposalSigned(): SignedVersion | null {
    const p = repo.getPolicyProposal(db.write)
    return p === undefined
      ? null
      : { hash: p.hash, document: p.document, signatures: repo.policySignatures(db.write, p.hash) }
  }

  function view(): ApprovalPolicyView {
    const versions = chain()
    const current = versions.at(-1) ?? null
    const adoptedAt = new Map(repo.listPolicyVersions(db.write).map((v) => [v.hash, v.adoptedAt]))
    const proposal = proposalSigned()
    const member = (m: { name: string; address: string; approver: boolean }): PolicyMemberView => ({ ...m })
    let proposalView: ApprovalPolicyView['proposal'] = null
    if (proposal !== null) {
      const missing = missingSigners(proposal.document, current?.document ?? null, validSigners(proposal))
      proposalView = {
        ...contentView(proposal),
        proposedAt: repo.getPolicyProposal(db.write)?.proposedAt ?? '',
        missingMembers: proposal.document.members
          .filter((m) => missing.members.some((a) => a.toLowerCase() === m.address.toLowerCase()))
          .map(member),
        approversOfInForce: current === null ? [] : approversOf(current.document).map(member),
        missingApprovals: missing.approvals
      }
    }
    const versionView = (v: SignedVersion) => ({ ...contentView(v), adoptedAt: adoptedAt.get(v.hash) ?? '' })
    return {
      inForce: current === null ? null : versionView(current),
      proposal: proposalView,
      history: versions.slice(0, -1).map(versionView)
    }
  }

  /** Adopts `version` when it is complete; inside the caller's transaction. Returns whether it was. */
  function adoptIfComplete(version: SignedVersion, at: string, actor: string): boolean {
    const current = inForce()
    try {
      verifyVersion(version, current, decimalsOf)
    } catch (e) {
      if (e instanceof AppFailure && e.code === 'policy_not_signed') return false
      throw e
    }
    repo.insertPolicyVersion(db.write, {
      sequence: version.document.sequence,
      hash: version.hash,
      document: version.document,
      adoptedAt: at
    })
    const proposal = repo.getPolicyProposal(db.write)
    if (proposal !== undefined && proposal.hash === version.hash) repo.deletePolicyProposal(db.write)
    appendAudit(db.write, {
      actor,
      action: 'policy_adopted',
      payoutId: null,
      at,
      detail: adoptionDetail(
        version.document.sequence,
        version.hash,
        version.signatures.map((s) => s.signer)
      )
    })
    verified = null
    deps.onAdopted({ hash: version.hash, document: version.document }, at)
    return true
  }

  function storeSignature(
    hash: string,
    s: { signer: string; signature: string; message: string },
    source: repo.SignatureSource,
    at: string
  ): void {
    repo.insertPolicySignature(db.write, {
      hash,
      signer: s.signer,
      signature: s.signature,
      message: s.message,
      source,
      signedAt: at
    })
  }

  function documentOf(input: ProposalInput, current: SignedVersion | null): PolicyDocument {
    const amountRules = input.amountRules.map((r) => {
      const asset = catalogue.requireAsset(r.assetId)
      const amount = parseAmount(r.maxWithoutApproval, asset.decimals, asset.symbol, { allowZero: true })
      if (!amount.ok) throw new AppFailure(amount.code, `${asset.symbol} amount rule: ${amount.message}`)
      return { assetId: asset.id, maxWithoutApproval: amount.value }
    })
    const doc: PolicyDocument = {
      sequence: current === null ? 1 : current.document.sequence + 1,
      previous: current?.hash ?? null,
      members: input.members,
      threshold: input.threshold,
      requireApproval: input.requireApproval,
      unsignedSubmissions: input.unsignedSubmissions,
      amountRules
    }
    checkPolicyDocument(doc, decimalsOf)
    return doc
  }

  const changed = (): void => deps.emit({ type: 'policy.changed' })

  /**
   * Adopts the versions of `theirs` beyond this desk's, each verified against its predecessor;
   * inside the caller's transaction. `theirs` must start at the same first version as ours.
   */
  function extend(theirs: readonly SignedVersion[], at: string, actor: string): void {
    const ours = chain()
    for (let i = 0; i < theirs.length; i++) {
      const version = theirs[i]!
      const mine = ours[i]
      if (mine !== undefined) {
        if (mine.hash !== version.hash)
          throw new AppFailure(
            'policy_other_team',
            `Policy version ${i + 1} received differs from this desk's version ${i + 1}: it belongs to another team or a forked history.`
          )
        continue
      }
      for (const s of version.signatures) storeSignature(version.hash, s, 'file', at)
      if (!adoptIfComplete(version, at, actor))
        throw new AppFailure(
          'policy_not_signed',
          `Policy version ${version.document.sequence} received is not fully signed.`
        )
    }
  }

  return {
    view,

    /** The version in force, verified; null until the team's first version takes effect. */
    inForce(): { readonly hash: string; readonly document: PolicyDocument } | null {
      const v = inForceAsRecorded()
      return v === null ? null : { hash: v.hash, document: v.document }
    },

    /** A version this desk adopted, by hash (for a payout submitted under it). */
    versionByHash(hash: string): PolicyDocument | undefined {
      return chain().find((v) => v.hash === hash.toLowerCase())?.document
    },

    /** A member's name from the roster (the newest version naming the address), or null. */
    nameOf(address: string): string | null {
      return nameIn(address)
    },

    /** Opens a proposal for the next version (replacing an open one); nothing changes until it is signed. */
    propose(input: ProposalInput): ApprovalPolicyView {
      const current = inForceAsRecorded()
      const document = documentOf(input, current)
      const hash = policyHash(document)
      const at = stamp()
      inTransaction(db.write, () => {
        repo.replacePolicyProposal(db.write, { hash, document, proposedAt: at })
        appendAudit(db.write, {
          actor: deps.deskLabel(),
          action: 'policy_proposed',
          payoutId: null,
          at,
          detail: `Policy version ${document.sequence} proposed (${hash}); it takes effect once signed as the policy in force requires`
        })
      })
      changed()
      return view()
    },

    discardProposal(): ApprovalPolicyView {
      inTransaction(db.write, () => {
        if (repo.getPolicyProposal(db.write) === undefined)
          throw new AppFailure('policy_no_proposal', 'There is no proposed policy change.')
        repo.deletePolicyProposal(db.write)
        appendAudit(db.write, {
          actor: deps.deskLabel(),
          action: 'policy_proposal_discarded',
          payoutId: null,
          at: stamp()
        })
      })
      changed()
      return view()
    },

    /**
     * Signs the open proposal on the Ledger account at `path`. The account must be one whose
     * signature the proposal needs: a member of a first version, an approver of the version in
     * force, or a member the proposal adds.
     */
    async signProposal(path: string): Promise<ApprovalPolicyView> {
      const proposal = proposalSigned()
      if (proposal === null) throw new AppFailure('policy_no_proposal', 'There is no proposed policy change to sign.')
      const current = inForceAsRecorded()
      const address = await deps.addressOf(path)
      const need = missingSigners(proposal.document, current?.document ?? null, [])
      const needed =
        need.members.some((a) => a.toLowerCase() === address.toLowerCase()) ||
        (current !== null &&
          approversOf(current.document).some((m) => m.address.toLowerCase() === address.toLowerCase()))
      if (!needed)
        throw new AppFailure(
          'policy_signer_not_required',
          `${address} is not a member this change needs: ${current === null ? 'every member of the first policy signs it' : 'approvers of the policy in force, and members it adds, sign it'}.`
        )
      const message = policyStatement(proposal.document, proposal.hash, auditHead(db.write))
      const signature = await deps.sign(path, message)
      const signer = verifyPolicySignature(proposal.document, proposal.hash, { signer: address, signature, message })
      const at = stamp()
      inTransaction(db.write, () => {
        const still = repo.getPolicyProposal(db.write)
        if (still?.hash !== proposal.hash)
          throw new AppFailure(
            'policy_changed',
            'The proposal changed while it was being signed. Review it and sign again.'
          )
        storeSignature(proposal.hash, { signer, signature, message }, 'device', at)
        appendAudit(db.write, {
          actor: signer,
          action: 'policy_signed',
          payoutId: null,
          at,
          detail: `${nameIn(signer) ?? memberOf(proposal.document, signer)?.name ?? signer} signed policy version ${proposal.document.sequence} (${proposal.hash})`
        })
        adoptIfComplete(
          { ...proposal, signatures: [...proposal.signatures, { signer, signature, message }] },
          at,
          signer
        )
      })
      changed()
      return view()
    },

    /** The team's policy as a file: every version with its signatures, and the open proposal. */
    exportFile(): Uint8Array {
      const at = stamp()
      const file = { versions: chain(), proposal: proposalSigned(), exportedAt: at, auditHead: auditHead(db.write) }
      inTransaction(db.write, () =>
        appendAudit(db.write, { actor: deps.deskLabel(), action: 'policy_exported', payoutId: null, at })
      )
      return encodePolicyFile(file)
    },

    /**
     * Brings in a policy file from another desk: versions beyond the one in force are verified link
     * by link and adopted; signatures on the same proposal are added (and adopt it when complete).
     * A desk with no policy yet adopts a team's first version only when `adoptTeam` confirms it.
     */
    importFile(bytes: Uint8Array, options: { readonly adoptTeam: boolean }): ApprovalPolicyView {
      const file = parsePolicyFile(bytes)
      const at = stamp()
      const actor = deps.deskLabel()
      inTransaction(db.write, () => {
        const ours = chain()
        const first = file.versions[0]
        if (ours.length === 0 && first !== undefined && !options.adoptTeam) {
          throw new AppFailure(
            'policy_adopt_confirm',
            `This file sets up a team policy whose first version has ${first.document.members.length} member(s): ${first.document.members.map((m) => `${m.name} (${m.address})`).join(', ')}. Confirm that this is your team before adopting it.`,
            { members: first.document.members }
          )
        }
        if (ours.length > 0 && first !== undefined && first.hash !== ours[0]!.hash)
          throw new AppFailure(
            'policy_other_team',
            "This policy file belongs to another team: its first version is not this desk's."
          )
        extend(file.versions, at, actor)
        const proposal = file.proposal
        if (proposal !== null && proposal.document.previous === (inForce()?.hash ?? null)) {
          const mine = repo.getPolicyProposal(db.write)
          if (
            mine !== undefined &&
            mine.hash !== proposal.hash &&
            repo.policySignatures(db.write, mine.hash).length > 0
          )
            throw new AppFailure(
              'policy_proposal_conflict',
              'This desk already collects signatures for a different policy change. Discard one of the two proposals first.'
            )
          checkPolicyDocument(proposal.document, decimalsOf)
          if (policyHash(proposal.document) !== proposal.hash)
            throw new AppFailure('policy_file_malformed', 'The proposal in this file does not match its hash.')
          if (mine?.hash !== proposal.hash)
            repo.replacePolicyProposal(db.write, { hash: proposal.hash, document: proposal.document, proposedAt: at })
          for (const s of proposal.signatures) {
            verifyPolicySignature(proposal.document, proposal.hash, s)
            storeSignature(proposal.hash, s, 'file', at)
          }
          const collected = { ...proposal, signatures: repo.policySignatures(db.write, proposal.hash) }
          adoptIfComplete(collected, at, actor)
        }
        appendAudit(db.write, {
          actor,
          action: 'policy_imported',
          payoutId: null,
          at,
          detail: `Policy file exported ${file.exportedAt}: ${file.versions.length} version(s)${file.proposal === null ? '' : `, proposal ${file.proposal.hash}`}`
        })
      })
      changed()
      return view()
    },

    /** The versions from the first to the one with `hash`, with their signatures (for request files). */
    chainUpTo(hash: string): SignedVersion[] {
      const versions = chain()
      const end = versions.findIndex((v) => v.hash === hash.toLowerCase())
      if (end < 0) throw new AppFailure('policy_changed', `Policy ${hash} is not one this desk adopted.`)
      return versions.slice(0, end + 1)
    },

    /**
     * Brings this desk's policy up to date from versions received with a payout (an approval
     * request). A desk with no policy refuses: the team's policy file must be imported first.
     */
    extendFrom(theirs: readonly SignedVersion[]): void {
      if (theirs.length === 0) return
      if (chain().length === 0)
        throw new AppFailure(
          'policy_adopt_confirm',
          "This desk has no team policy yet. Import the team's policy file (Settings, Approvals) before reviewing its payouts."
        )
      const at = stamp()
      const before = chain().length
      inTransaction(db.write, () => extend(theirs, at, deps.deskLabel()))
      if (chain().length !== before) changed()
    },

    /** Why the open proposal has not taken effect yet, for messages. */
    missingText(): string | null {
      const p = proposalSigned()
      if (p === null) return null
      return describeMissing(missingSigners(p.document, inForce()?.document ?? null, validSigners(p)))
    }
  }
}

export type PolicyService = ReturnType<typeof createPolicyService>
