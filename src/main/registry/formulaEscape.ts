// Runs in: main (pure, no I/O) and the registry worker thread.
// CSV formula-injection escape. A spreadsheet opening our CSV would run a cell that starts with
// = + - @ (or tab/CR, which some treat the same) as a formula, so export prefixes such values with
// a single quote. To keep export -> import exact, a value that already starts with quotes before
// one of those characters gets one more quote, and import removes exactly one: a bijection.

const TRIGGER = /^'*[=+\-@\t\r]/

export function escapeFormula(value: string): string {
  return TRIGGER.test(value) ? `'${value}` : value
}

export function unescapeFormula(value: string): string {
  return value.length > 1 && value.charCodeAt(0) === 39 && TRIGGER.test(value) ? value.slice(1) : value
}
