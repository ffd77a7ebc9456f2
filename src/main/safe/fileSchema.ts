// Runs in: main (pure, no I/O). The shape of the Safe files desks exchange (files.ts reads and
// writes them): versioned JSON with every field checked strictly (checksummed addresses, hashes,
// decimal integers, no control characters), for a Safe transaction to sign and for an owner's
// signature of it; a cancellation's carries the payment it cancels.
import { z } from 'zod'
import { AddressSchema as Address, HashSchema as Hash } from '../domain/fileFields'
import { EIP712_MODE } from '../ledger/typedDataSigner'
import { OPERATION } from './abi'

export const SAFE_TX_FORMAT = 'treasury.safe-transaction'
export const SAFE_SIGNATURE_FORMAT = 'treasury.safe-signature'
export const SAFE_FILE_VERSION = 1
/** A 400-row Safe transaction is about 100 kB of JSON; far below this. */
export const MAX_SAFE_FILE_BYTES = 16 * 1024 * 1024

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

const RowSchema = z.strictObject({ itemId: Line(80).min(1), to: Address, amount: Uint })

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
  /** For a payment: the rows it pays. For a cancellation: the rows of the payment it cancels. */
  rows: z.array(RowSchema).min(1),
  /** Present on a cancellation only: the payment Safe transaction at the same nonce that it cancels. */
  cancels: z.strictObject({ safeTxHash: Hash, safeTx: SafeTxSchema }).optional()
}

export const RequestSchema = z.strictObject({ format: z.literal(SAFE_TX_FORMAT), ...Body, exportedAt: Line(40) })
export const SignatureSchema = z.strictObject({
  format: z.literal(SAFE_SIGNATURE_FORMAT),
  ...Body,
  signer: Address,
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/),
  mode: z.enum([EIP712_MODE.full, EIP712_MODE.hashed]),
  signedAt: Line(40)
})
export type SafeTxFile = z.infer<typeof RequestSchema>
export type SafeSignatureFile = z.infer<typeof SignatureSchema>
