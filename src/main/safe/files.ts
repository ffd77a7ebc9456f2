// Runs in: main (pure, no I/O). The files that carry a Safe transaction between desks with no
// network: the transaction to sign (what the drafting desk sends the owners) and one owner's
// signature of it. Both are versioned JSON parsed strictly, bound to the payout's digest, and
// carry the Safe transaction, its hash and the rows it pays; nothing in them is believed until the
// receiving desk has recomputed the hash, decoded the calldata back into the rows and compared
// them with the payout it holds, and checked the signature against the owners on chain. A
// cancellation travels the same way: its Safe transaction is the zero-value one at the nonce, and
// the file carries the payment Safe transaction it cancels (checked and decoded into the rows the
// same way), so an owner who never saw that payment sees what the cancellation stops.
import { getAddress } from 'ethers'
import type { z } from 'zod'
import type { PaymentRow } from '../chain/planTypes'
import { assertPaymentsMatchRows, decodeSafeTxPayments, type DecodeContext } from './decode'
import { SAFE_ERROR, safeFailure } from './errors'
import { isCancellation, safeTxHash, type SafeTx } from './safeTx'
import type { OwnerSignature, SignatureClaim } from './signatures'
import { parseItemId } from '../domain/itemId'
import {
  MAX_SAFE_FILE_BYTES,
  RequestSchema,
  SAFE_FILE_VERSION,
  SAFE_SIGNATURE_FORMAT,
  SAFE_TX_FORMAT,
  SignatureSchema,
  type SafeSignatureFile,
  type SafeTxFile
} from './fileSchema'

export { SAFE_FILE_VERSION, SAFE_SIGNATURE_FORMAT, SAFE_TX_FORMAT, type SafeSignatureFile, type SafeTxFile }

export interface SafeTxBinding {
  readonly payoutId: string
  readonly revision: number
  readonly payoutDigest: string
  readonly chainId: bigint
  readonly safe: string
  readonly index: number
  readonly of: number
  readonly safeTx: SafeTx
  readonly rows: readonly PaymentRow[]
  /** A cancellation's: the payment Safe transaction it cancels (`rows` are that payment's). */
  readonly cancels?: { readonly safeTxHash: string; readonly safeTx: SafeTx }
}

function safeTxJson(tx: SafeTx) {
  return {
    to: getAddress(tx.to),
    value: tx.value.toString(),
    data: tx.data.toLowerCase(),
    operation: tx.operation,
    safeTxGas: tx.safeTxGas.toString(),
    baseGas: tx.baseGas.toString(),
    gasPrice: tx.gasPrice.toString(),
    gasToken: getAddress(tx.gasToken),
    refundReceiver: getAddress(tx.refundReceiver),
    nonce: tx.nonce.toString()
  }
}

function bodyOf(b: SafeTxBinding) {
  return {
    version: SAFE_FILE_VERSION,
    payoutId: b.payoutId,
    revision: b.revision,
    payoutDigest: b.payoutDigest.toLowerCase(),
    chainId: b.chainId.toString(),
    safe: getAddress(b.safe),
    index: b.index,
    of: b.of,
    safeTx: safeTxJson(b.safeTx),
    safeTxHash: safeTxHash(b.chainId, b.safe, b.safeTx),
    rows: b.rows.map((r) => ({ itemId: r.itemId, to: getAddress(r.to), amount: r.amount.toString() })),
    ...(b.cancels === undefined
      ? {}
      : { cancels: { safeTxHash: b.cancels.safeTxHash.toLowerCase(), safeTx: safeTxJson(b.cancels.safeTx) } })
  }
}

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n')

export function safeTxFile(binding: SafeTxBinding, exportedAt: string): Uint8Array {
  return encode({ format: SAFE_TX_FORMAT, ...bodyOf(binding), exportedAt })
}

