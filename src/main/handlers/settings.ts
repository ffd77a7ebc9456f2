// Runs in: main (plain Node). The desk's settings and preferences, what the user must know about
// the app's environment (no OS keychain), the audit log's verification, and one payout's paid rows
// read against the transactions that paid them (its screen and report show what differs).
import type { Notice, TreasuryEvent } from '../../shared/api'
import type { Catalogue } from '../domain/catalogue'
import type { SecretStoreNotice } from '../secrets'
import type { SettingsService } from '../services/settingsService'
import { verifyAudit } from '../services/auditVerification'
import { checkPaidRowsOf } from '../services/execution/paidRows'
import { UNLISTED_ASSET_UNITS } from '../domain/auditText'
import type { OpenedDatabase } from '../store/db'
import type { HandlersOf } from './owners'

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
      return verifyAudit(deps.db, deps.nameOf, (assetId) => deps.catalogue.asset(assetId) ?? UNLISTED_ASSET_UNITS)
    },
    async checkPayoutPaidRows({ id }) {
      return checkPaidRowsOf(deps.db.read, deps.catalogue, id)
    }
  }
}
