// Runs in: main (plain Node). The chain engine's public surface, for the composition root
// (src/main/treasury.ts): RPC and endpoint check, planning, simulation, execution, and the journal
// interface the store implements. Nothing here imports the store, the Ledger or Electron.
export { CHAIN_ERROR, ChainError, isChainError, type ChainErrorCode } from './errors'
export {
  JsonRpcClient,
  classifyRpcError,
  DEFAULT_RPC_TIMEOUT_MS,
  type RpcClientOptions,
  type RpcTransport
} from './rpc'
export { FailoverRpcClient } from './rpcFailover'
export { EthRpc, type Receipt, type BlockHeader, type CallRequest, type StateOverride } from './ethRpc'
export {
  checkEndpoint,
  type EndpointCheckOptions,
  type EndpointCheckResult,
  type EndpointHealth
} from './endpointCheck'
export {
  BATCH_CALLS,
  DISPERSE_ABI,
  PACKED_BATCH_ABI,
  DISPERSE_PLAIN_ADDRESS,
  DISPERSE_CREATEX_ADDRESS,
  PROJECT_BATCH_CODE,
  codeMatches,
  expectedBatchCode,
  verifyBatchContract,
  type BatchCalls,
  type CodeExpectation
} from './batchContract'
export {
  DEFAULT_FEE_POLICY,
  GWEI,
  quoteFees,
  expectedFee,
  maximumFee,
  replacementFees,
  type FeePolicy,
  type FeeQuote
} from './fees'
export * from './planTypes'
export {
  planBatch,
  planRevoke,
  readAllowance,
  batchUnsupportedReason,
  type PlanRequest,
  type BatchPlanRequest
} from './planBatch'
export { planPerRecipient } from './planPerRecipient'
export { summarizePlan, comparePlans, proposePlan } from './planCompare'
export { readPayerBalances, findShortfalls, shortfallError, type PayerBalances, type Shortfall } from './balances'
export { simulateBatch, findOffendingRows, rowProblems, type OffendingRow } from './simulate'
export * from './journal'
export type { ExecutionEvent, ExecutionListener } from './events'
export { Executor, type ExecutorOptions, type ExecutionReport } from './executor'
export { type PassResult, wrongChainError } from './tracker'
export { replaceTransaction, REPLACEMENT_KIND, type ReplacementKind, type ReplaceRequest } from './replace'
export { SETTLEMENT_FAILURE, expectedTokenTransfers, settleItems } from './settlement'
export { BROADCAST_STATUS, DEFAULT_BROADCAST_OPTIONS, type BroadcastOptions } from './broadcast'
