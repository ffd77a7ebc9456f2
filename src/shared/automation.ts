// Runs in: every process. What other systems hand Treasury and learn back, as the renderer sees it:
// where a payout came from (the window, the inbox folder, the local REST API or the command line),
// the API's tokens and scopes, webhooks, and the automation settings. Automation drafts; people
// submit, approve and sign, so no scope here reaches those actions.
import { assertNever } from './result'

/** Where a payout was drafted. 'app' is a person at this desk; the others are automation. */
export const PAYOUT_SOURCE_KINDS = ['app', 'inbox', 'api', 'cli'] as const
export type PayoutSourceKind = (typeof PAYOUT_SOURCE_KINDS)[number]

export interface PayoutSource {
  readonly kind: PayoutSourceKind
  /** The inbox file's name, the API token's name or the command line's user; '' for the app. */
  readonly name: string
  /** The id the other system gave the payout (sidecar, API body or --external-id), if any. */
  readonly externalId: string | null
}

export const APP_SOURCE: PayoutSource = { kind: 'app', name: '', externalId: null }

/** What a token may do. Neither reaches submitting, approving or signing. */
export const API_SCOPES = ['payouts:read', 'payouts:draft'] as const
export type ApiScope = (typeof API_SCOPES)[number]

/** An external id names a status file in the outbox folder: a safe file name, never a path. */
export const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/
export const EXTERNAL_ID_RULE = '1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit'

/** How the inbox decides that a file is completely written. */
export const INBOX_READINESS = ['stable_size', 'ready_marker'] as const
export type InboxReadiness = (typeof INBOX_READINESS)[number]

export interface ApiTokenView {
  readonly id: string
  readonly name: string
  readonly scopes: readonly ApiScope[]
  /** The token's first characters, so a person can tell which one a system holds. */
  readonly prefix: string
  readonly createdAt: string
  readonly createdBy: string
  readonly lastUsedAt: string | null
  readonly revokedAt: string | null
}

export interface WebhookView {
  readonly id: string
  readonly url: string
  readonly createdAt: string
  /** Status changes waiting to be delivered (retried with backoff until they are). */
  readonly pending: number
  readonly lastDeliveredAt: string | null
  /** Why the oldest waiting delivery failed last, if it did. */
  readonly lastError: string | null
}

/** A background part of automation: off, working, or stopped with the reason. */
export interface AutomationPartState {
  readonly state: 'off' | 'running' | 'failed'
  readonly error: string | null
}

export interface AutomationView {
  readonly api: AutomationPartState & {
    readonly enabled: boolean
    readonly port: number
    /** http://127.0.0.1:<port> while listening. */
    readonly url: string | null
  }
  readonly inbox: AutomationPartState & { readonly folder: string | null; readonly readiness: InboxReadiness }
  readonly outbox: AutomationPartState & { readonly folder: string | null }
  readonly tokens: readonly ApiTokenView[]
  readonly webhooks: readonly WebhookView[]
}

/** A new token: `secret` is shown once and never stored; only its hash is. */
export interface CreatedApiToken {
  readonly token: ApiTokenView
  readonly secret: string
}

/** A new webhook: `secret` (the HMAC key, kept in the keychain) is shown once for the receiver. */
export interface CreatedWebhook {
  readonly webhook: WebhookView
  readonly secret: string
}

export function payoutSourceLabel(source: PayoutSource): string {
  switch (source.kind) {
    case 'app':
      return 'This desk'
    case 'inbox':
      return 'Inbox folder'
    case 'api':
      return 'REST API'
    case 'cli':
      return 'Command line'
    default:
      return assertNever(source.kind, 'payout source')
  }
}

export function apiScopeLabel(scope: ApiScope): string {
  switch (scope) {
    case 'payouts:read':
      return 'Read payouts'
    case 'payouts:draft':
      return 'Draft and cancel payouts'
    default:
      return assertNever(scope, 'API scope')
  }
}