export function safeSignatureFile(binding: SafeTxBinding, signature: OwnerSignature, signedAt: string): Uint8Array {
  return encode({
    format: SAFE_SIGNATURE_FORMAT,
    ...bodyOf(binding),
    signer: getAddress(signature.signer),
    signature: signature.signature.toLowerCase(),
    mode: signature.mode,
    signedAt
  })
}

function parseJson(bytes: Uint8Array): unknown {
  if (bytes.byteLength > MAX_SAFE_FILE_BYTES)
    throw safeFailure(SAFE_ERROR.fileMalformed, 'This file is too large to be a Treasury Safe file.')
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown
  } catch {
    throw safeFailure(
      SAFE_ERROR.fileMalformed,
      'This is not a Treasury Safe file: it is not readable JSON. Ask for the file again.'
    )
  }
}

function strict<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const parsed = schema.safeParse(json)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw safeFailure(
    SAFE_ERROR.fileMalformed,
    `This ${what} is damaged or from an unknown version of Treasury (${issue ? `${issue.path.join('.') || 'file'}: ${issue.message}` : 'unknown problem'}). Ask for the file again.`
  )
}

function safeTxOfFile(t: SafeTxFile['safeTx']): SafeTx {
  return {
    to: t.to,
    value: BigInt(t.value),
    data: t.data,
    operation: t.operation,
    safeTxGas: BigInt(t.safeTxGas),
    baseGas: BigInt(t.baseGas),
    gasPrice: BigInt(t.gasPrice),
    gasToken: t.gasToken,
    refundReceiver: t.refundReceiver,
    nonce: BigInt(t.nonce)
  }
}

/** What the receiving desk holds: the payout (its digest and rows per Safe transaction) and how to decode. */
export interface FileExpectation {
  readonly payoutId: string
  readonly payoutDigest: string
  readonly chainId: bigint
  readonly safe: string
  /** The rows of the payout this Safe transaction must pay, by its position in the plan. */
  readonly rowsAt: (index: number) => readonly PaymentRow[] | undefined
  readonly decode: DecodeContext
}

/**
 * Checks a parsed file against itself and against the payout held here: same payout and digest,
 * the hash recomputed from the transaction, the calldata decoded into the file's rows, and those
 * rows equal to the payout's. Returns the Safe transaction and its binding.
 */
function checkBody(f: SafeTxFile | SafeSignatureFile, expected: FileExpectation): SafeTxBinding {
  if (f.payoutId !== expected.payoutId || f.payoutDigest !== expected.payoutDigest.toLowerCase())
    throw safeFailure(
      SAFE_ERROR.fileWrongPayout,
      f.payoutId !== expected.payoutId
        ? `This file is for payout ${f.payoutId}, not ${expected.payoutId}.`
        : `This file is for another version of payout ${f.payoutId} (its digest differs). Export it again from the current payout.`
    )
  const tx = safeTxOfFile(f.safeTx)
  const chainId = BigInt(f.chainId)
  const hash = safeTxHash(chainId, f.safe, tx)
  if (hash !== f.safeTxHash)
    throw safeFailure(
      SAFE_ERROR.hashMismatch,
      `The Safe transaction in this file does not hash to the hash it carries: it was changed after it was exported. Do not sign or use it.`,
      { computed: hash, file: f.safeTxHash }
    )
  const cancels = f.cancels === undefined ? undefined : cancelledPayment(f.cancels, chainId, f.safe, tx)
  const fileRows = f.rows.map((r) => ({
    itemId: r.itemId,
    row: parseItemId(r.itemId).row,
    to: r.to,
    amount: BigInt(r.amount)
  }))
  assertPaymentsMatchRows(decodeSafeTxPayments(cancels?.safeTx ?? tx, expected.decode), fileRows)
  const payoutRows = expected.rowsAt(f.index)
  if (!payoutRows)
    throw safeFailure(SAFE_ERROR.fileWrongPayout, `This payout has no Safe transaction number ${f.index + 1}.`)
  const same =
    payoutRows.length === fileRows.length &&
    payoutRows.every((r, i) => {
      const g = fileRows[i]
      return g !== undefined && g.itemId === r.itemId && g.to === getAddress(r.to) && g.amount === r.amount
    })
  if (!same) assertPaymentsMatchRows(fileRows, payoutRows)
  if (!same)
    throw safeFailure(
      SAFE_ERROR.rowsMismatch,
      "The rows in this file are not the payout's rows for this Safe transaction."
    )
  return {
    payoutId: f.payoutId,
    revision: f.revision,
    payoutDigest: f.payoutDigest,
    chainId,
    safe: f.safe,
    index: f.index,
    of: f.of,
    safeTx: tx,
    rows: payoutRows,
    ...(cancels === undefined ? {} : { cancels })
  }
}

