// Runs in: main (plain Node). The desk's settings: read with their defaults, and changed with one
// audit entry naming each changed value, old -> new, in the same SQLite transaction. Beside them
// the desk's preferences (payer account per network, the grid's columns), which propose and
// arrange but decide nothing, so they are kept without an audit entry.
import type { Settings } from '../../shared/api'
import type { GridColumnPreference, Preferences } from '../../shared/preferences'
import { appendAudit } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { readPreferences, writeGridColumns, writePayerAccount } from '../store/preferencesRepo'
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
    },

    preferences(): Preferences {
      return readPreferences(db.write)
    },

    choosePayer(chainId: number, accountPath: string): Preferences {
      writePayerAccount(db.write, chainId, accountPath)
      return readPreferences(db.write)
    },

    arrangeGrid(columns: readonly GridColumnPreference[]): Preferences {
      writeGridColumns(db.write, columns)
      return readPreferences(db.write)
    }
  }
}

export type SettingsService = ReturnType<typeof createSettingsService>
