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

const ISO_UTC = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/

/** "2026-12-07 14:52:37" for a column headed UTC: the instant as stored, to the second; other text as it is. */
export function utcDateTimeText(iso: string): string {
  const m = ISO_UTC.exec(iso)
  return m === null ? iso : `${m[1]} ${m[2]}`
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