/**
 * A cancellation's own checks: its Safe transaction is exactly the cancellation of its nonce, and
 * the payment it names is at that nonce and hashes to the hash given for it.
 */
function cancelledPayment(
  named: NonNullable<SafeTxFile['cancels']>,
  chainId: bigint,
  safe: string,
  cancel: SafeTx
): { safeTxHash: string; safeTx: SafeTx } {
  if (!isCancellation(chainId, safe, cancel))
    throw safeFailure(
      SAFE_ERROR.undecodable,
      'This file says it cancels a payment, but its Safe transaction is not a cancellation (a cancellation sends nothing and calls nothing). Do not sign it.'
    )
  const payment = safeTxOfFile(named.safeTx)
  const hash = safeTxHash(chainId, safe, payment)
  if (hash !== named.safeTxHash)
    throw safeFailure(
      SAFE_ERROR.hashMismatch,
      'The payment this cancellation names does not hash to the hash it carries: the file was changed after it was exported. Do not sign or use it.',
      { computed: hash, file: named.safeTxHash }
    )
  if (payment.nonce !== cancel.nonce)
    throw safeFailure(
      SAFE_ERROR.signatureWrongNonce,
      `This cancellation is Safe transaction number ${cancel.nonce}, but the payment it names is number ${payment.nonce}: it would not cancel it. Do not sign it.`
    )
  return { safeTxHash: hash, safeTx: payment }
}

export function readSafeTxFile(bytes: Uint8Array, expected: FileExpectation): SafeTxBinding {
  const json = parseJson(bytes)
  if ((json as { format?: unknown } | null)?.format === SAFE_SIGNATURE_FORMAT)
    throw safeFailure(
      SAFE_ERROR.fileMalformed,
      'This is an owner signature, not a Safe transaction to sign. Import it on the desk that executes.'
    )
  const binding = checkBody(strict(RequestSchema, json, 'Safe transaction file'), expected)
  if (binding.chainId !== expected.chainId || binding.safe !== getAddress(expected.safe))
    throw safeFailure(
      SAFE_ERROR.fileWrongPayout,
      `This Safe transaction is for the Safe ${binding.safe} on chain ${binding.chainId}, not ${getAddress(expected.safe)} on chain ${expected.chainId}.`
    )
  return binding
}

/** A signature file, checked as far as a file can be; the signature itself is checked against the owners by collectSignatures. */
export function readSafeSignatureFile(
  bytes: Uint8Array,
  expected: FileExpectation
): { readonly binding: SafeTxBinding; readonly claim: SignatureClaim; readonly mode: SafeSignatureFile['mode'] } {
  const json = parseJson(bytes)
  if ((json as { format?: unknown } | null)?.format === SAFE_TX_FORMAT)
    throw safeFailure(
      SAFE_ERROR.fileMalformed,
      "This is a Safe transaction waiting for signatures, not a signature. Sign it on an owner's desk first."
    )
  const file = strict(SignatureSchema, json, 'Safe signature file')
  const binding = checkBody(file, expected)
  return {
    binding,
    mode: file.mode,
    claim: {
      chainId: binding.chainId,
      safe: file.safe,
      nonce: binding.safeTx.nonce,
      safeTxHash: file.safeTxHash,
      signer: file.signer,
      signature: file.signature.toLowerCase()
    }
  }
}
