// Runs in: main (plain Node). The desk's settings: read with their defaults, and changed with one
// audit entry naming each changed value, old -> new, in the same SQLite transaction.
import type { Settings } from '../../shared/api'
import { appendAudit } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { readSettings, writeSettings } from '../store/settingsRepo'

export function createSettingsService(db: OpenedDatabase) {
  const read = (): Settings => readSettings(db.write)
  return {
    read,

    update(patch: Partial<Settings>): Settings {
      const before = read()
      const changed = (Object.keys(patch) as (keyof Settings)[]).filter(
        (k) => patch[k] !== undefined && before[k] !== patch[k]
      )
      inTransaction(db.write, () => {
        writeSettings(db.write, patch)
        appendAudit(db.write, {
          actor: read().operatorName,
          action: 'settings_changed',
          payoutId: null,
          detail: changed.map((k) => `${k}: ${JSON.stringify(before[k])} -> ${JSON.stringify(patch[k])}`).join('; ')
        })
      })
      return read()
    }
  }
}

export type SettingsService = ReturnType<typeof createSettingsService>
