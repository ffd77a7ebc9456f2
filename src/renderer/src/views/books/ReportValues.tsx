// Runs in: renderer. The report's books part: the fiat values captured at the block of payment
// (payments and fees, with the rate and where it came from) and the latest reconciliation.
import { useEffect, useState } from 'react'
import type { PayoutAccountingView } from '../../../../shared/accounting'
import { groupDecimalText, MIN_SHOWN_DECIMALS } from '../../../../shared/money'
import { api } from '../../api'
import { utcDateTimeText } from '../../lib/format'
import { ReconciliationResult } from './ReconciliationResult'

/** `paymentDecimals`: the payout asset's, so payments show as many decimals as its amounts elsewhere ("125.00"). */
export function ReportValues({ id, paymentDecimals }: { readonly id: string; readonly paymentDecimals: number }) {
  const [values, setValues] = useState<PayoutAccountingView | null>(null)
  useEffect(() => {
    let live = true
    void api.getPayoutAccounting({ id, currency: 'USD' }).then((r) => {
      if (live && r.ok) setValues(r.value)
    })
    return () => {
      live = false
    }
  }, [id])
  if (values === null || values.entryCount === 0) return null
  return (
    <section data-testid="report-values">
      <h2>Values at payment ({values.currency})</h2>
      <div className="table-wrap">
        <table className="table report__table">
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col">Date (UTC)</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col">Rate</th>
            </tr>
          </thead>
          <tbody>
            {values.entries.map((e, i) => (
              <tr key={i} data-testid="report-value-row">
                <td className="nowrap">{e.kind === 'payment' ? `Row ${e.row}` : 'Network fee'}</td>
                <td className="nowrap">{e.dateUtc === null ? '—' : utcDateTimeText(e.dateUtc)}</td>
                <td className="num nowrap">
                  {groupDecimalText(e.amount, e.kind === 'payment' ? Math.min(MIN_SHOWN_DECIMALS, paymentDecimals) : 0)}{' '}
                  {e.assetSymbol}
                </td>
                <td className="num nowrap">{e.value === null ? '—' : groupDecimalText(e.value)}</td>
                <td className="books__rate">{e.rateDescription ?? e.missing}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Payments{' '}
        <strong data-testid="report-payments-value">
          {values.paymentsValue === null ? '—' : groupDecimalText(values.paymentsValue)}
        </strong>
        , network fees <strong>{values.feesValue === null ? '—' : groupDecimalText(values.feesValue)}</strong>{' '}
        {values.currency}
        {values.entryCount > values.entries.length
          ? ` (first ${values.entries.length} of ${values.entryCount} entries shown)`
          : ''}
        .
      </p>
      {values.reconciliation === null ? null : <ReconciliationResult reconciliation={values.reconciliation} />}
    </section>
  )
}
