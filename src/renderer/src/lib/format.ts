// Runs in: renderer. Dates and labels for people. Timestamps from main are ISO-8601 strings.

/** "12 Mar 2026, 14:05" in the user's locale; the raw text if it is not a date. */
export function formatDateTime(iso: string, locale?: string, timeZone?: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone === undefined ? {} : { timeZone })
  }).format(date)
}

/** An audit action word ("settings_changed") as a phrase ("Settings changed"). */
export function actionLabel(action: string): string {
  const words = action.replace(/[_.-]+/g, ' ').trim()
  return words === '' ? action : words.charAt(0).toUpperCase() + words.slice(1)
}

/** "1 recipient", "3 recipients". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`
}

/** Shortens a long hex string for narrow cells, keeping both ends a person compares. */
export function shortHex(text: string, keep = 6): string {
  return text.length <= keep * 2 + 3 ? text : `${text.slice(0, keep + 2)}…${text.slice(-keep)}`
}
