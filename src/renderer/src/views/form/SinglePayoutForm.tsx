// Runs in: renderer. The single payout form, for a new draft and for editing one: network,
// currency, recipient address, amount, payee name and reference (as on a mass payout's rows), description. Address and amount are checked by main as the
// user types (debounced), and each issue is shown beside its field. The amount is read with the
// desk's number format and sent in canonical form; one the format cannot read is refused beside the
// field. A draft may be saved with errors: nothing typed is lost when saving fails.
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react'
import type { Asset, Issue, PayoutDetail, RecipientCheck } from '../../../../shared/api'
import { api, type AppError, type Result } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { IssueList } from '../../components/IssueList'
import { useDebouncedCallback } from '../../hooks/useDebounced'
import { latestOnly } from '../../lib/debounce'
import { plural } from '../../lib/format'
import { amountToSend, deskAmountIssue, editableAmount, formatDeskBaseUnits } from '../../lib/deskAmount'
import { hasErrors, issuesFor, missingChoices, missingRecipient, type SinglePayoutValues } from '../../lib/payoutForm'
import { useCatalogue } from '../../stores/catalogue'
import { useDeskNumberFormat } from '../../stores/settings'
import type { NumberFormat } from '../../../../shared/numberFormat'
import { NetworkSelect } from './NetworkSelect'

export const CHECK_DELAY_MS = 150

interface Props {
  readonly initial: SinglePayoutValues
  readonly submitLabel: string
  readonly onSave: (values: SinglePayoutValues) => Promise<Result<PayoutDetail>>
  readonly cancelHref: string
}

type TouchedField = 'address' | 'amount'

