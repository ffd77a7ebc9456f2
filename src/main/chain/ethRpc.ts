// Runs in: main (plain Node). Typed Ethereum JSON-RPC methods over JsonRpcClient: quantities come
// back as bigint, receipts and blocks as small plain objects. Malformed answers are ChainErrors.
import { CHAIN_ERROR, ChainError } from './errors'
import type { RpcCall, RpcTransport } from './rpc'

export type BlockTag = 'latest' | 'pending' | 'safe' | 'finalized' | bigint

export interface CallRequest {
  readonly from?: string
  readonly to: string
  readonly data?: string
  readonly value?: bigint
  readonly gas?: bigint
}

/** Per-address state replacement for eth_call / eth_estimateGas (geth and anvil support it). */
export type StateOverride = Record<string, { readonly balance?: string; readonly stateDiff?: Record<string, string> }>

export interface LogEntry {
  readonly address: string
  readonly topics: readonly string[]
  readonly data: string
}

export interface LogFilter {
  readonly address: string
  readonly fromBlock: BlockTag
  readonly toBlock: BlockTag
  readonly topics?: readonly (string | null)[]
}

export interface LogRecord extends LogEntry {
  readonly blockNumber: bigint
  readonly transactionHash: string
}

export interface Receipt {
  readonly transactionHash: string
  readonly blockNumber: bigint
  readonly blockHash: string
  readonly success: boolean
  readonly gasUsed: bigint
  readonly effectiveGasPrice: bigint
  /** The L1 data fee a rollup (OP Stack) charges on top of gasUsed x effectiveGasPrice, when the receipt has one. */
  readonly l1Fee?: bigint
  readonly logs: readonly LogEntry[]
}

export interface BlockHeader {
  readonly number: bigint
  readonly hash: string
  readonly timestamp: bigint
  readonly baseFeePerGas?: bigint
  readonly gasLimit: bigint
}

/** A transaction of a block, as much as the nonce evidence needs. */
export interface BlockTransaction {
  readonly hash: string
  readonly from: string
  readonly nonce: number
}

export interface BlockWithTransactions {
  readonly number: bigint
  readonly hash: string
  readonly transactions: readonly BlockTransaction[]
}

export function quantity(value: bigint | number): string {
  return `0x${value.toString(16)}`
}

function bad(what: string): ChainError {
  return new ChainError(CHAIN_ERROR.rpcBadResponse, `The network endpoint sent a malformed ${what}.`, {
    maybeSent: true
  })
}

export function toBigInt(value: unknown, what: string): bigint {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]*$/.test(value)) throw bad(what)
  return value === '0x' ? 0n : BigInt(value)
}

function toHex(value: unknown, what: string): string {
  if (typeof value !== 'string' || !/^0x[0-9a-fA-F]*$/.test(value)) throw bad(what)
  return value.toLowerCase()
}

function tag(block: BlockTag): string {
  return typeof block === 'bigint' ? quantity(block) : block
}

function callObject(req: CallRequest): Record<string, string> {
  const o: Record<string, string> = { to: req.to }
  if (req.from !== undefined) o.from = req.from
  if (req.data !== undefined) o.data = req.data
  if (req.value !== undefined) o.value = quantity(req.value)
  if (req.gas !== undefined) o.gas = quantity(req.gas)
  return o
}

/**
 * The receipt of `hash`, or undefined when the node has none. A receipt of another transaction is
 * refused: an endpoint that answers with someone else's receipt would settle ours on its outcome.
 */
function parseReceipt(v: unknown, hash: string): Receipt | undefined {
  if (v === null || v === undefined) return undefined
  if (typeof v !== 'object') throw bad('receipt')
  const r = v as Record<string, unknown>
  const transactionHash = toHex(r.transactionHash, 'receipt')
  if (transactionHash !== hash.toLowerCase()) {
    throw new ChainError(
      CHAIN_ERROR.rpcBadResponse,
      `The network endpoint answered a request for the receipt of ${hash} with the receipt of ${transactionHash}. Nothing was settled from it.`,
      { details: { asked: hash, answered: transactionHash } }
    )
  }
  const logs = Array.isArray(r.logs) ? r.logs : []
  const l1Fee = r.l1Fee === undefined || r.l1Fee === null ? undefined : toBigInt(r.l1Fee, 'receipt L1 fee')
  return {
    ...(l1Fee === undefined ? {} : { l1Fee }),
    transactionHash,
    blockNumber: toBigInt(r.blockNumber, 'receipt'),
    blockHash: toHex(r.blockHash, 'receipt'),
    success: toBigInt(r.status, 'receipt status') === 1n,
    gasUsed: toBigInt(r.gasUsed, 'receipt'),
    effectiveGasPrice: r.effectiveGasPrice === undefined ? 0n : toBigInt(r.effectiveGasPrice, 'receipt'),
    logs: logs.map((l: unknown) => {
      const e = l as Record<string, unknown>
      return {
        address: toHex(e.address, 'log'),
        topics: Array.isArray(e.topics) ? e.topics.map((t: unknown) => toHex(t, 'log topic')) : [],
        data: toHex(e.data, 'log')
      }
    })
  }
}

