// Runs in: main (pure, no I/O). The canonical digest of a payout: the 32 bytes a manager's Ledger
// signature commits to. Anyone can recompute it from the payout's registry with standard tools.
//
// Encoding (version 1): keccak256 of the Solidity ABI encoding of one tuple, in this order:
//   (string tag = "treasury.payout-digest.v1", string payoutId, uint256 revision,
//    string networkName, uint256 chainId,
//    string assetId, string assetSymbol, uint8 assetDecimals, bool isToken, address tokenAddress,
//    string purpose, string creatorName, bool hasCreatorAddress, address creatorAddress,
//    bool hasPayer, address payer,
//    address[] recipients, uint256[] amounts, string[] references)
// Absent addresses are encoded as the zero address with their `has...` flag false, so "no payer
// named yet" and "payer 0x0" can never be confused. The ABI encoding length-prefixes every
// dynamic value, so no two different payouts share an encoding; rows keep their order.
import { AbiCoder, ZeroAddress, getAddress, keccak256 } from 'ethers'

export const DIGEST_TAG = 'treasury.payout-digest.v1'

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

/** Everything a digest covers; what an approver approves is exactly this. */
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
  readonly creatorName: string
  readonly creatorAddress: string | null
  readonly payerAddress: string | null
  readonly recipients: readonly DigestRecipient[]
}

/** The byte encoding the digest hashes, as 0x hex (for anyone re-checking it by hand). */
export function digestPreimage(input: DigestInput): string {
  const optional = (a: string | null): [boolean, string] => (a === null ? [false, ZeroAddress] : [true, getAddress(a)])
  const [isToken, token] = optional(input.asset.tokenAddress)
  const [hasCreator, creator] = optional(input.creatorAddress)
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
    input.creatorName,
    hasCreator,
    creator,
    hasPayer,
    payer,
    input.recipients.map((r) => getAddress(r.address)),
    input.recipients.map((r) => r.amount),
    input.recipients.map((r) => r.reference)
  ])
}

/** 0x-prefixed lower-case keccak256 of the preimage. */
export function payoutDigest(input: DigestInput): string {
  return keccak256(digestPreimage(input))
}
