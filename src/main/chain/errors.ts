// Runs in: main (plain Node). The chain engine's error vocabulary: a `code` the app branches on and
// a `message` a finance person can act on. RPC failures carry whether the request may have been
// delivered (`maybeSent`), because a broadcast that may have been delivered is settled by hash,
// never by guessing.

import { AppFailure, type ChainErrorCode } from '../../shared/errors'

export type { ChainErrorCode }

export const CHAIN_ERROR = {
  // Transport and endpoint
  rpcTimeout: 'rpc_timeout',
  rpcUnreachable: 'rpc_unreachable',
  rpcHttpError: 'rpc_http_error',
  rpcBadResponse: 'rpc_bad_response',
  rpcRateLimited: 'rpc_rate_limited',
  /** The endpoint answered with an HTTP redirect; never followed (the URL may carry an API key). */
  rpcRedirected: 'rpc_redirected',
  /** The endpoint's answer was larger than the client reads (MAX_RPC_RESPONSE_BYTES); it was cut off. */
  rpcResponseTooLarge: 'rpc_response_too_large',
  /** The endpoint address is unencrypted (http://) and not on this computer: nothing is sent to it. */
  rpcInsecureEndpoint: 'rpc_insecure_endpoint',
  rpcError: 'rpc_error',
  wrongChain: 'wrong_chain',
  staleEndpoint: 'endpoint_stale',
  // Node answers to a broadcast
  alreadyKnown: 'already_known',
  nonceTooLow: 'nonce_too_low',
  replacementUnderpriced: 'replacement_underpriced',
  insufficientFunds: 'insufficient_funds',
  executionReverted: 'execution_reverted',
  // Planning and execution
  contractNotVerified: 'contract_not_verified',
  batchNotSupported: 'batch_not_supported',
  shortfall: 'shortfall',
  simulationFailed: 'simulation_failed',
  /** Simulation named the rows the network would refuse (details.rows). */
  recipientWouldFail: 'recipient_would_fail',
  feeTooHigh: 'fee_too_high',
  nonceTaken: 'nonce_taken',
  /** The endpoint reports many more pending transactions of the account than the journal knows of. */
  nonceGap: 'nonce_gap',
  notReplaceable: 'not_replaceable',
  signerMismatch: 'signer_mismatch',
  /** The signer (device) refused or failed; `details.signerCode` carries its own code. */
  signingFailed: 'signing_failed',
  broadcastPending: 'broadcast_pending'
} as const satisfies Record<string, ChainErrorCode>

/** A chain failure is an AppFailure like any other, with whether the request may have reached a node. */
export class ChainError extends AppFailure<ChainErrorCode> {
  /** True when a request that changes state may have reached the node although no answer says so. */
  readonly maybeSent: boolean

  constructor(
    code: ChainErrorCode,
    message: string,
    options: { maybeSent?: boolean; details?: unknown; cause?: unknown } = {}
  ) {
    super(code, message, options.details, { cause: options.cause })
    this.name = 'ChainError'
    this.maybeSent = options.maybeSent ?? false
  }
}

export function isChainError(e: unknown, code?: ChainErrorCode): e is ChainError {
  return e instanceof ChainError && (code === undefined || e.code === code)
}
