// Runs in: renderer. After the unpaid rest of a token batch payout was cancelled, the approval it
// gave the batch contract may still allow it to move the payer's tokens. Offered, never forced:
// revoking is one transaction signed on the Ledger (an approval of 0); left alone, the allowance
// is used by the payer's next batch in that token instead of a new approval.
import { useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import { api, type AppError } from '../../api'
import { PayerAccountPicker } from '../../components/device/PayerAccountPicker'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatMoney } from '../../../../shared/money'
import { leftAllowance } from '../../lib/pay/uncertainRows'
import { usePayerPath } from '../../stores/preferences'
import { usePayoutTransactions } from './usePayoutTransactions'

type RevokeState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'sent'; readonly hash: string }
  | { readonly kind: 'error'; readonly error: AppError }

export function RevokeAllowance({ payout }: { readonly payout: PayoutDetail }) {
  const { transactions, reload } = usePayoutTransactions(payout.id, payout.updatedAt)
  const accountPath = usePayerPath(payout.chainId)
  const [state, setState] = useState<RevokeState>({ kind: 'idle' })
  const approval = transactions === null ? null : leftAllowance(transactions)
  if (state.kind === 'sent')
    return (
      <p className="text-ok" role="status" data-testid="revoke-sent">
        Revoke sent: <span className="mono">{state.hash}</span>. Once it is mined the batch contract can no longer move
        these tokens.
      </p>
    )
  if (approval === null) return null

  const revoke = async (): Promise<void> => {
    setState({ kind: 'busy' })
    const result = await api.revokeAllowance({ id: payout.id, accountPath })
    if (!result.ok) {
      setState({ kind: 'error', error: result.error })
      return
    }
    setState({ kind: 'sent', hash: result.value.hash })
    reload()
  }

  return (
    <div className="notice" data-testid="revoke-allowance">
      <p className="notice__title">The batch contract may still move {payout.assetSymbol} of this account</p>
      <p>
        This payout allowed the batch contract to move up to{' '}
        {formatMoney(payout.totalBaseUnits, payout.decimals, payout.assetSymbol)} from{' '}
        <span className="mono">{approval.from}</span>; what its batches did not spend is still allowed. You can take it
        back now with one transaction signed on your Ledger. If you leave it, the next {payout.assetSymbol} batch from
        this account uses it instead of asking for a new approval.
      </p>
      <PayerAccountPicker chainId={payout.chainId} disabled={state.kind === 'busy'} />
      <p className="hint">Sign with {approval.from}, the account that gave the allowance.</p>
      {state.kind === 'error' ? <ErrorAlert error={state.error} title="The allowance was not revoked" focus /> : null}
      <div className="pay-step__actions">
        <button
          type="button"
          className="button"
          disabled={state.kind === 'busy'}
          onClick={() => void revoke()}
          data-testid="revoke-allowance-button"
        >
          {state.kind === 'busy' ? 'Confirm on your Ledger…' : 'Revoke the allowance'}
        </button>
      </div>
    </div>
  )
}
