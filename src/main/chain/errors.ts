// Runs in: main (plain Node). The chain engine's error vocabulary: a `code` the app branches on and
// a `message` a finance person can act on. RPC failures carry whether the request may have been
// delivered (`maybeSent`), because a broadcast that may have been delivered is settled by hash,
// never by guessing.

export const CHAIN_ERROR = {
  // Transport and endpoint
  rpcTimeout: 'RPC_TIMEOUT',
  rpcUnreachable: 'RPC_UNREACHABLE',
  rpcHttpError: 'RPC_HTTP_ERROR',
  rpcBadResponse: 'RPC_BAD_RESPONSE',
  rpcRateLimited: 'RPC_RATE_LIMITED',
  /** The endpoint answered with an HTTP redirect; never followed (the URL may carry an API key). */
  rpcRedirected: 'RPC_REDIRECTED',
  /** The endpoint's answer was larger than the client reads (MAX_RPC_RESPONSE_BYTES); it was cut off. */
  rpcResponseTooLarge: 'RPC_RESPONSE_TOO_LARGE',
  /** The endpoint address is unencrypted (http://) and not on this computer: nothing is sent to it. */
  rpcInsecureEndpoint: 'RPC_INSECURE_ENDPOINT',
  rpcError: 'RPC_ERROR',
  wrongChain: 'WRONG_CHAIN',
  staleEndpoint: 'ENDPOINT_STALE',
  // Node answers to a broadcast
  alreadyKnown: 'ALREADY_KNOWN',
  nonceTooLow: 'NONCE_TOO_LOW',
  replacementUnderpriced: 'REPLACEMENT_UNDERPRICED',
  insufficientFunds: 'INSUFFICIENT_FUNDS',
  executionReverted: 'EXECUTION_REVERTED',
  // Planning and execution
  contractNotVerified: 'CONTRACT_NOT_VERIFIED',
  batchNotSupported: 'BATCH_NOT_SUPPORTED',
  shortfall: 'SHORTFALL',
  simulationFailed: 'SIMULATION_FAILED',
  feeTooHigh: 'FEE_TOO_HIGH',
  nonceTaken: 'NONCE_TAKEN',
  notReplaceable: 'NOT_REPLACEABLE',
  signerMismatch: 'SIGNER_MISMATCH',
  /** The signer (device) refused or failed; `details.signerCode` carries its own code. */
  signingFailed: 'SIGNING_FAILED',
  broadcastPending: 'BROADCAST_PENDING'
} as const

export type ChainErrorCode = (typeof CHAIN_ERROR)[keyof typeof CHAIN_ERROR]

export class ChainError extends Error {
  readonly code: ChainErrorCode
  /** True when a request that changes state may have reached the node although no answer says so. */
  readonly maybeSent: boolean
  readonly details?: unknown

  constructor(
    code: ChainErrorCode,
    message: string,
    options: { maybeSent?: boolean; details?: unknown; cause?: unknown } = {}
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'ChainError'
    this.code = code
    this.maybeSent = options.maybeSent ?? false
    if (options.details !== undefined) this.details = options.details
  }
}

export function isChainError(e: unknown, code?: ChainErrorCode): e is ChainError {
  return e instanceof ChainError && (code === undefined || e.code === code)
}