function parseBlock(v: unknown): BlockHeader | undefined {
  if (v === null || v === undefined) return undefined
  if (typeof v !== 'object') throw bad('block')
  const b = v as Record<string, unknown>
  const header: BlockHeader = {
    number: toBigInt(b.number, 'block'),
    hash: toHex(b.hash, 'block'),
    timestamp: toBigInt(b.timestamp, 'block'),
    gasLimit: toBigInt(b.gasLimit, 'block')
  }
  return b.baseFeePerGas === undefined ? header : { ...header, baseFeePerGas: toBigInt(b.baseFeePerGas, 'block') }
}

function parseBlockTransactions(v: unknown): BlockWithTransactions | undefined {
  if (v === null || v === undefined) return undefined
  if (typeof v !== 'object') throw bad('block')
  const b = v as Record<string, unknown>
  const txs = Array.isArray(b.transactions) ? b.transactions : []
  return {
    number: toBigInt(b.number, 'block'),
    hash: toHex(b.hash, 'block'),
    transactions: txs.flatMap((t: unknown) => {
      // A node asked for hashes only answers strings: nothing to match a sender and nonce against.
      if (typeof t !== 'object' || t === null) return []
      const e = t as Record<string, unknown>
      return [
        {
          hash: toHex(e.hash, 'block transaction'),
          from: toHex(e.from, 'block transaction'),
          nonce: Number(toBigInt(e.nonce, 'block transaction'))
        }
      ]
    })
  }
}

export class EthRpc {
  constructor(readonly client: RpcTransport) {}

  /** The same calls, pinned to the endpoint configured now when the transport can change (see RpcTransport.pinned). */
  async pinned(): Promise<EthRpc> {
    return this.client.pinned ? new EthRpc(await this.client.pinned()) : this
  }

  /** Chain id and latest block number in one batch request: the first reads of every tracking pass. */
  async chainIdAndHead(): Promise<{ readonly chainId: bigint; readonly head: bigint }> {
    const [chainId, head] = await this.client.batch([
      { method: 'eth_chainId', params: [] },
      { method: 'eth_blockNumber', params: [] }
    ])
    if (chainId === undefined || head === undefined) throw bad('batch answer')
    if (!chainId.ok) throw chainId.error
    if (!head.ok) throw head.error
    return { chainId: toBigInt(chainId.value, 'chain id'), head: toBigInt(head.value, 'block number') }
  }

