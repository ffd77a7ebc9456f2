// Runs in: main (pure, no I/O) and the registry worker thread.
// The optional accounting columns of a row: the category (or account code) and the cost center
// the books file a payment under. They are labels: their characters are checked like every name
// (validate.ts, src/shared/text.ts), and their length here.
import type { Issue } from '../../shared/api'
import { SEVERITY_ERROR } from './types'

export type AccountingField = 'category' | 'cost_center'

/** Longest label accepted: room for "6100 - Salaries and wages (contractors, EU)" and more. */
export const MAX_ACCOUNTING_LABEL_CHARS = 100

const LABEL_NAME: Readonly<Record<AccountingField, string>> = {
  category: 'Category',
  cost_center: 'Cost center'
}

/** The length issue of one accounting label (already trimmed), or undefined when it fits. */
export function checkAccountingLabel(value: string, field: AccountingField, sourceRow: number): Issue | undefined {
  const name = LABEL_NAME[field]
  const chars = [...value]
  if (chars.length > MAX_ACCOUNTING_LABEL_CHARS)
    return {
      field,
      severity: SEVERITY_ERROR,
      code: `${field}_too_long`,
      message: `Row ${sourceRow}: ${name} has ${chars.length} characters; at most ${MAX_ACCOUNTING_LABEL_CHARS} are accepted. Shorten it or use the account code.`
    }
  return undefined
}
