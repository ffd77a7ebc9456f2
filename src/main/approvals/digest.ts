// Runs in: main (pure, no I/O). The canonical digest of a payout: the 32 bytes that the submitter's
// and every approver's Ledger signature commit to. Anyone can recompute it from the payout's
// registry with standard tools.
//
// Encoding (version 2): keccak256 of the Solidity ABI encoding of one tuple, in this order:
//   (string tag = "treasury.payout-digest.v2", string payoutId, uint256 revision,
//    string networkName, uint256 chainId,
//    string assetId, string assetSymbol, uint8 assetDecimals, bool isToken, address tokenAddress,
//    string purpose, string submitterName, bool hasSubmitter, address submitter,
//    bool hasPayer, address payer, bool hasPolicy, bytes32 policyHash,
//    string[] acknowledgedKinds, uint256[][] acknowledgedRows,
//    address[] recipients, uint256[] amounts, string[] references)
// Absent addresses and hashes are encoded as zero with their `has...` flag false, so "no payer
// named yet" and "payer 0x0" can never be confused. The ABI encoding length-prefixes every
// dynamic value, so no two different payouts share an encoding; rows keep their order.
import { AbiCoder, ZeroAddress, ZeroHash, getAddress, keccak256 } from 'ethers'
import type { WarningKind } from '../../shared/approvals'

export const DIGEST_TAG = 'treasury.payout-digest.v2'

const DIGEST_TYPES = [
  'string',
  'string',
  'uint256',
  'string',
  'uint256',
  'string',
  'string',
  'uint8',
  'bool',
  'address',
  'string',
  'string',
  'bool',
  'address',
  'bool',
  'address',
  'bool',
  'bytes32',
  'string[]',
  'uint256[][]',
  'address[]',
  'uint256[]',
  'string[]'
] as const

export interface DigestRecipient {
  readonly address: string
  /** Base units of the payout's asset. */
  readonly amount: bigint
  readonly reference: string
}

/** A kind of warning the submitter acknowledged, with the rows it covered. */
export interface DigestAcknowledgement {
  readonly kind: WarningKind
  readonly rows: readonly number[]
}

/** Everything a digest covers; what a submitter submits and an approver approves is exactly this. */
export interface DigestInput {
  readonly payoutId: string
  readonly revision: number
  readonly networkName: string
  readonly chainId: number
  readonly asset: {
    readonly id: string
    readonly symbol: string
    readonly decimals: number
    readonly tokenAddress: string | null
  }
  readonly purpose: string
  /** The submitter's name on the team roster; empty when the submission was unsigned. */
  readonly submitterName: string
  /** The Ledger address that signed the submission; null when it was unsigned. */
  readonly submitterAddress: string | null
  readonly payerAddress: string | null
  /** The policy version the payout was submitted under; null when the desk has no signed policy. */
  readonly policyHash: string | null
  readonly acknowledgements: readonly DigestAcknowledgement[]
  readonly recipients: readonly DigestRecipient[]
}

/** The byte encoding the digest hashes, as 0x hex (for anyone re-checking it by hand). */
export function digestPreimage(input: DigestInput): string {
  const optional = (a: string | null): [boolean, string] => (a === null ? [false, ZeroAddress] : [true, getAddress(a)])
  const [isToken, token] = optional(input.asset.tokenAddress)
  const [hasSubmitter, submitter] = optional(input.submitterAddress)
  const [hasPayer, payer] = optional(input.payerAddress)
  return AbiCoder.defaultAbiCoder().encode(DIGEST_TYPES, [
    DIGEST_TAG,
    input.payoutId,
    BigInt(input.revision),
    input.networkName,
    BigInt(input.chainId),
    input.asset.id,
    input.asset.symbol,
    input.asset.decimals,
    isToken,
    token,
    input.purpose,
    input.submitterName,
    hasSubmitter,
    submitter,
    hasPayer,
    payer,
    input.policyHash !== null,
    input.policyHash ?? ZeroHash,
    input.acknowledgements.map((a) => a.kind),
    input.acknowledgements.map((a) => a.rows.map((r) => BigInt(r))),
    input.recipients.map((r) => getAddress(r.address)),
    input.recipients.map((r) => r.amount),
    input.recipients.map((r) => r.reference)
  ])
}

/** 0x-prefixed lower-case keccak256 of the preimage. */
export function payoutDigest(input: DigestInput): string {
  return keccak256(digestPreimage(input))
}
