// Runs in: main (plain Node). Checks an RPC endpoint before it is saved or used: it answers, it
// serves the chain the catalogue says it should, and its latest block is recent (a lagging node
// would report stale balances and nonces).
import { CHAIN_ERROR, ChainError } from './errors'
import { EthRpc } from './ethRpc'
import { JsonRpcClient } from './rpc'

export interface EndpointCheckOptions {
  readonly url: string
  readonly label?: string
  readonly expectedChainId: bigint
  /** Oldest acceptable latest block, in seconds; undefined skips the check (development chains idle). */
  readonly maxBlockAgeSeconds?: number
  readonly timeoutMs?: number
  /** Seconds since the epoch; injectable for tests. */
  readonly now?: () => number
}

export interface EndpointHealth {
  readonly chainId: bigint
  readonly latestBlock: bigint
  readonly blockAgeSeconds: number
  readonly latencyMs: number
}

export type EndpointCheckResult =
  { readonly ok: true; readonly value: EndpointHealth } | { readonly ok: false; readonly error: ChainError }

export async function checkEndpoint(options: EndpointCheckOptions): Promise<EndpointCheckResult> {
  const label = options.label ?? 'The network endpoint'
  const rpc = new EthRpc(new JsonRpcClient({ url: options.url, label, timeoutMs: options.timeoutMs ?? 5_000 }))
  const started = Date.now()
  try {
    const chainId = await rpc.chainId()
    if (chainId !== options.expectedChainId) {
      return {
        ok: false,
        error: new ChainError(
          CHAIN_ERROR.wrongChain,
          `${label} serves chain ${chainId}, but this network is chain ${options.expectedChainId}. Check that the address belongs to this network.`,
          { details: { chainId, expectedChainId: options.expectedChainId } }
        )
      }
    }
    const latest = await rpc.block('latest')
    if (!latest)
      return {
        ok: false,
        error: new ChainError(CHAIN_ERROR.rpcBadResponse, `${label} did not return its latest block.`)
      }
    const latencyMs = Date.now() - started
    const nowSeconds = options.now ? options.now() : Math.floor(Date.now() / 1000)
    const blockAgeSeconds = Math.max(0, nowSeconds - Number(latest.timestamp))
    if (options.maxBlockAgeSeconds !== undefined && blockAgeSeconds > options.maxBlockAgeSeconds) {
      return {
        ok: false,
        error: new ChainError(
          CHAIN_ERROR.staleEndpoint,
          `${label} is behind: its latest block is ${Math.round(blockAgeSeconds / 60)} minutes old. Use another endpoint.`,
          { details: { latestBlock: latest.number, blockAgeSeconds } }
        )
      }
    }
    return { ok: true, value: { chainId, latestBlock: latest.number, blockAgeSeconds, latencyMs } }
  } catch (e) {
    if (e instanceof ChainError) return { ok: false, error: e }
    throw e
  }
}
