// Runs in: main (plain Node). Delivers the webhook outbox: for each active hook, its oldest waiting
// status change, signed, POSTed as JSON; a 2xx answer marks it delivered, anything else (or no
// answer) schedules the next attempt with a doubling wait. The rows were committed with the status
// change itself, so a call not yet accepted is still waiting after a crash or restart. A hook gets
// its changes in order: a later one waits until the earlier one is accepted.
import type { SecretStore } from '../../secrets'
import type { OpenedDatabase } from '../../store/db'
import {
  activeWebhooks,
  getEvent,
  markAttemptFailed,
  markDelivered,
  oldestWaitingDelivery,
  type StoredWebhook
} from '../../store/payoutEventsRepo'
import { STATUS_EVENT_TYPE, statusEventPayload } from '../eventPayload'
import { SIGNATURE_HEADER, signWebhook } from './signature'

export interface WebhookTimings {
  /** Wait after the first failed attempt; doubled after each further one. */
  readonly firstRetryMs: number
  readonly maxRetryMs: number
  /** How long a receiver has to answer. */
  readonly timeoutMs: number
}

export const DEFAULT_WEBHOOK_TIMINGS: WebhookTimings = {
  firstRetryMs: 2_000,
  maxRetryMs: 10 * 60_000,
  timeoutMs: 10_000
}

/** The keychain entry of a hook's secret. */
export const webhookSecretKey = (webhookId: string): string => `webhook.${webhookId}`

/** Calls made per hook per run, so one busy hook cannot hold the others up for long. */
const CALLS_PER_RUN = 20
const ERROR_TEXT_MAX = 300

export interface WebhookDelivery {
  /** Delivers what is due; resolves when this round is done (overlapping calls share a round). */
  run(): Promise<void>
}

export function createWebhookDelivery(deps: {
  readonly db: OpenedDatabase
  readonly secrets: () => Promise<SecretStore>
  readonly now: () => Date
  readonly timings: WebhookTimings
  readonly onDelivered?: () => void
}): WebhookDelivery {
  let round: Promise<void> | null = null

  const retryDelay = (attempts: number): number =>
    Math.min(deps.timings.maxRetryMs, deps.timings.firstRetryMs * 2 ** Math.min(attempts, 30))

  async function attempt(hook: StoredWebhook, seq: number, secret: string | null): Promise<string | null> {
    if (secret === null)
      return "The webhook's secret is not in this computer's keychain. Remove the webhook and add it again."
    const event = getEvent(deps.db.read, seq)
    if (event === undefined) return `Status change ${seq} is missing from the database.`
    const body = JSON.stringify({ type: STATUS_EVENT_TYPE, ...statusEventPayload(deps.db.read, event) })
    const signature = signWebhook(secret, body, Math.floor(deps.now().getTime() / 1000))
    try {
      const res = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Treasury webhook',
          'treasury-event-id': String(seq),
          [SIGNATURE_HEADER]: signature
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timings.timeoutMs)
      })
      await res.body?.cancel()
      return res.status >= 200 && res.status < 300 ? null : `The receiver answered HTTP ${res.status}.`
    } catch (e) {
      return `The receiver could not be reached: ${e instanceof Error ? e.message : String(e)}`
    }
  }

  async function deliverHook(hook: StoredWebhook, store: SecretStore): Promise<void> {
    const secret = await store.get(webhookSecretKey(hook.id)).catch(() => null)
    for (let calls = 0; calls < CALLS_PER_RUN; calls++) {
      const waiting = oldestWaitingDelivery(deps.db.write, hook.id)
      const now = deps.now().getTime()
      if (waiting === undefined || waiting.nextAttemptAt > now) return
      const error = await attempt(hook, waiting.eventSeq, secret)
      if (error === null) {
        markDelivered(deps.db.write, hook.id, waiting.eventSeq, deps.now().toISOString())
        deps.onDelivered?.()
        continue
      }
      const next = deps.now().getTime() + retryDelay(waiting.attempts)
      markAttemptFailed(deps.db.write, hook.id, waiting.eventSeq, next, error.slice(0, ERROR_TEXT_MAX))
      return
    }
  }

  async function runRound(): Promise<void> {
    const hooks = activeWebhooks(deps.db.read)
    if (hooks.length === 0) return
    const store = await deps.secrets()
    await Promise.all(hooks.map((hook) => deliverHook(hook, store)))
  }

  return {
    run() {
      round ??= runRound().finally(() => {
        round = null
      })
      return round
    }
  }
}
