// Runs in: renderer. One row of the recipient safety list: its number, its address (for a
// look-alike, above the known payee's, with the middle that differs from the payee it imitates marked), what was found, and
// the acknowledgement a look-alike needs.
import { Address } from '../../components/Address'
import { compareAddresses, SAFETY_LEVEL, type SafetyRowModel } from '../../lib/approvals/safetyView'

interface Props {
  readonly model: SafetyRowModel
  readonly busy: boolean
  readonly onAcknowledge: () => void
}

export function SafetyRow({ model, busy, onAcknowledge }: Props) {
  const { row, level } = model
  const known = row.lookalikes[0]
  const parts = known === undefined ? null : compareAddresses(row.address, known.address)
  return (
    <tr className={`safety__row safety__row--${level}`} data-testid="safety-row" data-row={row.row} data-level={level}>
      <td className="num">{row.row}</td>
      <td className="safety__address">
        {parts === null || known === undefined ? (
          <Address value={row.address} />
        ) : (
          <>
            <span className="mono nowrap safety__compare" title={row.address} data-testid="safety-compare">
              {parts.head}
              <mark>{parts.middle}</mark>
              {parts.tail}
            </span>
            <span className="mono nowrap safety__compare safety__known" title={`Known: ${known.address}`}>
              {known.address}
            </span>
          </>
        )}
      </td>
      <td>
        {row.lookalikes.map((l) => (
          <div key={l.address} className={level === SAFETY_LEVEL.blocking ? 'text-error' : ''} data-testid="lookalike">
            Looks like {l.label === null ? 'an address' : <strong>{l.label}</strong>}{' '}
            {l.source === 'address_book' ? 'in the address book' : 'paid before'}: same start and end, different middle
          </div>
        ))}
        {row.firstPayment ? (
          <span className="tag tag--warning" data-testid="first-payment">
            First payment
          </span>
        ) : null}{' '}
        {row.label === null ? null : (
          <span className="tag" data-testid="safety-label">
            {row.label}
          </span>
        )}
      </td>
      <td className="safety__action">
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
        ) : level === SAFETY_LEVEL.checked ? (
          <span className="tag tag--ok" data-testid="lookalike-checked">
            Checked
          </span>
        ) : null}
      </td>
    </tr>
  )
}
