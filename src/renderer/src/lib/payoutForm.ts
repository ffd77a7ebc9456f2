// Runs in: renderer. The single payout form as data: what the user typed, how it becomes a
// createPayout/updatePayout input, and which server issues belong next to which field. Pure, so
// the rules are tested without a browser.
import type { InputOf, Issue, PayoutDetail } from '../../../shared/api'

export interface SinglePayoutValues {
  readonly chainId: string
  readonly assetId: string
  readonly amount: string
  readonly address: string
  readonly description: string
  /** Kept from an existing recipient so that editing in this form does not drop them. */
  readonly name?: string
  readonly reference?: string
  readonly note?: string
}

export const EMPTY_VALUES: SinglePayoutValues = { chainId: '', assetId: '', amount: '', address: '', description: '' }

/** Problems the form itself can see before asking main: a payout needs a currency to exist at all. */
export function missingChoices(values: SinglePayoutValues): Issue[] {
  const issues: Issue[] = []
  if (values.chainId === '') issues.push(localIssue('network_required', 'Choose the network to pay on.'))
  else if (values.assetId === '') issues.push(localIssue('currency_required', 'Choose the currency to pay in.'))
  return issues
}

/** The single recipient's address and amount, when left empty: a single payout needs both. */
export function missingRecipient(values: SinglePayoutValues): Issue[] {
  const issues: Issue[] = []
  if (values.address.trim() === '')
    issues.push(localIssue('address_required', "Enter the recipient's address.", 'address'))
  if (values.amount.trim() === '') issues.push(localIssue('amount_required', 'Enter the amount to pay.', 'amount'))
  return issues
}

function localIssue(code: string, message: string, field: Issue['field'] = 'row'): Issue {
  return { field, severity: 'error', code, message }
}

function recipient(values: SinglePayoutValues): InputOf<'createPayout'>['recipients'][number] {
  return {
    address: values.address.trim(),
    amount: values.amount.trim(),
    ...(values.name ? { name: values.name } : {}),
    ...(values.reference ? { reference: values.reference } : {}),
    ...(values.note ? { note: values.note } : {})
  }
}

export function toCreateInput(values: SinglePayoutValues): InputOf<'createPayout'> {
  return {
    kind: 'single',
    assetId: values.assetId,
    description: values.description.trim(),
    recipients: [recipient(values)]
  }
}

export function toUpdateInput(id: string, values: SinglePayoutValues): InputOf<'updatePayout'> {
  return { id, assetId: values.assetId, description: values.description.trim(), recipients: [recipient(values)] }
}

/** Prefills the form from a saved single payout (its first and only recipient). */
export function valuesFromDetail(detail: PayoutDetail): SinglePayoutValues {
  const item = detail.items[0]
  return {
    chainId: String(detail.chainId),
    assetId: detail.assetId,
    amount: item?.amount ?? '',
    address: item?.address ?? '',
    description: detail.description,
    ...(item?.name ? { name: item.name } : {}),
    ...(item?.reference ? { reference: item.reference } : {}),
    ...(item?.note ? { note: item.note } : {})
  }
}

/** The issues to show beside one field, errors first. */
export function issuesFor(issues: readonly Issue[], field: Issue['field']): Issue[] {
  return issues.filter((i) => i.field === field).sort((a, b) => severityRank(a) - severityRank(b))
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error')
}

function severityRank(issue: Issue): number {
  return issue.severity === 'error' ? 0 : 1
}
