// Runs in: every process. The one failure type: a `code` a program can branch on and a `message` a
// finance person can act on. Services throw it; dispatch.ts turns it into the contract's Result.
// Every code the app can return is listed here, grouped by the feature that raises it, so the
// renderer can branch on a code and the compiler refuses one that does not exist.

/** The request itself: refused before any feature runs, or an unexpected fault. */
export type RequestErrorCode = 'invalid_input' | 'unknown_method' | 'untrusted_sender' | 'internal_error' | 'not_found'

/** Raised in the renderer itself: the bridge, reading a chosen file, a payout changing under a page. */
export type RendererErrorCode =
  'bridge_missing' | 'call_failed' | 'file_empty' | 'file_too_large' | 'file_unreadable' | 'payout_changed'

/** The data folder and its SQLite file. */
export type StorageErrorCode =
  | 'database_from_future'
  | 'data_folder_unusable'
  | 'data_folder_read_only'
  | 'data_folder_full'
  | 'data_folder_not_a_folder'

/** Names and labels that would hide or reorder what a person reads (src/shared/text.ts). */
export type TextErrorCode = 'text_control_character' | 'text_direction_character'

/** Amount text that cannot be read as an exact number of base units (see domain/money.ts). */
export type AmountErrorCode =
  | 'amount_empty'
  | 'amount_negative'
  | 'amount_zero'
  | 'amount_not_a_number'
  | 'amount_exponent'
  | 'amount_non_ascii_digit'
  | 'amount_ambiguous_separator'
  | 'amount_bad_grouping'
  | 'amount_too_many_decimals'
  | 'amount_too_large'
  | 'amount_invalid'
  | 'amount_desk_format'

/** Drafting and editing payouts. */
export type DraftErrorCode =
  | 'unknown_asset'
  | 'unknown_network'
  | 'address_invalid'
  | 'not_editable'
  | 'row_out_of_range'
  | 'single_needs_one_recipient'
  | 'illegal_transition'
  | 'import_expired'
  | 'import_changed'

/** Submitting a payout: what must hold before it leaves Draft. */
export type SubmissionErrorCode =
  'not_submittable' | 'payout_has_errors' | 'payout_empty' | 'lookalike_unacknowledged' | 'no_lookalike_warning'

/** Four-eyes control: the policy, signatures and the files that carry them between desks. */
export type ApprovalErrorCode =
  | 'approval_by_creator'
  | 'approval_digest_mismatch'
  | 'approval_duplicate'
  | 'approval_file_digest_mismatch'
  | 'approval_file_malformed'
  | 'approval_file_wrong_kind'
  | 'approval_not_an_approver'
  | 'approval_not_pending'
  | 'approval_not_signed'
  | 'approval_not_verified'
  | 'approval_outdated'
  | 'approval_policy_damaged'
  | 'approval_policy_unreachable'
  | 'approval_request_is_local'
  | 'approval_rule_duplicate'
  | 'approval_rule_invalid'
  | 'approval_signature_invalid'
  | 'approval_signature_mismatch'
  | 'approval_threshold_invalid'
  | 'approver_duplicate'
  | 'approver_name_required'
  | 'approver_not_found'
  | 'policy_invalid'
  | 'policy_signature_invalid'
  | 'policy_not_signed'
  | 'policy_chain_broken'
  | 'policy_signer_not_required'
  | 'policy_no_proposal'
  | 'policy_other_team'
  | 'policy_adopt_confirm'
  | 'policy_proposal_conflict'
  | 'policy_changed'
  | 'policy_file_malformed'
  | 'submitter_not_member'
  | 'submission_signature_required'
  | 'warnings_unacknowledged'
  | 'payer_required'
  | 'reopen_confirmation_required'
  | 'member_name_invalid'
  | 'member_duplicate'
  | 'payout_not_approvable'
  | 'payer_not_approved'
  | 'reject_reason_required'

/** Paying: planning, simulation and the state of the payout's transactions. */
export type PaymentErrorCode =
  | 'not_ready_to_pay'
  | 'nothing_to_pay'
  | 'already_sending'
  | 'paid_on_chain'
  | 'journal_incomplete'
  | 'journal_altered'
  | 'paid_rows_altered'
  | 'unrecorded_sends'
  | 'tracking_failed'
  | 'row_not_needing_check'
  | 'row_check_hash_mismatch'
  | 'check_reason_required'
  | 'nothing_to_revoke'

/** The chain engine (src/main/chain/errors.ts): transport, node answers, planning and execution. */
export type ChainErrorCode =
  | 'rpc_timeout'
  | 'rpc_unreachable'
  | 'rpc_http_error'
  | 'rpc_bad_response'
  | 'rpc_rate_limited'
  | 'rpc_redirected'
  | 'rpc_response_too_large'
  | 'rpc_insecure_endpoint'
  | 'rpc_error'
  | 'wrong_chain'
  | 'endpoint_stale'
  | 'endpoints_disagree'
  | 'already_known'
  | 'nonce_too_low'
  | 'replacement_underpriced'
  | 'insufficient_funds'
  | 'execution_reverted'
  | 'contract_not_verified'
  | 'batch_not_supported'
  | 'shortfall'
  | 'simulation_failed'
  | 'recipient_would_fail'
  | 'fee_too_high'
  | 'nonce_taken'
  | 'nonce_gap'
  | 'not_replaceable'
  | 'signer_mismatch'
  | 'signing_failed'
  | 'broadcast_pending'

