// Runs in: main (pure, no I/O). The approval policy as signed data: a numbered version naming its
// predecessor's hash, with the team's members (a name and one Ledger address each; some of them
// approvers), how many approvals a payout needs, whether approval is required at all, whether
// preparers without a Ledger may submit unsigned, and per-currency amounts below which approval is
// skipped. A version takes effect only with the signatures `requiredSigners` names; nothing typed
// at a desk changes who may approve.
//
// Hash (version 1 of the encoding): keccak256 of the ABI encoding of
//   (string tag, uint256 sequence, bool hasPrevious, bytes32 previous,
//    address[] members, string[] names, bool[] approvers,
//    uint256 threshold, bool requireApproval, bool unsignedSubmissions,
//    string[] ruleAssets, uint256[] ruleMaxBaseUnits)
// with members sorted by address and rules by asset id, so the same policy always hashes the same.
import { AbiCoder, ZeroHash, getAddress, keccak256 } from 'ethers'
import { AppFailure } from '../../shared/errors'
import { findForbiddenCharacter, forbiddenCharacterMessage, TEXT_KIND } from '../../shared/text'

export const POLICY_HASH_TAG = 'treasury.policy.v1'
export const MAX_MEMBERS = 50
export const MAX_NAME_LENGTH = 100
/** Two approvers at least when a submission can be unsigned: an unidentified preparer plus one approver is one person. */
export const UNSIGNED_SUBMISSION_MIN_APPROVALS = 2
/**
 * Amount rules ("payouts up to X skip approval") are capped in whole units of the currency: above
 * this, a rule would switch approval off in all but name.
 */
export const MAX_RULE_WHOLE_UNITS = 1_000_000n

export interface PolicyMember {
  readonly name: string
  /** EIP-55; the address the member's own Ledger showed and signed with. */
  readonly address: string
  readonly approver: boolean
}

export interface PolicyAmountRule {
  readonly assetId: string
  /** Payouts totalling at most this many base units skip approval. */
  readonly maxWithoutApproval: bigint
}

export interface PolicyDocument {
  /** 1 for the team's first policy; each change adds one. */
  readonly sequence: number
  /** Hash of the version this one replaces; null for the first. */
  readonly previous: string | null
  readonly members: readonly PolicyMember[]
  readonly threshold: number
  readonly requireApproval: boolean
  readonly unsignedSubmissions: boolean
  readonly amountRules: readonly PolicyAmountRule[]
}

const HASH_TYPES = [
  'string',
  'uint256',
  'bool',
  'bytes32',
  'address[]',
  'string[]',
  'bool[]',
  'uint256',
  'bool',
  'bool',
  'string[]',
  'uint256[]'
] as const

/** The canonical form: addresses checksummed, names trimmed, members and rules in a fixed order. */
export function normalizePolicy(doc: PolicyDocument): PolicyDocument {
  const members = doc.members
    .map((m) => ({ name: m.name.trim(), address: checkedAddress(m.address), approver: m.approver }))
    .sort((a, b) => (a.address.toLowerCase() < b.address.toLowerCase() ? -1 : 1))
  const amountRules = [...doc.amountRules].sort((a, b) => (a.assetId < b.assetId ? -1 : a.assetId > b.assetId ? 1 : 0))
  return { ...doc, members, amountRules }
}

export function policyHash(doc: PolicyDocument): string {
  const d = normalizePolicy(doc)
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(HASH_TYPES, [
      POLICY_HASH_TAG,
      BigInt(d.sequence),
      d.previous !== null,
      d.previous ?? ZeroHash,
      d.members.map((m) => m.address),
      d.members.map((m) => m.name),
      d.members.map((m) => m.approver),
      BigInt(d.threshold),
      d.requireApproval,
      d.unsignedSubmissions,
      d.amountRules.map((r) => r.assetId),
      d.amountRules.map((r) => r.maxWithoutApproval)
    ])
  )
}

export const approversOf = (doc: PolicyDocument): PolicyMember[] => doc.members.filter((m) => m.approver)

export function memberOf(doc: PolicyDocument, address: string): PolicyMember | undefined {
  const a = address.toLowerCase()
  return doc.members.find((m) => m.address.toLowerCase() === a)
}

/**
 * Refuses a policy that is malformed, could never be satisfied, or sets an amount rule beyond the
 * cap. `decimalsOf` gives a currency's decimals (undefined when the app does not know it).
 */
