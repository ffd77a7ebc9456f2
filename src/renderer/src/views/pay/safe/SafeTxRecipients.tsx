// Runs in: renderer. Who one Safe transaction pays and how much, row by row, as decoded back from
// its calldata and checked against the payout: what an owner reads before signing it. Open at once
// on an owner's desk, where the payout itself is not on screen; folded on the drafting desk.
import type { SafeTransactionView } from '../../../../../shared/safe'
import { Address } from '../../../components/Address'
import { Money } from '../../../components/Money'

/** Rows listed on screen; a Safe transaction under the gas cap pays fewer than this in practice. */
const ROWS_SHOWN = 1_000

const COLUMNS = [
  { label: 'Row', numeric: true },
  { label: 'Address', numeric: false },
  { label: 'Amount', numeric: true }
] as const

interface Props {
  readonly tx: SafeTransactionView
  readonly decimals: number
  readonly symbol: string
  readonly open: boolean
}

export function SafeTxRecipients({ tx, decimals, symbol, open }: Props) {
  const shown = tx.rows.slice(0, ROWS_SHOWN)
  const verb = tx.purpose === 'cancel' ? 'It stops paying' : 'Recipients'
  return (
    <details className="safe-tx__recipients" open={open} data-testid="safe-tx-recipients">
      <summary>
        {verb} ({tx.rows.length.toLocaleString('en-US')})
      </summary>
      <table className="table">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.row} data-testid="safe-tx-recipient">
              <td className="num">{r.row}</td>
              <td>
                <Address value={r.to} full />
              </td>
              <td className="num">
                <Money baseUnits={r.amountBaseUnits} decimals={decimals} symbol={symbol} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {tx.rows.length > shown.length ? (
        <p className="muted">
          First {ROWS_SHOWN.toLocaleString('en-US')} rows shown; the Safe transaction file lists all of them.
        </p>
      ) : null}
    </details>
  )
}
