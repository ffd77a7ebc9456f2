// Runs in: main (plain Node). The Safe engine's public surface, for the handler that will make a Safe
// a payer: verify a Safe, plan a payout as Safe transactions, move them and owners' signatures
// between desks as files, collect signatures against the owners on chain, execute through the
// Executor, follow Safe nonces, export to Safe{Wallet}'s Transaction Builder.
export { SAFE_ERROR, type SafeErrorCode } from './errors'
export {
  SUPPORTED_SAFE_VERSIONS,
  knownMultiSendCallOnly,
  knownSingletons,
  type KnownContract,
  type NetworkScope,
  type SafeVersion
} from './deployments'
export {
  SAFE_FLAG,
  defaultMultiSendCallOnly,
  readSafe,
  verifyMultiSendCallOnly,
  type SafeFlag,
  type SafeInfo
} from './verify'
export {
  assertSameSafeTxHash,
  cancelSafeTx,
  confirmedSafeTxHash,
  domainSeparator,
  onChainSafeTxHash,
  safeTxHash,
  safeTxStructHash,
  type SafeTx
} from './safeTx'
export {
  MAX_SAFE_TX_DATA_BYTES,
  MAX_SAFE_TXS_WITHOUT_MULTISEND,
  SAFE_ROUTE,
  nextSafeNonce,
  planSafePayout,
  type SafePayoutPlan,
  type SafePlanRequest,
  type SafeTxPlan
} from './plan'
export { compareSafePlans, quoteSafePayout, type SafePayoutQuote, type SafePlanOption } from './quote'
export { assertPaymentsMatchRows, decodeSafeTxPayments, type DecodeContext, type DecodedPayment } from './decode'
export {
  checkBeforeSigning,
  collectSignatures,
  currentOwners,
  encodeSignatures,
  hashedDisplay,
  recoverSafeSigner,
  safeTxSigningRequest,
  signSafeTx,
  verifyOwnerSignature,
  type CollectedSignatures,
  type ExpectedSafeTx,
  type OwnerSignature,
  type SafeTxContext,
  type SignatureClaim,
  type TypedDataDevice
} from './signatures'
export {
  SAFE_FILE_VERSION,
  SAFE_SIGNATURE_FORMAT,
  SAFE_TX_FORMAT,
  readSafeSignatureFile,
  readSafeTxFile,
  safeSignatureFile,
  safeTxFile,
  type FileExpectation,
  type SafeTxBinding
} from './files'
export {
  SAFE_TX_STATE,
  assertExecutable,
  buildSafeExecutionPlan,
  safeTxStatus,
  type SafeExecutionRequest,
  type SafeTxStatus
} from './execute'
export { SAFE_SETTLEMENT_FAILURE, findExecution, parseSafeExecution } from './settle'
export { batchChecksum, encodeBatchFile, transactionBuilderBatch, type BatchFile, type BatchRequest } from './txBuilder'
