// Runs in: main (plain Node). Settings as typed values over a key/value table; defaults live here.
import type { Settings } from '../../shared/api'
import { isNumberFormat } from '../../shared/numberFormat'
import type { ReadDb, WriteDb } from './db'

export const DEFAULT_SETTINGS: Settings = {
  operatorName: 'Operator',
  confirmations: 2,
  numberFormat: null
}

/** A `value` column's JSON; what it holds is checked by the reader that asked for it. */
const valueOf = (stored: string): unknown => JSON.parse(stored) as unknown

export function readSettings(db: ReadDb | WriteDb): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>
  const stored = Object.fromEntries(rows.map((r) => [r.key, valueOf(r.value)]))
  return {
    operatorName: typeof stored.operatorName === 'string' ? stored.operatorName : DEFAULT_SETTINGS.operatorName,
    confirmations: typeof stored.confirmations === 'number' ? stored.confirmations : DEFAULT_SETTINGS.confirmations,
    numberFormat: isNumberFormat(stored.numberFormat) ? stored.numberFormat : DEFAULT_SETTINGS.numberFormat
  }
}

/** Writes the given settings; the caller records the change in the audit log in the same transaction. */
export function writeSettings(db: WriteDb, patch: Partial<Settings>): void {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
  )
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) upsert.run(key, JSON.stringify(value))
}

/** A setting that is not part of Settings (per-network references); JSON text, or undefined. */
export function readRawSetting(db: ReadDb | WriteDb, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined
  return row === undefined ? undefined : valueOf(row.value)
}

export function writeRawSetting(db: WriteDb, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
  ).run(key, JSON.stringify(value))
}

export function deleteRawSetting(db: WriteDb, key: string): void {
  db.prepare('DELETE FROM settings WHERE key = ?').run(key)
}
