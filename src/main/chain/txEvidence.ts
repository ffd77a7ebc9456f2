// Runs in: main (plain Node). What the chain itself says a mined transaction did, read again for a
// reconciliation: the transaction as the node serves it (sender, target, value), the fee its
// receipt charged, and the native value it moved between accounts, from a call trace
// (debug_traceTransaction with the callTracer, which many public endpoints do not offer: then the
// trace is said to be unavailable, never guessed).
import { getAddress } from 'ethers'
import type { EthRpc, Receipt } from './ethRpc'
import { toBigInt } from './ethRpc'

export interface ChainTransaction {
  readonly hash: string
  readonly from: string
  /** Null for a contract creation. */
  readonly to: string | null
  readonly value: bigint
  readonly input: string
  readonly blockNumber: bigint | null
}

/** Native value moved from one account to another by a call that did not revert. */
export interface ValueTransfer {
  readonly from: string
  readonly to: string
  readonly value: bigint
}

export type TraceResult =
  { readonly ok: true; readonly transfers: readonly ValueTransfer[] } | { readonly ok: false; readonly reason: string }

/** What left the paying account for the network: gas at the effective price, plus a rollup's L1 data fee. */
export function receiptFee(receipt: Pick<Receipt, 'gasUsed' | 'effectiveGasPrice' | 'l1Fee'>): bigint {
  return receipt.gasUsed * receipt.effectiveGasPrice + (receipt.l1Fee ?? 0n)
}

function text(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new Error(`The network endpoint sent a transaction without ${what}.`)
  return v
}

export async function readTransaction(rpc: EthRpc, hash: string): Promise<ChainTransaction | undefined> {
  const t = (await rpc.client.request('eth_getTransactionByHash', [hash])) as Record<string, unknown> | null
  if (t === null || t === undefined) return undefined
  return {
    hash: text(t.hash, 'a hash').toLowerCase(),
    from: getAddress(text(t.from, 'a sender')),
    to: t.to === null || t.to === undefined ? null : getAddress(text(t.to, 'a target')),
    value: toBigInt(t.value, 'transaction value'),
    input: text(t.input ?? t.data, 'its input'),
    blockNumber: t.blockNumber === null || t.blockNumber === undefined ? null : toBigInt(t.blockNumber, 'block number')
  }
}

interface CallFrame {
  readonly type?: string
  readonly from?: string
  readonly to?: string
  readonly value?: string
  readonly error?: string
  readonly calls?: readonly CallFrame[]
}

/** Frame types whose value is not a transfer of their own (they run in the caller's context or move nothing). */
const NO_VALUE_FRAMES = new Set(['DELEGATECALL', 'STATICCALL', 'CALLCODE'])

function collect(frame: CallFrame, out: ValueTransfer[]): void {
  // A reverted frame moved nothing, and neither did anything it called.
  if (frame.error !== undefined) return
  const value = frame.value === undefined ? 0n : toBigInt(frame.value, 'trace value')
  if (value > 0n && !NO_VALUE_FRAMES.has(String(frame.type).toUpperCase()) && frame.from && frame.to)
    out.push({ from: getAddress(frame.from), to: getAddress(frame.to), value })
  for (const child of frame.calls ?? []) collect(child, out)
}

export async function readValueTransfers(rpc: EthRpc, hash: string): Promise<TraceResult> {
  let root: unknown
  try {
    root = await rpc.client.request('debug_traceTransaction', [hash, { tracer: 'callTracer' }])
  } catch (e) {
    return { ok: false, reason: `the endpoint offers no call trace (${e instanceof Error ? e.message : String(e)})` }
  }
  if (root === null || typeof root !== 'object') return { ok: false, reason: 'the endpoint sent no call trace' }
  const transfers: ValueTransfer[] = []
  try {
    collect(root as CallFrame, transfers)
  } catch (e) {
    return { ok: false, reason: `the call trace was malformed (${e instanceof Error ? e.message : String(e)})` }
  }
  return { ok: true, transfers }
}
