// Runs in: renderer. The payout page's Recipient safety panel: labels from the address book,
// first payments, and look-alikes of known payees (address poisoning), each of which a person must
// compare and acknowledge row by row. Main refuses to submit or pay until they have; this panel
// says why and which rows.
import { useCallback, useEffect, useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import type { RecipientSafetyView } from '../../../../shared/approvals'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { plural } from '../../lib/format'
import { routeHref } from '../../lib/route'
import {
  compareAddresses,
  SAFETY_LEVEL,
  safetyModel,
  submitRefusal,
  type SafetyRowModel
} from '../../lib/approvals/safetyView'
import '../../styles/approvals.css'

/** A mass payout may flag thousands of first payments; the panel lists the first ones. */
const ROWS_SHOWN = 100
/** After payment the panel has nothing left to protect. */
const SETTLED = new Set<PayoutDetail['status']>(['completed', 'failed', 'cancelled'])

export function RecipientSafety({ payout }: { readonly payout: PayoutDetail }) {
  const [rows, setRows] = useState<readonly RecipientSafetyView[] | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const [acking, setAcking] = useState<number | null>(null)

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

  const acknowledge = async (row: number): Promise<void> => {
    setAcking(row)
    const result = await api.acknowledgeLookalike({ id: payout.id, row })
    setAcking(null)
    if (result.ok) {
      setRows((current) => (current ?? []).map((r) => (r.row === row ? result.value : r)))
      setError(null)
    } else setError(result.error)
  }

  return (
    <section className="panel safety" aria-labelledby="safety-title" data-testid="recipient-safety">
      <h2 id="safety-title">Recipient safety</h2>
      <p className="hint">
        {plural(model.firstPayments, 'first payment')} · {plural(model.labelled, 'labelled payee')} ·{' '}
        {plural(model.blockingRows.length, 'look-alike', 'look-alikes')} to check.{' '}
        <a href={routeHref({ name: 'addressBook' })}>Address book</a>
      </p>
      {refusal === null ? null : (
        <p className="notice callout--error" role="alert" data-testid="safety-blocker">
          {refusal}
        </p>
      )}
      {error === null ? null : <ErrorAlert error={error} title="The check was not recorded" focus />}
      <ul className="safety__rows">
        {model.rows.slice(0, ROWS_SHOWN).map((r) => (
          <SafetyRow
            key={r.row.row}
            model={r}
            busy={acking === r.row.row}
            onAcknowledge={() => void acknowledge(r.row.row)}
          />
        ))}
      </ul>
      {model.rows.length > ROWS_SHOWN ? (
        <p className="muted">and {plural(model.rows.length - ROWS_SHOWN, 'more row')}</p>
      ) : null}
    </section>
  )
}

function SafetyRow({
  model,
  busy,
  onAcknowledge
}: {
  readonly model: SafetyRowModel
  readonly busy: boolean
  readonly onAcknowledge: () => void
}) {
  const { row, level } = model
  return (
    <li className={`safety__row safety__row--${level}`} data-testid="safety-row" data-row={row.row} data-level={level}>
      <div className="safety__head">
        <span className="muted">Row {row.row}</span>
        <span className="mono">{row.address}</span>
        {row.label === null ? null : (
          <span className="tag" data-testid="safety-label">
            {row.label}
          </span>
        )}
        {row.firstPayment ? (
          <span className="tag tag--warning" data-testid="first-payment">
            First payment
          </span>
        ) : null}
        {level === SAFETY_LEVEL.checked ? (
          <span className="tag tag--ok" data-testid="lookalike-checked">
            Checked
          </span>
        ) : null}
      </div>
      {row.lookalikes.map((l) => {
        const parts = compareAddresses(row.address, l.address)
        return (
          <div key={l.address} className="safety__lookalike" data-testid="lookalike">
            <p className={level === SAFETY_LEVEL.blocking ? 'text-error' : 'muted'}>
              Looks like {l.label === null ? 'an address' : <strong>{l.label}</strong>}{' '}
              {l.source === 'address_book' ? 'from the address book' : 'paid before'}: same start and end, different
              middle.
            </p>
            <p className="mono safety__compare">
              <span className="safety__compare-label">This row</span> {parts.head}
              <mark>{parts.middle}</mark>
              {parts.tail}
            </p>
            <p className="mono safety__compare">
              <span className="safety__compare-label">Known</span> {l.address}
            </p>
          </div>
        )
      })}
      {level === SAFETY_LEVEL.blocking ? (
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={onAcknowledge}
          data-testid={`ack-lookalike-${row.row}`}
        >
          {busy ? 'Recording…' : 'I checked this address'}
        </button>
      ) : null}
    </li>
  )
}