/** The Ledger (src/main/ledger/errors.ts): status words and transport faults, named. */
export type LedgerErrorCode =
  | 'ledger_rejected_on_device'
  | 'ledger_blind_signing_disabled'
  | 'ledger_invalid_data'
  | 'ledger_locked'
  | 'ledger_app_not_open'
  | 'ledger_unsupported_transaction_type'
  | 'ledger_disconnected'
  | 'ledger_user_timeout'
  | 'ledger_busy'
  | 'ledger_signature_mismatch'
  | 'ledger_device_error'

/** RPC endpoints and the secrets that hold their keys. */
export type EndpointErrorCode =
  'endpoint_check_failed' | 'endpoint_invalid' | 'endpoint_missing' | 'endpoint_secret_missing'

/** The OS keychain (src/main/secrets/secretStore.ts). */
export type SecretErrorCode =
  | 'secret_keychain_unavailable'
  | 'secret_keychain_failed'
  | 'secret_keychain_timeout'
  | 'secret_invalid_key'
  | 'secret_invalid_value'
  | 'secret_invalid_url'
  | 'secret_not_found'

/** A decimal typed by a person (a rate): src/main/accounting/exact.ts. */
export type DecimalErrorCode = 'decimal_invalid' | 'decimal_negative' | 'decimal_too_long' | 'decimal_zero'

/** Accounting: rates, the ledger and its exports, repeat payouts and schedules. */
export type AccountingErrorCode =
  | 'export_values_missing'
  | 'date_invalid'
  | 'date_range_reversed'
  | 'repeat_asset_unknown'
  | 'schedule_without_person'
  | 'schedule_date_invalid'
  | 'schedule_time_zone_unknown'
  | 'schedule_day_invalid'
  | 'rate_currency_unknown'
  | 'rate_asset_unknown'
  | 'rate_without_person'
  | `rate_${DecimalErrorCode}`

/** Paying from a Safe multisig (src/main/safe/errors.ts). */
export type SafeErrorCode =
  | 'safe_not_verified'
  | 'safe_unsupported'
  | 'safe_hash_mismatch'
  | 'safe_rows_mismatch'
  | 'safe_calldata_unrecognised'
  | 'safe_multisend_not_verified'
  | 'safe_multisend_unavailable'
  | 'safe_signature_invalid'
  | 'safe_signer_not_owner'
  | 'safe_signature_other_chain'
  | 'safe_signature_other_safe'
  | 'safe_signature_other_nonce'
  | 'safe_signature_duplicate'
  | 'safe_threshold_not_met'
  | 'safe_nonce_not_current'
  | 'safe_nonce_consumed'
  | 'safe_already_executing'
  | 'safe_already_executed'
  | 'safe_file_malformed'
  | 'safe_file_wrong_payout'
  | 'safe_plan_failed'
  | 'safe_account_unknown'
  | 'safe_not_planned'
  | 'safe_already_planned'
  | 'safe_replan_unconfirmed'
  | 'safe_pays_this_payout'

/** The address book. */
export type AddressBookErrorCode = 'label_invalid' | 'label_not_found'

/**
 * Automation: the local REST API (its door: host, origin, token, scope, size, rate), the inbox and
 * outbox folders, webhooks and the command line.
 */
export type AutomationErrorCode =
  | 'api_host_refused'
  | 'api_origin_refused'
  | 'api_unauthorized'
  | 'api_token_revoked'
  | 'api_scope_missing'
  | 'api_payload_too_large'
  | 'api_rate_limited'
  | 'api_route_not_found'
  | 'api_method_not_allowed'
  | 'api_unsupported_media_type'
  | 'amount_not_canonical'
  | 'idempotency_key_reused'
  | 'idempotency_key_in_use'
  | 'external_id_invalid'
  | 'external_id_taken'
  | 'automation_port_invalid'
  | 'automation_port_in_use'
  | 'automation_folder_invalid'
  | 'inbox_sidecar_invalid'
  | 'inbox_currency_unknown'
  | 'registry_refused'
  | 'inbox_already_drafted'
  | 'token_not_found'
  | 'webhook_url_invalid'
  | 'webhook_not_found'
  | 'cli_usage'

export type ErrorCode =
  | RequestErrorCode
  | RendererErrorCode
  | StorageErrorCode
  | TextErrorCode
  | AmountErrorCode
  | DraftErrorCode
  | SubmissionErrorCode
  | ApprovalErrorCode
  | PaymentErrorCode
  | ChainErrorCode
  | LedgerErrorCode
  | EndpointErrorCode
  | SecretErrorCode
  | AddressBookErrorCode
  | SafeErrorCode
  | AccountingErrorCode
  | AutomationErrorCode

/** The error every layer throws on purpose; anything else reaching dispatch is an internal error. */
export class AppFailure<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly code: C,
    message: string,
    readonly details?: unknown,
    options?: { readonly cause?: unknown }
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppFailure'
  }
}
