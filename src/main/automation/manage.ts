// Runs in: main (plain Node). What a person manages in Settings > Automation: API tokens (created
// with a name and scopes, shown once, revoked) and webhooks (a URL and a secret kept in the
// keychain, shown once). Each change is written with its audit entry in one transaction.
import { randomBytes } from 'node:crypto'
import type { ApiScope, ApiTokenView, CreatedApiToken, WebhookView } from '../../shared/automation'
import { AppFailure } from '../../shared/errors'
import type { SecretStore } from '../secrets'
import { appendAudit } from '../store/auditLog'
import { insertToken, listTokens, revokeToken, type StoredToken } from '../store/automationRepo'
import { inTransaction, type OpenedDatabase } from '../store/db'
import {
  activeWebhooks,
  deactivateWebhook,
  insertWebhook,
  webhookDeliveryStats,
  type StoredWebhook
} from '../store/payoutEventsRepo'
import { newToken } from './tokens'
import { newWebhookSecret } from './webhooks/signature'
import { webhookSecretKey } from './webhooks/delivery'

export interface ManageDeps {
  readonly db: OpenedDatabase
  readonly actor: () => string
  readonly now: () => Date
  readonly secrets: () => Promise<SecretStore>
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])
const MAX_URL_LENGTH = 2000

export function tokenView(t: StoredToken): ApiTokenView {
  return {
    id: t.id,
    name: t.name,
    scopes: t.scopes,
    prefix: t.prefix,
    createdAt: t.createdAt,
    createdBy: t.createdBy,
    lastUsedAt: t.lastUsedAt,
    revokedAt: t.revokedAt
  }
}

export function webhookView(db: OpenedDatabase, hook: StoredWebhook): WebhookView {
  return { id: hook.id, url: hook.url, createdAt: hook.createdAt, ...webhookDeliveryStats(db.read, hook.id) }
}

export function createManagement(deps: ManageDeps) {
  const { db } = deps
  const stamp = () => deps.now().toISOString()
  return {
    tokens: (): ApiTokenView[] => listTokens(db.read).map(tokenView),
    webhooks: (): WebhookView[] => activeWebhooks(db.read).map((h) => webhookView(db, h)),

    createToken(name: string, scopes: readonly ApiScope[]): CreatedApiToken {
      const made = newToken()
      const at = stamp()
      const stored: StoredToken = {
        id: made.id,
        name: name.trim(),
        scopes: [...new Set(scopes)],
        secretHash: made.secretHash,
        prefix: made.prefix,
        createdAt: at,
        createdBy: deps.actor(),
        lastUsedAt: null,
        revokedAt: null
      }
      inTransaction(db.write, () => {
        insertToken(db.write, stored)
        appendAudit(db.write, {
          actor: stored.createdBy,
          action: 'api_token_created',
          payoutId: null,
          at,
          detail: `API token "${stored.name}" (${made.prefix}) with scopes ${stored.scopes.join(', ')}`
        })
      })
      return { token: tokenView(stored), secret: made.secret }
    },

    revokeToken(id: string): void {
      const at = stamp()
      inTransaction(db.write, () => {
        const token = listTokens(db.write).find((t) => t.id === id)
        if (token === undefined || !revokeToken(db.write, id, at))
          throw new AppFailure(
            'token_not_found',
            'There is no such API token, or it was already revoked. Reload the list.'
          )
        appendAudit(db.write, {
          actor: deps.actor(),
          action: 'api_token_revoked',
          payoutId: null,
          at,
          detail: `API token "${token.name}" (${token.prefix})`
        })
      })
    },

    async addWebhook(url: string): Promise<{ webhook: WebhookView; secret: string }> {
      const checked = checkWebhookUrl(url)
      const hook = { id: `WH${randomBytes(8).toString('hex').toUpperCase()}`, url: checked, createdAt: stamp() }
      const secret = newWebhookSecret()
      // The secret first: a webhook that cannot sign its calls is never created.
      await (await deps.secrets()).set(webhookSecretKey(hook.id), secret)
      inTransaction(db.write, () => {
        insertWebhook(db.write, { ...hook, createdBy: deps.actor() })
        appendAudit(db.write, {
          actor: deps.actor(),
          action: 'webhook_added',
          payoutId: null,
          at: hook.createdAt,
          detail: `Webhook ${hook.id} to ${checked}`
        })
      })
      return { webhook: webhookView(db, hook), secret }
    },

    async removeWebhook(id: string): Promise<void> {
      const at = stamp()
      inTransaction(db.write, () => {
        if (!deactivateWebhook(db.write, id, at))
          throw new AppFailure(
            'webhook_not_found',
            'There is no such webhook, or it was already removed. Reload the list.'
          )
        appendAudit(db.write, {
          actor: deps.actor(),
          action: 'webhook_removed',
          payoutId: null,
          at,
          detail: `Webhook ${id}`
        })
      })
      await (await deps.secrets()).delete(webhookSecretKey(id)).catch(() => false)
    }
  }
}

export type Management = ReturnType<typeof createManagement>

/** https anywhere, or plain http to this computer only: payout data never crosses a network in clear. */
export function checkWebhookUrl(text: string): string {
  const invalid = (why: string) => new AppFailure('webhook_url_invalid', `The webhook address ${why}`)
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw invalid('is not a URL. Write it in full, e.g. https://erp.example.com/treasury/events.')
  }
  if (url.username !== '' || url.password !== '')
    throw invalid('holds a user name or password. Check the signature header instead.')
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    throw invalid('uses plain http to another computer. Use https, or http only to 127.0.0.1.')
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('must start with https://.')
  if (url.href.length > MAX_URL_LENGTH) throw invalid(`is longer than ${MAX_URL_LENGTH} characters.`)
  return url.href
}
