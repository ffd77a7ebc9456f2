// Runs in: main (pure, no I/O). The files that carry a Safe transaction between desks with no
// network: the transaction to sign (what the drafting desk sends the owners) and one owner's
// signature of it. Both are versioned JSON parsed strictly, bound to the payout's digest, and
// carry the Safe transaction, its hash and the rows it pays; nothing in them is believed until the
// receiving desk has recomputed the hash, decoded the calldata back into the rows and compared
// them with the payout it holds, and checked the signature against the owners on chain.
import { getAddress } from 'ethers'
import { z } from 'zod'
import type { PaymentRow } from '../chain/planTypes'
import { EIP712_MODE } from '../ledger/typedDataSigner'
import { OPERATION } from './abi'
import { assertPaymentsMatchRows, decodeSafeTxPayments, type DecodeContext } from './decode'
import { SAFE_ERROR, safeFailure } from './errors'
import { safeTxHash, type SafeTx } from './safeTx'
import type { OwnerSignature, SignatureClaim } from './signatures'
import { parseItemId } from '../domain/itemId'

export const SAFE_TX_FORMAT = 'treasury.safe-transaction'
export const SAFE_SIGNATURE_FORMAT = 'treasury.safe-signature'
export const SAFE_FILE_VERSION = 1
/** A 400-row Safe transaction is about 100 kB of JSON; far below this. */
export const MAX_SAFE_FILE_BYTES = 16 * 1024 * 1024

const Address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/)
  .refine((a) => {
    try {
      getAddress(a)
      return true
    } catch {
      return false
    }
  }, 'bad address checksum')
  .transform((a) => getAddress(a))
const Hash = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/)
  .transform((h) => h.toLowerCase())
const Uint = z.string().regex(/^(0|[1-9][0-9]{0,77})$/)
const Hex = z
  .string()
  .regex(/^0x([0-9a-fA-F]{2})*$/)
  .transform((h) => h.toLowerCase())
const Line = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'control characters')

const SafeTxSchema = z.strictObject({
  to: Address,
  value: Uint,
  data: Hex,
  operation: z.union([z.literal(OPERATION.call), z.literal(OPERATION.delegateCall)]),
  safeTxGas: Uint,
  baseGas: Uint,
  gasPrice: Uint,
  gasToken: Address,
  refundReceiver: Address,
  nonce: Uint
})

const Body = {
  version: z.literal(SAFE_FILE_VERSION),
  payoutId: Line(40).min(1),
  revision: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** The payout digest (approvals/digest.ts) the Safe transaction pays out. */
  payoutDigest: Hash,
  chainId: Uint,
  safe: Address,
  /** Position of this Safe transaction in the payout's plan (0-based) and how many there are. */
  index: z.number().int().min(0),
  of: z.number().int().min(1),
  safeTx: SafeTxSchema,
  safeTxHash: Hash,
  rows: z.array(z.strictObject({ itemId: Line(80).min(1), to: Address, amount: Uint })).min(1)
}

const RequestSchema = z.strictObject({ format: z.literal(SAFE_TX_FORMAT), ...Body, exportedAt: Line(40) })
const SignatureSchema = z.strictObject({
  format: z.literal(SAFE_SIGNATURE_FORMAT),
  ...Body,
  signer: Address,
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/),
  mode: z.enum([EIP712_MODE.full, EIP712_MODE.hashed]),
  signedAt: Line(40)
})
export type SafeTxFile = z.infer<typeof RequestSchema>
export type SafeSignatureFile = z.infer<typeof SignatureSchema>

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
}

function bodyOf(b: SafeTxBinding) {
  const tx = b.safeTx
  return {
    version: SAFE_FILE_VERSION,
    payoutId: b.payoutId,
    revision: b.revision,
    payoutDigest: b.payoutDigest.toLowerCase(),
    chainId: b.chainId.toString(),
    safe: getAddress(b.safe),
    index: b.index,
    of: b.of,
    safeTx: {
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
    },
    safeTxHash: safeTxHash(b.chainId, b.safe, tx),
    rows: b.rows.map((r) => ({ itemId: r.itemId, to: getAddress(r.to), amount: r.amount.toString() }))
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

function safeTxOfFile(f: SafeTxFile | SafeSignatureFile): SafeTx {
  const t = f.safeTx
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
  const tx = safeTxOfFile(f)
  const chainId = BigInt(f.chainId)
  const hash = safeTxHash(chainId, f.safe, tx)
  if (hash !== f.safeTxHash)
    throw safeFailure(
      SAFE_ERROR.hashMismatch,
      `The Safe transaction in this file does not hash to the hash it carries: it was changed after it was exported. Do not sign or use it.`,
      { computed: hash, file: f.safeTxHash }
    )
  const fileRows = f.rows.map((r) => ({
    itemId: r.itemId,
    row: parseItemId(r.itemId).row,
    to: r.to,
    amount: BigInt(r.amount)
  }))
  assertPaymentsMatchRows(decodeSafeTxPayments(tx, expected.decode), fileRows)
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
    rows: payoutRows
  }
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
