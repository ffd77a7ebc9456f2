// Runs in: main (plain Node). What automation tells the payout service when it drafts: who acts (the
// audit log's actor and the payout's `createdBy`) and what is recorded with a new payout in its own
// transaction: its source and external id, the creation request's idempotency key, the inbox file.
import type { PayoutSourceKind } from '../../shared/automation'
import { AppFailure } from '../../shared/errors'
import type { PayoutOrigin } from '../services/payoutService'
import { insertIdempotencyKey, insertInboxFile, insertPayoutSource, payoutByExternalId } from '../store/automationRepo'
import type { WriteDb } from '../store/db'

export interface AutomatedSource {
  readonly kind: Exclude<PayoutSourceKind, 'app'>
  /** The inbox file's name, the token's name, the command line's user. */
  readonly name: string
  readonly externalId?: string | null
  /** The creation request's Idempotency-Key, per caller, with the hash of what it asked for. */
  readonly idempotency?: { readonly caller: string; readonly key: string; readonly requestHash: string }
  /** The inbox file a draft is made from: drafted once per content and external id. */
  readonly inboxFile?: { readonly contentHash: string; readonly fileName: string }
}

/** How automation appears in the audit log and as a payout's creator. */
export function sourceActor(source: Pick<AutomatedSource, 'kind' | 'name'>): string {
  switch (source.kind) {
    case 'api':
      return `API token "${source.name}"`
    case 'inbox':
      return `Inbox file "${source.name}"`
    case 'cli':
      return `Command line (${source.name})`
  }
}

export function originOf(db: WriteDb, source: AutomatedSource): PayoutOrigin {
  const externalId = source.externalId ?? null
  return {
    actor: sourceActor(source),
    recordNew(payoutId, at) {
      if (externalId !== null) {
        const taken = payoutByExternalId(db, externalId)
        if (taken !== undefined)
          throw new AppFailure(
            'external_id_taken',
            `External id ${externalId} already names payout ${taken}. Give each payout its own external id; nothing was drafted.`,
            { payoutId: taken }
          )
      }
      insertPayoutSource(db, { payoutId, kind: source.kind, name: source.name, externalId, at })
      const key = source.idempotency
      if (key !== undefined && !insertIdempotencyKey(db, { ...key, payoutId, at }))
        throw new AppFailure(
          'idempotency_key_in_use',
          `Another request with Idempotency-Key "${key.key}" is being answered. Retry in a moment: it will return the payout that request drafted.`
        )
      if (source.inboxFile !== undefined)
        insertInboxFile(db, { ...source.inboxFile, externalId: externalId ?? '', payoutId, at })
    }
  }
}
