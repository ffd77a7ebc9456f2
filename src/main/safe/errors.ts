// Runs in: main (plain Node). The Safe engine's refusals: a code a handler can branch on, a message
// a finance person can act on (AppFailure, turned into a Result by dispatch.ts).
import { AppFailure, type SafeErrorCode } from '../../shared/errors'

export const SAFE_ERROR = {
  /** The address is not a Safe Treasury can verify (no code, unknown proxy or singleton). */
  notSafe: 'safe_not_verified',
  /** The Safe's version or setup is outside what Treasury pays from. */
  unsupported: 'safe_unsupported',
  /** Our EIP-712 hash of a Safe transaction differs from the Safe's own getTransactionHash. */
  hashMismatch: 'safe_hash_mismatch',
  /** The Safe transaction's decoded transfers differ from the payout's rows. */
  rowsMismatch: 'safe_rows_mismatch',
  /** Calldata Treasury did not produce and cannot decode into payments. */
  undecodable: 'safe_calldata_unrecognised',
  /** A MultiSend target that is not the verified MultiSendCallOnly deployment. */
  multiSendNotVerified: 'safe_multisend_not_verified',
  /** No verified MultiSendCallOnly on the network: what needs several calls in one Safe transaction cannot be planned. */
  multiSendUnavailable: 'safe_multisend_unavailable',
  signatureInvalid: 'safe_signature_invalid',
  signerNotOwner: 'safe_signer_not_owner',
  signatureWrongChain: 'safe_signature_other_chain',
  signatureWrongSafe: 'safe_signature_other_safe',
  signatureWrongNonce: 'safe_signature_other_nonce',
  signatureDuplicate: 'safe_signature_duplicate',
  thresholdNotMet: 'safe_threshold_not_met',
  /** The Safe's nonce is not the one this transaction was signed for (earlier one pending, or used). */
  nonceNotCurrent: 'safe_nonce_not_current',
  /** The nonce was used by a Safe transaction made elsewhere: this one can never execute. */
  nonceConsumed: 'safe_nonce_consumed',
  /** Its execTransaction is recorded and on its way: it is followed, never sent again. */
  alreadyExecuting: 'safe_already_executing',
  alreadyExecuted: 'safe_already_executed',
  fileMalformed: 'safe_file_malformed',
  fileWrongPayout: 'safe_file_wrong_payout',
  planFailed: 'safe_plan_failed',
  /** The Safe is not one of this desk's treasury accounts. */
  accountUnknown: 'safe_account_unknown',
  /** The payout has no Safe transaction with that hash. */
  notPlanned: 'safe_not_planned',
  /** The payout's rows are already planned as Safe transactions. */
  alreadyPlanned: 'safe_already_planned',
  /** A nonce was used elsewhere; planning again needs the user's confirmation that they saw it. */
  replanUnconfirmed: 'safe_replan_unconfirmed',
  /** The payout is being paid from a Safe, so a Ledger account may not pay it too. */
  paysThisPayout: 'safe_pays_this_payout'
} as const satisfies Record<string, SafeErrorCode>
export type { SafeErrorCode }

export function safeFailure(code: SafeErrorCode, message: string, details?: unknown): AppFailure {
  return new AppFailure(code, message, details)
}
