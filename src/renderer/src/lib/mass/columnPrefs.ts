// Runs in: renderer. The user's column choices for a payout's grid (order, widths, hidden
// columns), kept in this window's localStorage per payout. Only layout: never data or sort.
export interface ColumnPref {
  readonly colId: string
  readonly width?: number
  readonly hide?: boolean | null
}

const PREFIX = 'treasury.massGrid.columns.'
export const NEW_PAYOUT_KEY = 'new'

export function loadColumnPrefs(storage: Storage, payoutId: string | null): ColumnPref[] | null {
  try {
    const raw = storage.getItem(PREFIX + (payoutId ?? NEW_PAYOUT_KEY))
    if (raw === null) return null
    const parsed: unknown = JSON.parse(raw)
    if (!Array.isArray(parsed)) return null
    return parsed.filter(isPref)
  } catch {
    return null // unreadable prefs are only a layout: start from the default one
  }
}

export function saveColumnPrefs(storage: Storage, payoutId: string | null, prefs: readonly ColumnPref[]): void {
  try {
    storage.setItem(
      PREFIX + (payoutId ?? NEW_PAYOUT_KEY),
      JSON.stringify(prefs.map(({ colId, width, hide }) => ({ colId, width, hide: hide === true })))
    )
  } catch {
    // storage full or disabled: the layout is simply not remembered
  }
}

/** A new payout's layout becomes its own once it has an id. */
export function adoptNewPayoutPrefs(storage: Storage, payoutId: string): void {
  const prefs = loadColumnPrefs(storage, null)
  if (prefs !== null) saveColumnPrefs(storage, payoutId, prefs)
  try {
    storage.removeItem(PREFIX + NEW_PAYOUT_KEY)
  } catch {
    // nothing to do
  }
}

function isPref(x: unknown): x is ColumnPref {
  if (typeof x !== 'object' || x === null) return false
  const o = x as Record<string, unknown>
  return (
    typeof o.colId === 'string' &&
    (o.width === undefined || typeof o.width === 'number') &&
    (o.hide === undefined || o.hide === null || typeof o.hide === 'boolean')
  )
}
