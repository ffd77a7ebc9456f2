// Runs in: main (plain Node). The calldata of a batch payment, both ways: built from rows for the
// plan and its simulations, and read back from a signed transaction for settlement. Every verified
// batch contract takes the Disperse calls (two arrays); the project's BatchPayout also takes packed
// payments, one word each (amount << 160 | recipient): half the calldata and about a tenth less L1
// data fee on a rollup. A payout is packed only when its contract takes it and every amount fits
// the 96 bits; otherwise it goes as Disperse calls. An amount is never cut to fit.
import { getAddress } from 'ethers'
import { batchInterface, BATCH_CALLS, type BatchCalls } from './batchContract'
import { sumRows, type PaymentRow, type PlanAsset } from './planTypes'
import { checksumHex } from '../registry/fastAddress'

const ADDRESS_BITS = 160n
const ADDRESS_MASK = (1n << ADDRESS_BITS) - 1n
/** Packed amounts take the top 96 bits of a word: up to about 7.9e28 base units (79 billion of an 18-decimal token). */
export const PACKED_AMOUNT_LIMIT = 1n << 96n

export interface BatchCallData {
  readonly data: string
  /** The native coin sent with the call: the rows' total for a native batch, else 0. */
  readonly value: bigint
}

/** One packed payment word. Throws rather than truncate an amount that does not fit. */
export function packPayment(to: string, amount: bigint): bigint {
  if (amount < 0n || amount >= PACKED_AMOUNT_LIMIT)
    throw new RangeError(`The amount ${amount} does not fit a packed payment (96 bits).`)
  return (amount << ADDRESS_BITS) | BigInt(getAddress(to))
}

export function unpackPayment(word: bigint): { readonly to: string; readonly amount: bigint } {
  return { to: checksumHex((word & ADDRESS_MASK).toString(16).padStart(40, '0')), amount: word >> ADDRESS_BITS }
}

/**
 * The calls a payout of these rows is made with, decided once for all its chunks (and the subsets
 * a failed simulation is split into): packed when the contract takes them and every amount fits.
 */
export function callsForPayout(contractCalls: BatchCalls, rows: readonly PaymentRow[]): BatchCalls {
  return contractCalls === BATCH_CALLS.packed && rows.every((r) => r.amount >= 0n && r.amount < PACKED_AMOUNT_LIMIT)
    ? BATCH_CALLS.packed
    : BATCH_CALLS.disperse
}

/** The call paying `rows` with the payout's `calls` (see callsForPayout). */
export function batchCall(asset: PlanAsset, rows: readonly PaymentRow[], calls: BatchCalls): BatchCallData {
  const value = asset.kind === 'native' ? sumRows(rows) : 0n
  if (calls === BATCH_CALLS.packed) {
    const payments = rows.map((r) => packPayment(r.to, r.amount))
    const data =
      asset.kind === 'native'
        ? batchInterface.encodeFunctionData('disperseEtherPacked', [payments])
        : batchInterface.encodeFunctionData('disperseTokenPacked', [asset.address, payments])
    return { data, value }
  }
  const recipients = rows.map((r) => r.to)
  const values = rows.map((r) => r.amount)
  const data =
    asset.kind === 'native'
      ? batchInterface.encodeFunctionData('disperseEther', [recipients, values])
      : batchInterface.encodeFunctionData('disperseToken', [asset.address, recipients, values])
  return { data, value }
}

/** The payments a batch call makes, in calldata order (checksummed recipients). */
export interface BatchPayments {
  /** The token paid, or undefined for the native coin. */
  readonly token: string | undefined
  readonly payments: readonly { readonly to: string; readonly amount: bigint }[]
}

/** Reads a batch call back from its calldata; undefined when `data` is no batch call. */
export function readBatchCall(data: string): BatchPayments | undefined {
  const fn = data.length >= 10 ? batchInterface.getFunction(data.slice(0, 10)) : null
  if (!fn) return undefined
  if (fn.name === 'disperseEtherPacked' || fn.name === 'disperseTokenPacked') {
    const fast = canonicalPacked(data, fn.name === 'disperseTokenPacked')
    if (fast !== undefined) return fast
  }
  const args = batchInterface.decodeFunctionData(fn, data)
  // The ABI decoder returns addresses checksummed already.
  const pairs = (recipients: readonly string[], values: readonly bigint[]) =>
    recipients.map((to, i) => ({ to, amount: values[i] ?? 0n }))
  const unpacked = (words: readonly bigint[]) => words.map(unpackPayment)
  switch (fn.name) {
    case 'disperseEther':
      return { token: undefined, payments: pairs(args[0] as string[], args[1] as bigint[]) }
    case 'disperseToken':
      return { token: getAddress(args[0] as string), payments: pairs(args[1] as string[], args[2] as bigint[]) }
    case 'disperseEtherPacked':
      return { token: undefined, payments: unpacked(args[0] as bigint[]) }
    case 'disperseTokenPacked':
      return { token: getAddress(args[0] as string), payments: unpacked(args[1] as bigint[]) }
    default:
      return undefined
  }
}

const SELECTOR_HEX = 10
const WORD_HEX = 64
const WORD_BYTES = 32
/** Hex digits of a packed word above its recipient: the amount. */
const AMOUNT_HEX = 24
const HEX_ONLY = /^[0-9a-f]*$/

/**
 * A packed call laid out as this app encodes it (the array right after the head, nothing after
 * it), read straight from the hex: for 500 payments about a tenth of the ABI decoder's time, which
 * matters when every paid row of a large payout is read against its batch. Any other layout, a
 * token word with bits above its address included, returns undefined and goes through the ABI
 * decoder, so what is read is always what the decoder reads.
 */
function canonicalPacked(data: string, withToken: boolean): BatchPayments | undefined {
  const args = data.slice(SELECTOR_HEX).toLowerCase()
  const head = withToken ? 2 : 1
  if (args.length < (head + 1) * WORD_HEX || !HEX_ONLY.test(args)) return undefined
  const word = (index: number): string => args.slice(index * WORD_HEX, (index + 1) * WORD_HEX)
  if (BigInt(`0x${word(head - 1)}`) !== BigInt(head * WORD_BYTES)) return undefined
  const count = BigInt(`0x${word(head)}`)
  if (BigInt(args.length) !== (BigInt(head + 1) + count) * BigInt(WORD_HEX)) return undefined
  let token: string | undefined
  if (withToken) {
    const tokenWord = word(0)
    if (BigInt(`0x${tokenWord.slice(0, AMOUNT_HEX)}`) !== 0n) return undefined
    token = checksumHex(tokenWord.slice(AMOUNT_HEX))
  }
  const payments: Array<{ to: string; amount: bigint }> = []
  for (let i = head + 1; i < args.length / WORD_HEX; i++) {
    const w = word(i)
    payments.push({ to: checksumHex(w.slice(AMOUNT_HEX)), amount: BigInt(`0x${w.slice(0, AMOUNT_HEX)}`) })
  }
  return { token, payments }
}
