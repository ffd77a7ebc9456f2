// Runs in: main (plain Node). Owners' signatures of a Safe transaction: made on each owner's Ledger
// as EIP-712 (typedDataSigner.ts: the fields in full where the app supports it, the two hashes
// otherwise), then verified against the owners read from the chain at that moment, and encoded
// for execTransaction (65 bytes each, ascending by owner address). Before a device is asked, the
// hash is checked against the Safe's getTransactionHash and the calldata decoded back into
// exactly the rows it pays.
import { Signature, getAddress, getBytes, hashMessage, recoverAddress } from 'ethers'
import type { EthRpc } from '../chain/ethRpc'
import type { PaymentRow } from '../chain/planTypes'
import {
  deviceHashText,
  type Eip712Mode,
  type TypedDataRequest,
  type TypedDataSignature
} from '../ledger/typedDataSigner'
import { safeInterface } from './abi'
import { assertPaymentsMatchRows, decodeSafeTxPayments, type DecodeContext } from './decode'
import { SAFE_ERROR, safeFailure } from './errors'
import {
  confirmedSafeTxHash,
  domainSeparator,
  isCancellation,
  safeTxHash,
  safeTxStructHash,
  safeTxTypedData,
  type SafeTx
} from './safeTx'

/** One Safe transaction as it is signed: where, what, and the rows it pays (none: a cancellation). */
export interface SafeTxContext {
  readonly chainId: bigint
  readonly safe: string
  readonly safeTx: SafeTx
  readonly rows: readonly PaymentRow[]
  readonly decode: DecodeContext
}

/** A signature with what its maker says it signs; nothing in it is believed before verifyOwnerSignature. */
export interface SignatureClaim {
  readonly chainId: bigint
  readonly safe: string
  readonly nonce: bigint
  readonly safeTxHash: string
  readonly signer: string
  /** 65 bytes r, s, v as 0x hex. */
  readonly signature: string
}

export interface OwnerSignature extends SignatureClaim {
  readonly mode: Eip712Mode
}

/** The part of the Ledger service that signs typed data (ledgerService.signTypedData). */
export interface TypedDataDevice {
  signTypedData(path: string, request: TypedDataRequest, action?: string): Promise<TypedDataSignature>
}

const SIGNATURE_HEX = /^0x[0-9a-fA-F]{130}$/
/** v of an eth_sign (personal message) signature of the hash, as the Safe reads it: 27/28 + 4. */
const ETH_SIGN_V_OFFSET = 4
const EIP712_V = [27, 28]
const ETH_SIGN_V = EIP712_V.map((v) => v + ETH_SIGN_V_OFFSET)

export function safeTxSigningRequest(chainId: bigint, safe: string, tx: SafeTx): TypedDataRequest {
  return {
    typedData: safeTxTypedData(chainId, safe, tx),
    domainHash: domainSeparator(chainId, safe),
    messageHash: safeTxStructHash(tx)
  }
}

/** What a Ledger without full EIP-712 shows, character for character, for the owner to compare. */
export function hashedDisplay(chainId: bigint, safe: string, tx: SafeTx): { domainHash: string; messageHash: string } {
  return {
    domainHash: deviceHashText(domainSeparator(chainId, safe)),
    messageHash: deviceHashText(safeTxStructHash(tx))
  }
}

/** Checks a Safe transaction before an owner signs it: our hash equals the Safe's, the calldata is the rows. */
export async function checkBeforeSigning(rpc: EthRpc, ctx: SafeTxContext): Promise<string> {
  if (ctx.rows.length === 0) {
    if (!isCancellation(ctx.chainId, ctx.safe, ctx.safeTx))
      throw safeFailure(
        SAFE_ERROR.undecodable,
        'A Safe transaction that pays no row must be a cancellation: it sends nothing and calls nothing.'
      )
  } else assertPaymentsMatchRows(decodeSafeTxPayments(ctx.safeTx, ctx.decode), ctx.rows)
  return confirmedSafeTxHash(rpc, ctx.chainId, ctx.safe, ctx.safeTx)
}

/** An owner signs on their Ledger; the result recovers to the account at `path` (checked by the device layer). */
export async function signSafeTx(
  rpc: EthRpc,
  device: TypedDataDevice,
  path: string,
  ctx: SafeTxContext
): Promise<OwnerSignature> {
  const hash = await checkBeforeSigning(rpc, ctx)
  const signed = await device.signTypedData(
    path,
    safeTxSigningRequest(ctx.chainId, ctx.safe, ctx.safeTx),
    'Confirm the Safe transaction on your Ledger'
  )
  return {
    chainId: ctx.chainId,
    safe: getAddress(ctx.safe),
    nonce: ctx.safeTx.nonce,
    safeTxHash: hash,
    signer: signed.signer,
    signature: signed.signature.toLowerCase(),
    mode: signed.mode
  }
}

/** Who made a signature of `hash`: v 27/28 signs the EIP-712 hash, v 31/32 the eth_sign message of it. */
export function recoverSafeSigner(hash: string, signature: string): string {
  if (!SIGNATURE_HEX.test(signature))
    throw safeFailure(
      SAFE_ERROR.signatureInvalid,
      'This is not a 65-byte owner signature. Ask the owner to sign again.'
    )
  const v = Number.parseInt(signature.slice(-2), 16)
  try {
    if (EIP712_V.includes(v)) return getAddress(recoverAddress(hash, signature))
    if (ETH_SIGN_V.includes(v)) {
      const sig = Signature.from({
        r: signature.slice(0, 66),
        s: '0x' + signature.slice(66, 130),
        v: v - ETH_SIGN_V_OFFSET
      })
      return getAddress(recoverAddress(hashMessage(getBytes(hash)), sig))
    }
  } catch {
    // fall through: damaged signature
  }
  throw safeFailure(
    SAFE_ERROR.signatureInvalid,
    `This signature (v = ${v}) is not an owner's ECDSA signature Treasury accepts. Ask the owner to sign again.`
  )
}