  async chainId(): Promise<bigint> {
    return toBigInt(await this.client.request('eth_chainId'), 'chain id')
  }
  async blockNumber(): Promise<bigint> {
    return toBigInt(await this.client.request('eth_blockNumber'), 'block number')
  }
  async block(block: BlockTag): Promise<BlockHeader | undefined> {
    return parseBlock(await this.client.request('eth_getBlockByNumber', [tag(block), false]))
  }
  /** A block with its transactions' hash, sender and nonce (the full transaction objects, trimmed). */
  async blockTransactions(number: bigint): Promise<BlockWithTransactions | undefined> {
    return parseBlockTransactions(await this.client.request('eth_getBlockByNumber', [quantity(number), true]))
  }
  /** Hashes of many blocks by number in one batch request; undefined where the node has no such block. */
  async blockHashes(numbers: readonly bigint[]): Promise<(string | undefined)[]> {
    const outcomes = await this.client.batch(
      numbers.map((n) => ({ method: 'eth_getBlockByNumber', params: [quantity(n), false] }))
    )
    return outcomes.map((o) => {
      if (!o.ok) throw o.error
      return parseBlock(o.value)?.hash
    })
  }
  async balance(address: string, block: BlockTag = 'latest'): Promise<bigint> {
    return toBigInt(await this.client.request('eth_getBalance', [address, tag(block)]), 'balance')
  }
  async nonce(address: string, block: BlockTag = 'latest'): Promise<number> {
    return Number(toBigInt(await this.client.request('eth_getTransactionCount', [address, tag(block)]), 'nonce'))
  }
  async code(address: string, block: BlockTag = 'latest'): Promise<string> {
    return toHex(await this.client.request('eth_getCode', [address, tag(block)]), 'code')
  }
  /** One 32-byte storage word, 0x-hex. */
  async storageAt(address: string, slot: bigint, block: BlockTag = 'latest'): Promise<string> {
    return toHex(await this.client.request('eth_getStorageAt', [address, quantity(slot), tag(block)]), 'storage word')
  }
  /** eth_getLogs over an inclusive block range; `topics` as in the JSON-RPC filter (null matches anything). */
  async logs(filter: LogFilter): Promise<LogRecord[]> {
    const params = {
      address: filter.address,
      fromBlock: tag(filter.fromBlock),
      toBlock: tag(filter.toBlock),
      topics: filter.topics ?? []
    }
    const result = await this.client.request('eth_getLogs', [params])
    if (!Array.isArray(result)) throw bad('log list')
    return result.map((l: unknown) => {
      const e = l as Record<string, unknown>
      return {
        address: toHex(e.address, 'log'),
        topics: Array.isArray(e.topics) ? e.topics.map((t: unknown) => toHex(t, 'log topic')) : [],
        data: toHex(e.data, 'log'),
        blockNumber: toBigInt(e.blockNumber, 'log block'),
        transactionHash: toHex(e.transactionHash, 'log transaction')
      }
    })
  }
  async call(req: CallRequest, block: BlockTag = 'latest', overrides?: StateOverride): Promise<string> {
    const params: unknown[] = [callObject(req), tag(block)]
    if (overrides) params.push(overrides)
    return toHex(await this.client.request('eth_call', params), 'call result')
  }
  async estimateGas(req: CallRequest, overrides?: StateOverride): Promise<bigint> {
    const params: unknown[] = [callObject(req), 'latest']
    if (overrides) params.push(overrides)
    return toBigInt(await this.client.request('eth_estimateGas', params), 'gas estimate')
  }
  async gasPrice(): Promise<bigint> {
    return toBigInt(await this.client.request('eth_gasPrice'), 'gas price')
  }
  async maxPriorityFeePerGas(): Promise<bigint> {
    return toBigInt(await this.client.request('eth_maxPriorityFeePerGas'), 'priority fee')
  }
  async sendRawTransaction(raw: string): Promise<string> {
    return toHex(await this.client.request('eth_sendRawTransaction', [raw]), 'transaction hash')
  }
  /** Whether the node knows the transaction at all (pending in its pool or mined). */
  async transactionKnown(hash: string): Promise<boolean> {
    const tx = await this.client.request('eth_getTransactionByHash', [hash])
    return tx !== null && tx !== undefined
  }
  async receipt(hash: string): Promise<Receipt | undefined> {
    return parseReceipt(await this.client.request('eth_getTransactionReceipt', [hash]), hash)
  }
  /** Receipts of many transactions in batch requests; undefined where the chain has none. */
  async receipts(hashes: readonly string[]): Promise<(Receipt | undefined)[]> {
    const outcomes = await this.client.batch(hashes.map((h) => ({ method: 'eth_getTransactionReceipt', params: [h] })))
    return outcomes.map((o, i) => {
      if (!o.ok) throw o.error
      return parseReceipt(o.value, hashes[i] ?? '')
    })
  }
  /** Many estimates at once; each is a gas figure or the classified error of that call. */
  async estimateGasMany(reqs: readonly CallRequest[], overrides?: StateOverride): Promise<(bigint | ChainError)[]> {
    const calls: RpcCall[] = reqs.map((r) => ({
      method: 'eth_estimateGas',
      params: overrides ? [callObject(r), 'latest', overrides] : [callObject(r), 'latest']
    }))
    const outcomes = await this.client.batch(calls)
    return outcomes.map((o) => (o.ok ? toBigInt(o.value, 'gas estimate') : o.error))
  }
  /** Many eth_calls at once; each is the returned data or the classified error of that call. */
  async callMany(
    reqs: readonly CallRequest[],
    overrides?: readonly (StateOverride | undefined)[]
  ): Promise<(string | ChainError)[]> {
    const calls: RpcCall[] = reqs.map((r, i) => {
      const o = overrides?.[i]
      return { method: 'eth_call', params: o ? [callObject(r), 'latest', o] : [callObject(r), 'latest'] }
    })
    const outcomes = await this.client.batch(calls)
    return outcomes.map((o) => (o.ok ? toHex(o.value, 'call result') : o.error))
  }
  /**
   * The account's pending and latest nonces and an eth_call at latest in one batch request (the
   * reads taken right before signing). A failed nonce read is thrown; the call's own error is returned.
   */
  async noncesAndCall(
    address: string,
    req: CallRequest
  ): Promise<{ readonly pending: number; readonly latest: number; readonly call: string | ChainError }> {
    const [pending, latest, call] = await this.client.batch([
      { method: 'eth_getTransactionCount', params: [address, 'pending'] },
      { method: 'eth_getTransactionCount', params: [address, 'latest'] },
      { method: 'eth_call', params: [callObject(req), 'latest'] }
    ])
    if (pending === undefined || latest === undefined || call === undefined) throw bad('batch answer')
    if (!pending.ok) throw pending.error
    if (!latest.ok) throw latest.error
    return {
      pending: Number(toBigInt(pending.value, 'nonce')),
      latest: Number(toBigInt(latest.value, 'nonce')),
      call: call.ok ? toHex(call.value, 'call result') : call.error
    }
  }
  async balancesAt(addresses: readonly string[], block: BlockTag): Promise<bigint[]> {
    const outcomes = await this.client.batch(
      addresses.map((a) => ({ method: 'eth_getBalance', params: [a, tag(block)] }))
    )
    return outcomes.map((o) => {
      if (!o.ok) throw o.error
      return toBigInt(o.value, 'balance')
    })
  }
}
