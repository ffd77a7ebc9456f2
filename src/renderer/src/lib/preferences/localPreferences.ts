// Runs in: renderer. Preferences an earlier version of the app kept in this page's localStorage:
// the payer account per network (one key, a map chainId -> path) and the grid's columns (one key
// per payout). They are read once, so the desk keeps its choices when main starts keeping them,
// and then forgotten. Anything unreadable or of a foreign shape is left out: it only ever proposes.
import { COLUMN_ID_PATTERN, payerAccountsIn, type GridColumnPreference } from '../../../../shared/preferences'

export const PAYER_KEY = 'treasury.payerAccount.v1'
export const COLUMNS_PREFIX = 'treasury.massGrid.columns.'

export interface LocalPreferences {
  readonly payerAccounts: Readonly<Record<string, string>>
  /** The layout most payouts had (the one the desk used most); null when none was kept. */
  readonly gridColumns: readonly GridColumnPreference[] | null
  /** Every key read, to forget once main has what it needs. */
  readonly keys: readonly string[]
}

export function readLocalPreferences(storage: Storage): LocalPreferences {
  const keys: string[] = []
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)
    if (key === PAYER_KEY || key?.startsWith(COLUMNS_PREFIX) === true) keys.push(key)
  }
  keys.sort()
  const payerAccounts = keys.includes(PAYER_KEY) ? payerAccountsIn(parsed(storage.getItem(PAYER_KEY))) : {}
  const layouts = keys
    .filter((k) => k.startsWith(COLUMNS_PREFIX))
    .map((k) => columnsOf(parsed(storage.getItem(k))))
    .filter((l): l is GridColumnPreference[] => l !== null && l.length > 0)
  return { payerAccounts, gridColumns: mostCommon(layouts), keys }
}

export function forgetLocalPreferences(storage: Storage, keys: readonly string[]): void {
  for (const key of keys) storage.removeItem(key)
}

function parsed(raw: string | null): unknown {
  if (raw === null) return null
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return null
  }
}

/** Kept as { colId, width?, hide? }; widths that are not positive numbers keep the default. */
function columnsOf(stored: unknown): GridColumnPreference[] | null {
  if (!Array.isArray(stored)) return null
  return stored.flatMap((x: unknown) => {
    if (typeof x !== 'object' || x === null) return []
    const o = x as Record<string, unknown>
    if (typeof o.colId !== 'string' || !COLUMN_ID_PATTERN.test(o.colId)) return []
    if (o.width !== undefined && typeof o.width !== 'number') return []
    if (o.hide !== undefined && o.hide !== null && typeof o.hide !== 'boolean') return []
    const width = typeof o.width === 'number' && Number.isFinite(o.width) && o.width > 0 ? o.width : null
    return [{ colId: o.colId, width, hidden: o.hide === true }]
  })
}

function mostCommon(layouts: readonly GridColumnPreference[][]): GridColumnPreference[] | null {
  const counts = new Map<string, { layout: GridColumnPreference[]; count: number }>()
  for (const layout of layouts) {
    const key = JSON.stringify(layout)
    const seen = counts.get(key)
    counts.set(key, { layout, count: (seen?.count ?? 0) + 1 })
  }
  let best: { layout: GridColumnPreference[]; count: number } | null = null
  for (const entry of counts.values()) if (best === null || entry.count > best.count) best = entry
  return best?.layout ?? null
}