export interface ExpectedSafeTx {
  readonly chainId: bigint
  readonly safe: string
  readonly safeTx: SafeTx
}

/**
 * Checks one claimed signature against the Safe transaction expected here and the owners now.
 * `formerOwners` (the owners when the payout was planned) lets a removed owner be named as such.
 */
export function verifyOwnerSignature(
  expected: ExpectedSafeTx,
  claim: SignatureClaim,
  owners: readonly string[],
  formerOwners: readonly string[] = []
): string {
  const safe = getAddress(expected.safe)
  if (claim.chainId !== expected.chainId)
    throw safeFailure(
      SAFE_ERROR.signatureWrongChain,
      `This signature is for chain ${claim.chainId}, not chain ${expected.chainId} where the Safe pays. It cannot be used.`
    )
  if (getAddress(claim.safe) !== safe)
    throw safeFailure(
      SAFE_ERROR.signatureWrongSafe,
      `This signature is for the Safe ${getAddress(claim.safe)}, not ${safe}. It cannot be used.`
    )
  if (claim.nonce !== expected.safeTx.nonce)
    throw safeFailure(
      SAFE_ERROR.signatureWrongNonce,
      `This signature is for Safe transaction number ${claim.nonce}, not ${expected.safeTx.nonce}. It cannot be used for this one.`
    )
  const hash = safeTxHash(expected.chainId, safe, expected.safeTx)
  if (claim.safeTxHash.toLowerCase() !== hash)
    throw safeFailure(
      SAFE_ERROR.hashMismatch,
      `This signature is for a different Safe transaction (${claim.safeTxHash}) than this one (${hash}).`
    )
  const signer = recoverSafeSigner(hash, claim.signature)
  if (signer !== getAddress(claim.signer))
    throw safeFailure(
      SAFE_ERROR.signatureInvalid,
      `The signature does not come from ${getAddress(claim.signer)} for this Safe transaction (it recovers to ${signer}). It was changed or made for something else.`
    )
  const current = new Set(owners.map((o) => getAddress(o)))
  if (!current.has(signer)) {
    const removed = formerOwners.some((o) => getAddress(o) === signer)
    throw safeFailure(
      SAFE_ERROR.signerNotOwner,
      removed
        ? `${signer} is no longer an owner of the Safe (removed since the payout was planned): the signature does not count.`
        : `${signer} is not an owner of the Safe ${safe}: the signature does not count.`,
      { signer, removed }
    )
  }
  return signer
}

/** The Safe's owners and threshold now (at the latest block). */
export async function currentOwners(rpc: EthRpc, safe: string): Promise<{ owners: string[]; threshold: number }> {
  const call = async (fn: 'getOwners' | 'getThreshold') =>
    safeInterface.decodeFunctionResult(
      fn,
      await rpc.call({ to: safe, data: safeInterface.encodeFunctionData(fn, []) })
    )[0]
  const [owners, threshold] = await Promise.all([call('getOwners'), call('getThreshold')])
  return { owners: (owners as string[]).map((o) => getAddress(o)), threshold: Number(threshold as bigint) }
}

export interface CollectedSignatures {
  readonly signers: readonly string[]
  readonly threshold: number
  /** The threshold's worth of signatures, ascending by owner, as execTransaction takes them. */
  readonly encoded: string
}

/** 65-byte signatures concatenated in ascending order of owner address (what the Safe requires). */
export function encodeSignatures(
  signatures: readonly { readonly signer: string; readonly signature: string }[]
): string {
  return (
    '0x' +
    [...signatures]
      .sort((a, b) => (a.signer.toLowerCase() < b.signer.toLowerCase() ? -1 : 1))
      .map((s) => s.signature.slice(2).toLowerCase())
      .join('')
  )
}

/**
 * Verifies every claim against the owners read now and requires the threshold read now; a bad
 * signature is refused with its own error, a duplicate owner counted once only by refusing it.
 */
export async function collectSignatures(
  rpc: EthRpc,
  expected: ExpectedSafeTx,
  claims: readonly SignatureClaim[],
  formerOwners: readonly string[] = []
): Promise<CollectedSignatures> {
  const { owners, threshold } = await currentOwners(rpc, expected.safe)
  const seen = new Map<string, SignatureClaim>()
  for (const claim of claims) {
    const signer = verifyOwnerSignature(expected, claim, owners, formerOwners)
    if (seen.has(signer))
      throw safeFailure(
        SAFE_ERROR.signatureDuplicate,
        `${signer} signed this Safe transaction twice; one owner counts once.`
      )
    seen.set(signer, claim)
  }
  if (seen.size < threshold)
    throw safeFailure(
      SAFE_ERROR.thresholdNotMet,
      `${seen.size} of the ${threshold} owner signatures this Safe needs are here. Collect ${threshold - seen.size} more before executing.`,
      { have: seen.size, threshold }
    )
  const chosen = [...seen.entries()]
    .sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))
    .slice(0, threshold)
    .map(([signer, claim]) => ({ signer, signature: claim.signature }))
  return { signers: chosen.map((c) => c.signer), threshold, encoded: encodeSignatures(chosen) }
}
