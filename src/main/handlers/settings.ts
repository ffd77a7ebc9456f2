// Runs in: main (plain Node). The desk's settings and preferences, what the user must know about
// the app's environment (no OS keychain), the audit log's verification, and one payout's paid rows
// read against the transactions that paid them (its screen and report show what differs).
import type { Notice, TreasuryEvent } from '../../shared/api'
import type { Catalogue } from '../domain/catalogue'
import type { SecretStoreNotice } from '../secrets'
import type { SettingsService } from '../services/settingsService'
import { verifyAudit } from '../services/auditVerification'
import { checkPayoutPaidRows } from '../services/execution/paidRows'
import { getPayoutRow } from '../store/payoutRepo'
import { notFound } from '../errors'
import type { OpenedDatabase } from '../store/db'
import type { HandlersOf } from './owners'

/** Amounts of an asset the catalogue no longer lists are named in base units. */
const UNKNOWN_ASSET = { symbol: 'base units', decimals: 0 } as const

/** Lets the event loop run (IPC, the tracker) between pages of a long check. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export interface SettingsHandlerDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly settings: SettingsService
  readonly secretsNotice: () => Promise<SecretStoreNotice | null>
  /** What the app did by itself that the user must be told (a draft a schedule made). */
  readonly appNotices: () => Notice[]
  readonly emit: (event: TreasuryEvent) => void
  readonly nameOf: (address: string) => string | null
}

export function settingsHandlers(deps: SettingsHandlerDeps): HandlersOf<'settings'> {
  const assetOf = (assetId: string) => deps.catalogue.asset(assetId) ?? UNKNOWN_ASSET
  return {
    async getSettings() {
      return deps.settings.read()
    },
    async updateSettings(patch) {
      const next = deps.settings.update(patch)
      deps.emit({ type: 'settings.changed' })
      return next
    },
    async getPreferences() {
      return deps.settings.preferences()
    },
    async setPayerAccount({ chainId, accountPath }) {
      deps.catalogue.requireNetwork(chainId)
      return deps.settings.choosePayer(chainId, accountPath)
    },
    async setGridColumns({ columns }) {
      return deps.settings.arrangeGrid(columns)
    },
    async getNotices() {
      const notice = await deps.secretsNotice()
      const secrets =
        notice === null ? [] : [{ code: notice.code, severity: 'warning' as const, message: notice.message }]
      return [...secrets, ...deps.appNotices()]
    },
    async verifyAuditLog() {
      return verifyAudit(deps.db, deps.nameOf, assetOf)
    },
    async checkPayoutPaidRows({ id }) {
      const payout = getPayoutRow(deps.db.read, id)
      if (payout === undefined) throw notFound('Payout', id)
      return checkPayoutPaidRows(deps.db.read, id, assetOf(payout.assetId), nextTurn)
    }
  }
}
