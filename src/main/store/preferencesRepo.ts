// Runs in: main (plain Node). The desk's preferences (payer account per network, the grid's
// columns) as typed values over the settings table. A stored value that is not what the app writes
// is read as "not chosen": a preference only ever proposes, so the default is always safe.
import {
  COLUMN_ID_PATTERN,
  payerAccountsIn,
  type GridColumnPreference,
  type Preferences
} from '../../shared/preferences'
import type { ReadDb, WriteDb } from './db'
import { readRawSetting, writeRawSetting } from './settingsRepo'

const KEYS = {
  payerAccounts: 'preference.payerAccounts',
  gridColumns: 'preference.gridColumns'
} as const satisfies Record<keyof Preferences, string>

export function readPreferences(db: ReadDb | WriteDb): Preferences {
  return {
    payerAccounts: payerAccountsIn(readRawSetting(db, KEYS.payerAccounts)),
    gridColumns: gridColumnsOf(readRawSetting(db, KEYS.gridColumns))
  }
}

export function writePayerAccount(db: WriteDb, chainId: number, accountPath: string): void {
  const current = payerAccountsIn(readRawSetting(db, KEYS.payerAccounts))
  writeRawSetting(db, KEYS.payerAccounts, { ...current, [String(chainId)]: accountPath })
}

export function writeGridColumns(db: WriteDb, columns: readonly GridColumnPreference[]): void {
  writeRawSetting(
    db,
    KEYS.gridColumns,
    columns.map(({ colId, width, hidden }) => ({ colId, width, hidden }))
  )
}

function gridColumnsOf(stored: unknown): GridColumnPreference[] | null {
  if (!Array.isArray(stored)) return null
  return stored.filter(isColumn).map(({ colId, width, hidden }) => ({ colId, width, hidden }))
}

function isColumn(x: unknown): x is GridColumnPreference {
  if (typeof x !== 'object' || x === null) return false
  const o = x as Record<string, unknown>
  return (
    typeof o.colId === 'string' &&
    COLUMN_ID_PATTERN.test(o.colId) &&
    (o.width === null || (typeof o.width === 'number' && Number.isFinite(o.width) && o.width > 0)) &&
    typeof o.hidden === 'boolean'
  )
}
