// Runs in: renderer. The short words the grid's narrow status column shows for a row (its full
// messages are in the tooltip and the side panel): a mark that does not rely on colour, and the
// kind of the first problem.
import type { Issue } from '../../../../shared/api'
import { assertNever } from '../../../../shared/result'
import { atRow } from '../../../../shared/rowPrefix'
import { errorsFirst, firstIssue, severityOf, type GridRow } from './gridRows'

const SHORT_LABELS: Readonly<Record<string, string>> = {
  address_empty: 'No address',
  address_not_hex: 'Not an address',
  address_missing_prefix: 'Address without 0x',
  address_bad_length: 'Address length',
  address_bad_checksum: 'Bad checksum',
  address_no_checksum: 'No checksum',
  address_invisible_character: 'Hidden character',
  address_lookalike_character: 'Look-alike character',
  address_name_not_supported: 'Name, not address',
  address_zero: 'Zero address',
  address_is_token_contract: 'Token contract',
  address_is_payer: 'Pays itself',
  address_duplicate: 'Duplicate address',
  reference_duplicate: 'Duplicate reference',
  amount_empty: 'No amount',
  amount_zero: 'Zero amount',
  amount_negative: 'Negative amount',
  amount_not_a_number: 'Not a number',
  amount_invalid: 'Not an amount',
  amount_exponent: 'Exponent amount',
  amount_non_ascii_digit: 'Unusual digit',
  amount_ambiguous_separator: 'Ambiguous amount',
  amount_bad_grouping: 'Bad grouping',
  amount_too_many_decimals: 'Too many decimals',
  amount_too_large: 'Amount too large',
  amount_desk_format: 'Number format',
  cell_row_hidden: 'Hidden row',
  token_address: 'Token mismatch',
  token_type: 'Token mismatch'
}

const FIELD_WORDS: Readonly<Record<string, string>> = {
  address: 'Address',
  amount: 'Amount',
  name: 'Name',
  reference: 'Reference',
  note: 'Note',
  category: 'Category',
  cost_center: 'Cost center'
}

export function shortIssueLabel(issue: Issue): string {
  return (
    SHORT_LABELS[issue.code] ??
    `${FIELD_WORDS[issue.field] ?? 'Row'} ${issue.severity === 'error' ? 'error' : 'warning'}`
  )
}

export type RowState = 'error' | 'warning' | 'ok' | 'pending' | 'blank'

export function rowState(row: GridRow, blank: boolean): RowState {
  if (blank) return 'blank'
  // A desk error is the renderer's own finding: known before main answers.
  if (row.pending && row.deskIssue === null) return 'pending'
  return severityOf(row.issues) ?? 'ok'
}

const MARKS: Readonly<Record<RowState, string>> = { error: '✕', warning: '!', ok: '✓', pending: '…', blank: '–' }

/** "✕ Bad checksum +1", "✓ OK", "… Checking", "– Blank". */
export function statusLabel(row: GridRow, blank: boolean): string {
  const state = rowState(row, blank)
  const mark = MARKS[state]
  switch (state) {
    case 'blank':
      return `${mark} Blank`
    case 'pending':
      return `${mark} Checking`
    case 'ok':
      return `${mark} OK`
    case 'error':
    case 'warning': {
      const issue = firstIssue(row.issues)!
      const more = row.issues.length > 1 ? ` +${row.issues.length - 1}` : ''
      return `${mark} ${shortIssueLabel(issue)}${more}`
    }
    default:
      return assertNever(state, 'row state')
  }
}

/** Messages one a line, each with its severity, for a cell's tooltip. */
export function issuesTooltip(issues: readonly Issue[]): string | undefined {
  return issues.length === 0
    ? undefined
    : errorsFirst(issues)
        .map((i) => `${i.severity === 'error' ? 'Error' : 'Warning'}: ${atRow(i.message)}`)
        .join('\n')
}
