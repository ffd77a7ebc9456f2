// Runs in: renderer. The payout page's Recipient safety panel: one compact list of the rows that
// need a person's attention (look-alikes of known payees, first payments), filterable by kind and
// searchable. A look-alike is compared and acknowledged row by row, or all at once after checking
// them; main refuses to submit or pay until each is. Rows without findings are only counted.
import { useCallback, useEffect, useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import type { RecipientSafetyView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { plural } from '../../lib/format'
import { routeHref } from '../../lib/route'
import {
  filterSafetyRows,
  SAFETY_LEVEL,
  safetyModel,
  submitRefusal,
  type SafetyFilter
} from '../../lib/approvals/safetyView'
import { SafetyRow } from './SafetyRow'
import '../../styles/approvals.css'

/** Rows listed at first, and added per "Show more": the list stays short even for thousands of findings. */
const PAGE = 50
/** After payment the panel has nothing left to protect. */
const SETTLED = new Set<PayoutDetail['status']>(['completed', 'failed', 'cancelled'])

export function RecipientSafety({ payout }: { readonly payout: PayoutDetail }) {
  const [rows, setRows] = useState<readonly RecipientSafetyView[] | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [acking, setAcking] = useState<ReadonlySet<number>>(new Set())
  const [filter, setFilter] = useState<SafetyFilter>('all')
  const [query, setQuery] = useState('')
  const [limit, setLimit] = useState(PAGE)
  /** Unfolded or folded by the person; null until they choose (see `unfolded` below). */
  const [opened, setOpened] = useState<boolean | null>(null)

  const load = useCallback(async () => {
    const result = await api.getRecipientSafety({ id: payout.id })
    if (result.ok) {
      setRows(result.value)
      setError(null)
    } else setError(result.error)
  }, [payout.id])

  useEffect(() => {
    if (!SETTLED.has(payout.status)) void load()
  }, [load, payout.status, payout.updatedAt])

  if (SETTLED.has(payout.status)) return null
  if (rows === null)
    return error === null ? null : (
      <ErrorAlert error={error} title="Recipient checks could not be loaded" onRetry={() => void load()} />
    )

  const model = safetyModel(rows)
  if (model.rows.length === 0) return null
  const refusal = submitRefusal(model.blockingRows)
  const lookalikes = model.rows.filter((r) => r.row.lookalikes.length > 0).length
  const shown = filterSafetyRows(model.rows, filter, query)
  // Before submission the list is where rows are checked. After it, with nothing blocking (first
  // payments were confirmed at submission, look-alikes checked), it is folded so paying comes first.
  const confirmed = payout.status !== 'draft' && refusal === null
  const unfolded = opened ?? !confirmed

  /** Acknowledges rows one after another; stops at the first refusal and shows it. */
  const acknowledge = async (numbers: readonly number[]): Promise<void> => {
    setAcking(new Set(numbers))
    setError(null)
    for (const row of numbers) {
      const result = await api.acknowledgeLookalike({ id: payout.id, row })
      if (!result.ok) {
        setError(result.error)
        break
      }
      setRows((current) => (current ?? []).map((r) => (r.row === row ? result.value : r)))
    }
    setAcking(new Set())
  }
  const chip = (value: SafetyFilter, label: string, count: number) => (
    <button
      type="button"
      className="chip"
      aria-pressed={filter === value}
      onClick={() => {
        setFilter(value)
        setLimit(PAGE)
      }}
      data-testid={`safety-filter-${value}`}
    >
      {label} <span className="chip__count">{count.toLocaleString('en-US')}</span>
    </button>
  )

  return (
    <section className="panel safety" aria-labelledby="safety-title" data-testid="recipient-safety">
      <div className="safety__header">
        <h2 id="safety-title">Recipient safety</h2>
        <p className="hint" data-testid="safety-summary">
          {confirmed
            ? `${plural(model.rows.length, 'row')} with findings, all confirmed: nothing here stops paying`
            : `${plural(model.rows.length, 'row needs', 'rows need')} attention of ${model.total.toLocaleString('en-US')}`}{' '}
          · {plural(model.labelled, 'payee')} known from the{' '}
          <a href={routeHref({ name: 'addressBook' })}>address book</a>
        </p>
        <button
          type="button"
          className="link-button safety__fold"
          aria-expanded={unfolded}
          aria-controls="safety-body"
          onClick={() => setOpened(!unfolded)}
          data-testid="safety-fold"
        >
          {unfolded ? 'Hide the rows' : `Show the ${plural(model.rows.length, 'row')}`}
        </button>
      </div>
      {refusal === null ? null : (
        <div className="notice callout--error safety__blocker" role="alert" data-testid="safety-blocker">
          <span>{refusal}</span>
          {model.blockingRows.length < 2 ? null : (
            <button
              type="button"
              className="button button--small"
              disabled={acking.size > 0}
              onClick={() => {
                const ok = window.confirm(
                  `Acknowledge all ${plural(model.blockingRows.length, 'look-alike address', 'look-alike addresses')}? Only do this after comparing each with the payee it resembles.`
                )
                if (ok) void acknowledge(model.blockingRows)
              }}
              data-testid="ack-all-lookalikes"
            >
              I checked all {plural(model.blockingRows.length, 'look-alike')}
            </button>
          )}
        </div>
      )}
      {error === null ? null : <ErrorAlert error={error} title="The check was not recorded" focus />}
      {unfolded ? (
        <div id="safety-body">
          <div className="safety__tools" role="toolbar" aria-label="Rows shown">
            {chip('all', 'All', model.rows.length)}
            {chip('lookalike', 'Look-alikes', lookalikes)}
            {chip('first_payment', 'First payments', model.firstPayments)}
            <input
              type="search"
              className="input input--small safety__search"
              placeholder="Row, name or address"
              aria-label="Find a row by number, name or address"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value)
                setLimit(PAGE)
              }}
              data-testid="safety-search"
            />
          </div>
          {model.firstPayments > 0 && filter !== 'lookalike' ? (
            <p className="hint safety__note">
              First payments are confirmed all at once in the submission confirmation, after checking each address
              through a second channel.
            </p>
          ) : null}
          <table className="table table--compact safety__table" data-testid="safety-rows">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Row
                </th>
                <th scope="col">Address</th>
                <th scope="col">Finding</th>
                <th scope="col" className="safety__action">
                  <span className="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, limit).map((r) => (
                <SafetyRow
                  key={r.row.row}
                  model={r}
                  busy={acking.has(r.row.row)}
                  onAcknowledge={() => void acknowledge([r.row.row])}
                />
              ))}
            </tbody>
          </table>
          {shown.length === 0 ? <p className="muted">No row matches.</p> : null}
          {shown.length > limit ? (
            <button
              type="button"
              className="link-button"
              onClick={() => setLimit((n) => n + PAGE)}
              data-testid="safety-more"
            >
              Show {Math.min(PAGE, shown.length - limit)} more of {plural(shown.length - limit, 'row')}
            </button>
          ) : null}
          {model.rows.some((r) => r.level === SAFETY_LEVEL.checked) ? (
            <p className="hint">Checked look-alikes stay listed until the payout is paid.</p>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
