// Runs in: main (plain Node). A transaction as a node serves it, believed only when its fields are
// the ones its sender signed: rebuilt into signed bytes they hash to the transaction's name, and
// their signature recovers to the sender. A node cannot sign for an account, so one that serves a
// made-up transaction in place of the account's real one (to hide a payment) is caught. A type
// this app does not rebuild (a rollup's deposit, a set-code authorization) is not believed either.
import { Signature, Transaction, getAddress, type TransactionLike } from 'ethers'
import type { EthRpc } from './ethRpc'
import { toBigInt } from './ethRpc'
import type { ChainTransaction } from './txEvidence'

export type ServedTransaction =
  | { readonly kind: 'signed'; readonly tx: ChainTransaction }
  | { readonly kind: 'missing' }
  /** Served, but not provably what the account signed: `reason` says why. */
  | { readonly kind: 'unverified'; readonly reason: string }

/** Transaction types whose signed form this app rebuilds: legacy, access list (EIP-2930), fee market (EIP-1559). */
const REBUILT_TYPES = new Set([0, 1, 2])
/** Legacy signatures from before chain ids were signed (EIP-155) carry v 27 or 28. */
const PRE_EIP155_V = new Set([27n, 28n])

/** The transaction `hash`, read from `rpc` and checked as the header says, as sent by `from` with number `nonce`. */
export async function readSignedTransaction(
  rpc: EthRpc,
  hash: string,
  from: string,
  nonce: number
): Promise<ServedTransaction> {
  const served = (await rpc.client.request('eth_getTransactionByHash', [hash])) as Record<string, unknown> | null
  if (served === null || served === undefined) return { kind: 'missing' }
  let rebuilt: Transaction
  try {
    rebuilt = rebuild(served)
  } catch (e) {
    return { kind: 'unverified', reason: e instanceof Error ? e.message : String(e) }
  }
  if (rebuilt.hash?.toLowerCase() !== hash.toLowerCase())
    return { kind: 'unverified', reason: 'its fields do not hash to its name' }
  if (rebuilt.from === null || getAddress(rebuilt.from) !== getAddress(from))
    return { kind: 'unverified', reason: `its signature is not ${getAddress(from)}'s` }
  if (rebuilt.nonce !== nonce) return { kind: 'unverified', reason: `it is number ${rebuilt.nonce}, not ${nonce}` }
  return {
    kind: 'signed',
    tx: {
      hash: rebuilt.hash.toLowerCase(),
      from: getAddress(rebuilt.from),
      to: rebuilt.to === null ? null : getAddress(rebuilt.to),
      value: rebuilt.value,
      input: rebuilt.data,
      blockNumber:
        served.blockNumber === null || served.blockNumber === undefined
          ? null
          : toBigInt(served.blockNumber, 'block number')
    }
  }
}

function field(served: Record<string, unknown>, name: string): bigint {
  return toBigInt(served[name], name)
}

/** The signed transaction the served fields describe; throws when they cannot describe one this app rebuilds. */
function rebuild(served: Record<string, unknown>): Transaction {
  const type = served.type === undefined || served.type === null ? 0 : Number(field(served, 'type'))
  if (!REBUILT_TYPES.has(type)) throw new Error(`it is of type ${type}, which this app does not read back`)
  const input = served.input ?? served.data
  if (typeof input !== 'string') throw new Error('it was served without its input')
  const to = served.to === null || served.to === undefined ? null : String(served.to)
  const like: TransactionLike = {
    type,
    nonce: Number(field(served, 'nonce')),
    gasLimit: field(served, 'gas'),
    to,
    value: field(served, 'value'),
    data: input
  }
  const v = field(served, 'v')
  if (type === 0) {
    like.gasPrice = field(served, 'gasPrice')
    if (!PRE_EIP155_V.has(v)) like.chainId = (v - 35n) / 2n
  } else {
    like.chainId = field(served, 'chainId')
    like.accessList = (served.accessList ?? []) as TransactionLike['accessList']
    if (type === 1) like.gasPrice = field(served, 'gasPrice')
    else {
      like.maxFeePerGas = field(served, 'maxFeePerGas')
      like.maxPriorityFeePerGas = field(served, 'maxPriorityFeePerGas')
    }
  }
  const parity = type === 0 ? v : served.yParity === undefined || served.yParity === null ? v : field(served, 'yParity')
  like.signature = Signature.from({
    r: String(served.r),
    s: String(served.s),
    v: type === 0 ? v : parity + 27n
  })
  return Transaction.from(like)
}
