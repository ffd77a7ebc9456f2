// Runs in: main (pure, no I/O) and the registry worker thread.
// CSV formula-injection escape. A spreadsheet runs a cell that starts with = + - @ (or tab/CR,
// which some treat the same) as a formula. A cell of ours is not always a cell of Excel's: Excel
// splits a CSV with the list separator of the user's locale (a semicolon in most of Europe, or a
// tab, a pipe, ...), and a line break ends a row wherever quoting is not understood the same way.
// So every place where Excel may start a cell counts: the start of the value and the character
// after any separator, comma, semicolon, tab, pipe, CR or LF. If what follows there (after optional
// spaces and double quotes, which Excel skips or reads as field quoting) is a trigger, export puts
// a single quote right before it, which makes the cell text.
//
// Export -> import is exact: a cell start already followed by quotes and a trigger gets one more
// quote, and import removes exactly one quote at every such start. Cell starts are defined by
// characters the escape never adds or removes, so both directions see the same starts: a bijection.

/** Characters after which Excel, in some locale or reading mode, starts a new cell or row. */
const SEPARATORS = ',;\\t|\\r\\n'
/** First characters that make a cell a formula. */
const TRIGGERS = '=+\\-@\\t\\r'
/** Where a single quote goes: at a cell start, after spaces/double quotes and existing quotes, before a trigger. */
const ESCAPE_SITE = new RegExp(`(?<=^|[${SEPARATORS}])[ "]*'*(?=[${TRIGGERS}])`, 'g')
/** The quote export added: the first of one or more quotes before a trigger at a cell start. */
const ADDED_QUOTE = new RegExp(`(?<=^|[${SEPARATORS}])([ "]*)'(?='*[${TRIGGERS}])`, 'g')
/** A value with none of these cannot hold a trigger, so most values (addresses, amounts) skip the scan. */
const ANY_TRIGGER = new RegExp(`[${TRIGGERS}]`)

export function escapeFormula(value: string): string {
  if (!ANY_TRIGGER.test(value)) return value
  return value.replace(ESCAPE_SITE, "$&'")
}

export function unescapeFormula(value: string): string {
  if (!value.includes("'")) return value
  return value.replace(ADDED_QUOTE, '$1')
}