export function checkPolicyDocument(doc: PolicyDocument, decimalsOf: (assetId: string) => number | undefined): void {
  if (!Number.isSafeInteger(doc.sequence) || doc.sequence < 1)
    throw new AppFailure('policy_invalid', 'A policy version number starts at 1.')
  if ((doc.sequence === 1) !== (doc.previous === null))
    throw new AppFailure('policy_invalid', 'Only the first policy version has no predecessor.')
  if (doc.members.length === 0 || doc.members.length > MAX_MEMBERS)
    throw new AppFailure('policy_invalid', `A team has 1 to ${MAX_MEMBERS} members.`)
  const addresses = new Set<string>()
  const names = new Set<string>()
  for (const m of doc.members) {
    const name = m.name.trim()
    if (name === '' || name.length > MAX_NAME_LENGTH)
      throw new AppFailure('member_name_invalid', `Each member needs a name of 1 to ${MAX_NAME_LENGTH} characters.`)
    const found = findForbiddenCharacter(name, TEXT_KIND.label)
    if (found !== undefined)
      throw new AppFailure(found.code, forbiddenCharacterMessage(`the member name "${name}"`, found, TEXT_KIND.label))
    const address = checkedAddress(m.address).toLowerCase()
    if (addresses.has(address))
      throw new AppFailure(
        'member_duplicate',
        `${getAddress(address)} is listed twice. Each member has one Ledger address.`
      )
    const key = name.toLocaleLowerCase('en')
    if (names.has(key))
      throw new AppFailure('member_duplicate', `Two members are called "${name}". Give each member a distinct name.`)
    addresses.add(address)
    names.add(key)
  }
  const approvers = approversOf(doc).length
  if (approvers === 0) throw new AppFailure('policy_invalid', 'Name at least one member as an approver.')
  if (!Number.isSafeInteger(doc.threshold) || doc.threshold < 1 || doc.threshold > approvers)
    throw new AppFailure(
      'approval_threshold_invalid',
      `Approvals needed must be between 1 and the number of approvers (${approvers}).`
    )
  if (doc.unsignedSubmissions && approvers < UNSIGNED_SUBMISSION_MIN_APPROVALS)
    throw new AppFailure(
      'approval_threshold_invalid',
      `Unsigned submissions need at least ${UNSIGNED_SUBMISSION_MIN_APPROVALS} approvers, so two people always see such a payout.`
    )
  const assets = new Set<string>()
  for (const r of doc.amountRules) {
    if (assets.has(r.assetId))
      throw new AppFailure('approval_rule_duplicate', `Currency ${r.assetId} has two amount rules; keep one.`)
    assets.add(r.assetId)
    const decimals = decimalsOf(r.assetId)
    if (decimals === undefined)
      throw new AppFailure(
        'unknown_asset',
        `The amount rule names currency ${r.assetId}, which this app does not know.`
      )
    if (r.maxWithoutApproval < 0n || r.maxWithoutApproval > MAX_RULE_WHOLE_UNITS * 10n ** BigInt(decimals))
      throw new AppFailure(
        'approval_rule_invalid',
        `An amount below which approval is skipped must be between 0 and ${MAX_RULE_WHOLE_UNITS.toLocaleString('en-US')} whole units of the currency.`
      )
  }
}

/**
 * Who must sign a version for it to take effect: every member of the first version; for a later
 * one, `threshold` approvers of the version in force, plus every member it adds (each proves the
 * address is theirs by signing with it).
 */
export function requiredSigners(
  doc: PolicyDocument,
  inForce: PolicyDocument | null
): { readonly all: readonly string[]; readonly approversOfPrevious: readonly string[]; readonly threshold: number } {
  if (inForce === null) return { all: doc.members.map((m) => m.address), approversOfPrevious: [], threshold: 0 }
  const added = doc.members.filter((m) => memberOf(inForce, m.address) === undefined).map((m) => m.address)
  return { all: added, approversOfPrevious: approversOf(inForce).map((m) => m.address), threshold: inForce.threshold }
}

/** Signers still missing for `doc` to take effect, given the addresses that have signed it. */
export function missingSigners(
  doc: PolicyDocument,
  inForce: PolicyDocument | null,
  signed: readonly string[]
): { readonly members: readonly string[]; readonly approvals: number } {
  const have = new Set(signed.map((s) => s.toLowerCase()))
  const need = requiredSigners(doc, inForce)
  const members = need.all.filter((a) => !have.has(a.toLowerCase()))
  const approvals = need.approversOfPrevious.filter((a) => have.has(a.toLowerCase())).length
  return { members, approvals: Math.max(0, need.threshold - approvals) }
}

function checkedAddress(address: string): string {
  try {
    return getAddress(address.trim())
  } catch {
    throw new AppFailure('address_invalid', `${address} is not a valid address.`)
  }
}