export function SinglePayoutForm({ initial, submitLabel, onSave, cancelHref }: Props) {
  const id = useId()
  const format = useDeskNumberFormat()
  // A saved amount is shown as its exact value in the desk's marks ("334.969", not main's "334.9690").
  const [values, setValues] = useState(() => ({ ...initial, amount: editableAmount(initial.amount, format) }))
  const [touched, setTouched] = useState<ReadonlySet<TouchedField>>(new Set())
  const [submitted, setSubmitted] = useState(false)
  const [check, setCheck] = useState<RecipientCheck | null>(null)
  const [checkError, setCheckError] = useState<AppError | null>(null)
  const [saveError, setSaveError] = useState<AppError | null>(null)
  const [saving, setSaving] = useState(false)
  const networkRef = useRef<HTMLSelectElement>(null)
  const currencyRef = useRef<HTMLSelectElement>(null)
  const addressRef = useRef<HTMLInputElement>(null)
  const amountRef = useRef<HTMLInputElement>(null)
  const checks = useMemo(latestOnly, [])

  const { networks, assetsByChain, error: catalogueError, loadNetworks, loadAssets } = useCatalogue()
  const chainId = values.chainId === '' ? null : Number(values.chainId)
  const assets: readonly Asset[] = chainId === null ? [] : (assetsByChain[chainId] ?? [])
  const asset = assets.find((a) => a.id === values.assetId) ?? null

  useEffect(() => {
    void loadNetworks()
  }, [loadNetworks])
  useEffect(() => {
    if (chainId !== null) void loadAssets(chainId)
  }, [chainId, loadAssets])

  const runCheck = useDebouncedCallback(async (ticket: number, assetId: string, address: string, amount: string) => {
    const result = await api.checkRecipient({ assetId, recipient: { address, amount } })
    if (!checks.isCurrent(ticket)) return // the user has typed since: a newer check is coming
    if (result.ok) {
      setCheck(result.value)
      setCheckError(null)
    } else setCheckError(result.error)
  }, CHECK_DELAY_MS)

  useEffect(() => {
    const address = values.address.trim()
    const amount = amountToSend(values.amount, format)
    const ticket = checks.next()
    if (values.assetId === '' || (address === '' && amount === '')) {
      runCheck.cancel()
      setCheck(null)
      return
    }
    runCheck(ticket, values.assetId, address, amount)
  }, [values.assetId, values.address, values.amount, format, checks, runCheck])

  const set = (patch: Partial<SinglePayoutValues>): void => setValues((v) => ({ ...v, ...patch }))
  const touch = (field: TouchedField): void => setTouched((t) => new Set(t).add(field))
  // Issues show once the user has started on a field (typed, left it, or tried to save).
  const shows = (field: TouchedField): boolean => submitted || touched.has(field) || values[field].trim() !== ''

  const choiceIssues = submitted ? missingChoices(values) : []
  const networkIssues = choiceIssues.filter((i) => i.code === 'network_required')
  const currencyIssues = choiceIssues.filter((i) => i.code === 'currency_required')
  const deskIssue = deskAmountIssue(values.amount, format)
  // An amount the desk cannot read is its own error: main's reading of that text is not shown.
  const emptyIssues = submitted ? missingRecipient(values) : []
  const recipientIssues: readonly Issue[] = [
    ...emptyIssues,
    ...(deskIssue === null
      ? (check?.issues ?? [])
      : [deskIssue, ...(check?.issues ?? []).filter((i) => i.field !== 'amount')])
  ]
  const addressIssues = shows('address') ? issuesFor(recipientIssues, 'address') : []
  const amountIssues = shows('amount') ? issuesFor(recipientIssues, 'amount') : []
  const errorCount = recipientIssues.filter((i) => i.severity === 'error').length

  const onSubmit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault()
    setSubmitted(true)
    const missing = missingChoices(values)
    if (missing.length > 0) {
      ;(missing[0]?.code === 'network_required' ? networkRef : currencyRef).current?.focus()
      return
    }
    const empty = missingRecipient(values)
    if (empty.length > 0) {
      ;(empty[0]?.field === 'address' ? addressRef : amountRef).current?.focus()
      return
    }
    // Saved as typed, the amount would be read by main's rules, not the desk's: nothing is saved
    // that the desk could not read (what was typed stays in the field to correct).
    if (deskIssue !== null) {
      amountRef.current?.focus()
      return
    }
    setSaving(true)
    setSaveError(null)
    const result = await onSave({ ...values, amount: amountToSend(values.amount, format) })
    setSaving(false)
    if (!result.ok) setSaveError(result.error)
  }

  const fieldIds = {
    network: `${id}-network`,
    currency: `${id}-currency`,
    address: `${id}-address`,
    amount: `${id}-amount`,
    description: `${id}-description`,
    name: `${id}-name`,
    reference: `${id}-reference`
  }
  const described = (...ids: (string | false)[]): string | undefined =>
    ids.filter((x): x is string => x !== false).join(' ') || undefined

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={saving} data-testid="payout-form">
      {saveError === null ? null : <ErrorAlert error={saveError} title="The draft was not saved" focus />}
      {catalogueError === null ? null : (
        <ErrorAlert error={catalogueError} title="Networks and currencies could not be loaded" />
      )}

      <div className="form__row form__row--two">
        <div className="field">
          <label htmlFor={fieldIds.network}>Network</label>
          <NetworkSelect
            ref={networkRef}
            id={fieldIds.network}
            networks={networks}
            value={values.chainId}
            invalid={networkIssues.length > 0}
            describedBy={described(networkIssues.length > 0 && `${fieldIds.network}-issues`)}
            onChange={(chainId) => set({ chainId, assetId: '' })}
          />
          <IssueList id={`${fieldIds.network}-issues`} issues={networkIssues} testId="issue-network" />
        </div>

        <div className="field">
          <label htmlFor={fieldIds.currency}>Currency</label>
          <select
            ref={currencyRef}
            id={fieldIds.currency}
            className="input"
            value={values.assetId}
            disabled={chainId === null}
            aria-invalid={currencyIssues.length > 0}
            aria-describedby={described(currencyIssues.length > 0 && `${fieldIds.currency}-issues`)}
            data-testid="field-currency"
            onChange={(e) => set({ assetId: e.target.value })}
          >
            <option value="">{chainId === null ? 'Choose a network first' : 'Choose a currency…'}</option>
            {assets.map((a) => (
              <option key={a.id} value={a.id}>
                {a.symbol} — {a.name}
              </option>
            ))}
          </select>
          <IssueList id={`${fieldIds.currency}-issues`} issues={currencyIssues} testId="issue-currency" />
        </div>
      </div>

      <div className="field">
        <label htmlFor={fieldIds.address}>Recipient address</label>
        <input
          ref={addressRef}
          id={fieldIds.address}
          className="input input--mono"
          value={values.address}
          placeholder="0x…"
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
          aria-invalid={hasErrors(addressIssues)}
          aria-describedby={described(
            `${fieldIds.address}-hint`,
            addressIssues.length > 0 && `${fieldIds.address}-issues`
          )}
          data-testid="field-address"
          onChange={(e) => set({ address: e.target.value })}
          onBlur={() => touch('address')}
        />
        <p id={`${fieldIds.address}-hint`} className="hint">
          {check?.address ? (
            <>
              <span className="ok" aria-hidden="true">
                ✓{' '}
              </span>
              Valid address: <code data-testid="address-checksummed">{check.address}</code>
            </>
          ) : (
            'The wallet that receives the payment. Paste it rather than typing it.'
          )}
        </p>
        <IssueList id={`${fieldIds.address}-issues`} issues={addressIssues} testId="issue-address" />
      </div>

      <div className="field field--amount">
        <label htmlFor={fieldIds.amount}>Amount</label>
        <div className="input-group">
          <input
            ref={amountRef}
            id={fieldIds.amount}
            className="input input--amount"
            value={values.amount}
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            maxLength={200}
            aria-invalid={hasErrors(amountIssues)}
            aria-describedby={described(
              `${fieldIds.amount}-hint`,
              amountIssues.length > 0 && `${fieldIds.amount}-issues`
            )}
            data-testid="field-amount"
            onChange={(e) => set({ amount: e.target.value })}
            onBlur={() => touch('amount')}
          />
          <span className="input-group__suffix" aria-hidden="true">
            {asset?.symbol ?? ''}
          </span>
        </div>
        <p id={`${fieldIds.amount}-hint`} className="hint" data-testid="amount-hint">
          {amountHint(asset, deskIssue === null ? check : null, format)}
        </p>
        <IssueList id={`${fieldIds.amount}-issues`} issues={amountIssues} testId="issue-amount" />
      </div>

      <div className="form__row form__row--two">
        <div className="field">
          <label htmlFor={fieldIds.name}>Payee name</label>
          <input
            id={fieldIds.name}
            className="input"
            value={values.name ?? ''}
            maxLength={500}
            placeholder="e.g. Maria Lopez"
            autoComplete="off"
            data-testid="field-name"
            onChange={(e) => set({ name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={fieldIds.reference}>Reference</label>
          <input
            id={fieldIds.reference}
            className="input"
            value={values.reference ?? ''}
            maxLength={200}
            placeholder="e.g. INV-2026-031"
            autoComplete="off"
            data-testid="field-reference"
            onChange={(e) => set({ reference: e.target.value })}
          />
        </div>
      </div>

      <div className="field">
        <label htmlFor={fieldIds.description}>Description</label>
        <input
          id={fieldIds.description}
          className="input"
          value={values.description}
          maxLength={1000}
          placeholder="e.g. Invoice 2026-031, March design work"
          aria-describedby={`${fieldIds.description}-hint`}
          data-testid="field-description"
          onChange={(e) => set({ description: e.target.value })}
        />
        <p id={`${fieldIds.description}-hint`} className="hint">
          What the payment is for. Shown in the payouts list and kept in the audit log.
        </p>
      </div>

      {checkError === null ? null : (
        <ErrorAlert error={checkError} title="The address and amount could not be checked" />
      )}

      <div className="form__footer">
        <p className="form__status" role="status" data-testid="form-status">
          {formStatus(choiceIssues, emptyIssues, errorCount, deskIssue !== null)}
        </p>
        <div className="form__actions">
          <a className="button" href={cancelHref}>
            Cancel
          </a>
          <button type="submit" className="button button--primary" disabled={saving} data-testid="save-draft">
            {saving ? 'Saving…' : submitLabel}
          </button>
        </div>
      </div>
    </form>
  )
}

function amountHint(asset: Asset | null, check: RecipientCheck | null, format: NumberFormat): string {
  if (asset === null) return 'Choose a currency to see how many decimals it allows.'
  const exact =
    check === null || check.amountBaseUnits === null
      ? null
      : formatDeskBaseUnits(check.amountBaseUnits, asset.decimals, format)
  if (exact !== null) return `Sends exactly ${exact} ${asset.symbol}.`
  return `In ${asset.symbol}, up to ${asset.decimals} decimal places. Nothing is ever rounded.`
}

/** The line beside the save button: what stops the save, else what stops the payout being sent. */
function formStatus(
  choices: readonly Issue[],
  empty: readonly Issue[],
  errorCount: number,
  amountUnread: boolean
): string {
  // A draft may hold problems, but not a missing network, currency or recipient: the save is refused until they are in.
  const missing = [
    ...choices.map((i) => (i.code === 'network_required' ? 'the network' : 'the currency')),
    ...empty.map((i) => (i.field === 'address' ? 'the address' : 'the amount'))
  ]
  if (missing.length > 0) {
    const named = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)!}`
    return `A draft needs ${named} before it can be saved.`
  }
  if (amountUnread) return "A draft needs an amount written in this desk's number format before it can be saved."
  if (errorCount === 0) return ''
  return `${plural(errorCount, 'problem')} to fix before this payout can be sent. You can still save it as a draft.`
}
