// Runs in: main (plain Node). Several endpoints of one network used as one: a request goes to the
// endpoint that last worked, and moves on to the next when the answer is lost or unusable
// (timeout, unreachable, web page, HTTP error, rate limit, redirect, an answer too large, an
// unencrypted address on another machine). An answer from a node (a JSON-RPC
// error such as "nonce too low") is an answer, and is returned as is. Re-sending a raw transaction
// to another endpoint is safe: it is the same signed bytes.
import { CHAIN_ERROR, ChainError, type ChainErrorCode } from './errors'
import { JsonRpcClient, type RpcCall, type RpcClientOptions, type RpcOutcome, type RpcTransport } from './rpc'

const TRANSPORT_FAILURES: readonly ChainErrorCode[] = [
  CHAIN_ERROR.rpcTimeout,
  CHAIN_ERROR.rpcUnreachable,
  CHAIN_ERROR.rpcBadResponse,
  CHAIN_ERROR.rpcHttpError,
  CHAIN_ERROR.rpcRateLimited,
  CHAIN_ERROR.rpcRedirected,
  CHAIN_ERROR.rpcResponseTooLarge,
  CHAIN_ERROR.rpcInsecureEndpoint
]

export class FailoverRpcClient implements RpcTransport {
  readonly label: string
  private readonly clients: readonly RpcTransport[]
  private current = 0

  constructor(endpoints: readonly RpcClientOptions[] | readonly RpcTransport[], label = 'The network endpoints') {
    if (endpoints.length === 0)
      throw new ChainError(
        CHAIN_ERROR.rpcUnreachable,
        'No network endpoint is configured for this network. Add one in Settings.'
      )
    this.clients = endpoints.map((e) => ('request' in e ? e : new JsonRpcClient(e)))
    this.label = label
  }

  private async attempt<T>(run: (client: RpcTransport) => Promise<T>): Promise<T> {
    let last: ChainError | undefined
    for (let i = 0; i < this.clients.length; i++) {
      const index = (this.current + i) % this.clients.length
      const client = this.clients[index] as RpcTransport
      try {
        const result = await run(client)
        this.current = index
        return result
      } catch (e) {
        if (!(e instanceof ChainError) || !TRANSPORT_FAILURES.includes(e.code)) throw e
        last = e
      }
    }
    // Every endpoint failed: a request that may have reached any of them may have been sent.
    throw last ?? new ChainError(CHAIN_ERROR.rpcUnreachable, `${this.label} could not be reached.`)
  }

  /**
   * The endpoint that last worked, alone: a tracking pass checks its chain id and then reads from
   * it only, never moving mid-pass to an endpoint whose chain it did not check.
   */
  async pinned(): Promise<RpcTransport> {
    const client = this.clients[this.current] as RpcTransport
    return client.pinned ? client.pinned() : client
  }

  request(method: string, params: readonly unknown[] = []): Promise<unknown> {
    return this.attempt((c) => c.request(method, params))
  }

  batch(calls: readonly RpcCall[]): Promise<RpcOutcome[]> {
    return this.attempt(async (c) => {
      const outcomes = await c.batch(calls)
      // A batch that failed as a whole at the transport level is worth another endpoint.
      const first = outcomes[0]
      if (
        first &&
        !first.ok &&
        outcomes.every((o) => !o.ok && o.error === first.error) &&
        TRANSPORT_FAILURES.includes(first.error.code)
      )
        throw first.error
      return outcomes
    })
  }
}
