// Runs in: main (pure, no I/O). Exports a Safe transaction of a payout as a batch file that
// Safe{Wallet}'s Transaction Builder loads, for teams that keep executing in Safe{Wallet}: the
// calls the Safe makes (one per row, or the batch contract's), as raw `to`, decimal `value` and
// `data`. The checksum is computed as the Transaction Builder computes it (safe-global/
// safe-react-apps, apps/tx-builder/src/lib/checksum.ts): the file with `meta.name` set to null and
// no checksum, serialised with every object's keys sorted (the key list first, then each value
// followed by a comma), hashed with keccak256 over its UTF-8 bytes.
import { getAddress, id } from 'ethers'
import type { PaymentRow, PlanAsset } from '../chain/planTypes'
import { OPERATION } from './abi'
import { unpackMultiSend, type SafeCall } from './multiSend'
import type { SafeTx } from './safeTx'

export const TX_BUILDER_FILE_VERSION = '1.0'
/** The Transaction Builder version the files declare they follow. */
export const TX_BUILDER_VERSION = '1.18.0'

export interface BatchTransaction {
  readonly to: string
  readonly value: string
  readonly data: string
}

/** A type alias, not an interface, so it is a plain JSON record for the checksum. */
export type BatchFile = {
  readonly version: string
  readonly chainId: string
  readonly createdAt: number
  readonly meta: {
    readonly name: string
    readonly description: string
    readonly txBuilderVersion: string
    readonly createdFromSafeAddress: string
    readonly createdFromOwnerAddress: string
    readonly checksum?: string
  }
  readonly transactions: readonly BatchTransaction[]
}

type Json = string | number | boolean | null | undefined | readonly Json[] | { readonly [key: string]: Json }

/** JSON.stringify with undefined written as null, as the Transaction Builder's replacer does. */
const plain = (value: Json): string =>
  JSON.stringify(value === undefined ? null : value, (_k, v: unknown) => (v === undefined ? null : v))

/** The Transaction Builder's canonical serialisation (keys sorted, the key list written first). */
export function serializeForChecksum(json: Json): string {
  if (Array.isArray(json)) return `[${json.map((el: Json) => serializeForChecksum(el)).join(',')}]`
  if (typeof json === 'object' && json !== null) {
    const record = json as { readonly [key: string]: Json }
    const keys = Object.keys(record).sort()
    return `{${plain(keys)}${keys.map((k) => `${serializeForChecksum(record[k])},`).join('')}}`
  }
  return plain(json)
}

/** The checksum of a batch file as the Transaction Builder computes it (meta.name ignored). */
export function batchChecksum(file: { readonly meta: object; readonly [key: string]: unknown }): string {
  const json = file as unknown as { readonly [key: string]: Json; readonly meta: { readonly [key: string]: Json } }
  return id(serializeForChecksum({ ...json, meta: { ...json.meta, name: null } }))
}

/** The calls a Safe transaction makes (a MultiSend batch unpacked), as Transaction Builder entries. */
export function builderTransactions(tx: SafeTx): BatchTransaction[] {
  const calls: SafeCall[] =
    tx.operation === OPERATION.delegateCall ? unpackMultiSend(tx.data) : [{ to: tx.to, value: tx.value, data: tx.data }]
  return calls.map((c) => ({ to: getAddress(c.to), value: c.value.toString(), data: c.data.toLowerCase() }))
}

export interface BatchRequest {
  readonly chainId: bigint
  readonly safe: string
  readonly safeTx: SafeTx
  readonly rows: readonly PaymentRow[]
  readonly asset: PlanAsset
  readonly payoutId: string
  /** Position of this Safe transaction in the payout's plan (0-based) and how many there are. */
  readonly index: number
  readonly of: number
  readonly createdAt: Date
  /** The owner the file is made for, when known. */
  readonly owner?: string
}

export function transactionBuilderBatch(request: BatchRequest): BatchFile {
  const total = request.rows.reduce((s, r) => s + r.amount, 0n)
  const part = request.of > 1 ? ` (${request.index + 1} of ${request.of})` : ''
  const unsigned: BatchFile = {
    version: TX_BUILDER_FILE_VERSION,
    chainId: request.chainId.toString(),
    createdAt: request.createdAt.getTime(),
    meta: {
      name: `Treasury payout ${request.payoutId}${part}`,
      description: `${request.rows.length} payment${request.rows.length === 1 ? '' : 's'} of ${request.asset.symbol}, ${total} base units in all. Treasury planned this as Safe transaction number ${request.safeTx.nonce}; executing it here uses a Safe nonce of Safe{Wallet}'s choosing.`,
      txBuilderVersion: TX_BUILDER_VERSION,
      createdFromSafeAddress: getAddress(request.safe),
      createdFromOwnerAddress: request.owner ? getAddress(request.owner) : ''
    },
    transactions: builderTransactions(request.safeTx)
  }
  return { ...unsigned, meta: { ...unsigned.meta, checksum: batchChecksum(unsigned) } }
}

export function encodeBatchFile(file: BatchFile): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(file, null, 2) + '\n')
}
