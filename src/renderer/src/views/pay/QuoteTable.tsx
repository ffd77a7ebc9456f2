// Runs in: renderer. The plans side by side before anything is signed: transactions, Ledger
// confirmations, the network fee in the native coin, what the device will show; plans that are
// not offered with their reason and the rows at fault; blocking shortfalls in red.
import type { PlanKindName } from '../../../../shared/execution'
import type { QuoteViewModel } from '../../lib/pay/planComparison'
import { shortHex } from '../../lib/format'

interface Props {
  readonly view: QuoteViewModel
  readonly selected: PlanKindName | null
  readonly onSelect: (plan: PlanKindName) => void
  readonly disabled: boolean
}

export function QuoteTable({ view, selected, onSelect, disabled }: Props) {
  return (
    <div className="table-wrap">
      <table className="table plan-table" data-testid="plan-table">
        <caption className="visually-hidden">Ways to pay this payout</caption>
        <thead>
          <tr>
            <th scope="col">Plan</th>
            <th scope="col" className="num">
              Transactions
            </th>
            <th scope="col" className="num">
              Ledger confirmations
            </th>
            <th scope="col" className="num">
              Network fee (estimated)
            </th>
            <th scope="col">The Ledger shows</th>
          </tr>
        </thead>
        <tbody>
          {view.plans.map((p) => (
            <tr
              key={p.kind}
              className={
                p.available
                  ? selected === p.kind
                    ? 'plan-row plan-row--selected'
                    : 'plan-row'
                  : 'plan-row plan-row--unavailable'
              }
              data-testid="plan-row"
              data-plan={p.kind}
            >
              <th scope="row">
                <label className="plan-choice">
                  <input
                    type="radio"
                    name="plan"
                    value={p.kind}
                    checked={selected === p.kind}
                    disabled={disabled || !p.available}
                    onChange={() => onSelect(p.kind)}
                    data-testid={`plan-${p.kind}`}
                  />
                  <span>
                    {p.label}
                    {p.proposed ? <span className="plan-proposed"> Proposed</span> : null}
                  </span>
                </label>
              </th>
              {p.available ? (
                <>
                  <td className="num">{p.transactions}</td>
                  <td className="num">{p.confirmations}</td>
                  <td className="num" data-testid="plan-fee">
                    {p.feeText}
                    <span className="plan-max">at most {p.maxFeeText}</span>
                  </td>
                  <td data-display={p.display ?? ''}>{p.displayText}</td>
                </>
              ) : (
                <td colSpan={4} data-testid="plan-unavailable">
                  <span className="text-warning">Not available: {p.reason}</span>
                  {p.rows.length === 0 ? null : (
                    <ul className="plan-rows">
                      {p.rows.map((r) => (
                        <li key={r.row}>
                          Row {r.row} <span className="mono">{shortHex(r.address)}</span>: {r.reason}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
