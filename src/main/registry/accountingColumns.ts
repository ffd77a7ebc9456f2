// Runs in: main (pure, no I/O) and the registry worker thread.
// The optional accounting columns of a row: the category (or account code) and the cost center
// the books file a payment under. They are plain labels, so they are checked as labels: bounded
// length, and no control or direction-changing characters, which would corrupt a CSV line or
// show one code while holding another.
import { SEVERITY_ERROR, type RowIssue } from './types'

export type AccountingField = 'category' | 'cost_center'

/** Longest label accepted: room for "6100 - Salaries and wages (contractors, EU)" and more. */
export const MAX_ACCOUNTING_LABEL_CHARS = 100

const LABEL_NAME: Readonly<Record<AccountingField, string>> = {
  category: 'Category',
  cost_center: 'Cost center'
}

/** C0/C1 controls, line and paragraph separators, and the bidirectional overrides and isolates. */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u

/** The issue of one accounting label (already trimmed), or undefined when it is acceptable. */
export function checkAccountingLabel(value: string, field: AccountingField, sourceRow: number): RowIssue | undefined {
  const name = LABEL_NAME[field]
  const chars = [...value]
  if (chars.length > MAX_ACCOUNTING_LABEL_CHARS)
    return {
      field,
      severity: SEVERITY_ERROR,
      code: `${field}_too_long`,
      message: `Row ${sourceRow}: ${name} has ${chars.length} characters; at most ${MAX_ACCOUNTING_LABEL_CHARS} are accepted. Shorten it or use the account code.`
    }
  const bad = FORBIDDEN.exec(value)
  if (bad !== null) {
    const point = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')
    return {
      field,
      severity: SEVERITY_ERROR,
      code: `${field}_control_character`,
      message: `Row ${sourceRow}: ${name} contains the invisible character U+${point} at position ${chars.indexOf(bad[0]) + 1}. Retype it with visible characters only.`
    }
  }
  return undefined
}
