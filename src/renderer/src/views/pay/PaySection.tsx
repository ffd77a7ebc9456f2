// Runs in: renderer. Paying a payout, on its detail page (single and mass alike): submit a draft,
// wait for approval, then choose the payer, review plans and fees, sign on the Ledger, and follow
// each transaction to its outcome. The payout's own status and items (from main) decide what shows.
import { useEffect, useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import type { DeviceDisplay, PlanKindName } from '../../../../shared/execution'
import { assertNever } from '../../../../shared/result'
import { useTreasuryEvent } from '../../hooks/useTreasuryEvent'
import { tallyCounts } from '../../lib/pay/paymentStatus'
import { useCatalogue } from '../../stores/catalogue'
import { PaymentStatus } from './PaymentStatus'
import { NeedsCheckRows } from './NeedsCheckRows'
import { RetryFailedRows } from './RetryFailedRows'
import { RevokeAllowance } from './RevokeAllowance'
import { ReviewPanel } from './ReviewPanel'
import { PayerChoice } from './safe/PayerChoice'
import { SigningDialog } from './SigningDialog'
import { useSigningSessions } from '../../stores/signingSessions'
import { SubmitBar } from './SubmitBar'
import '../../styles/pay.css'

interface Props {
  readonly payout: PayoutDetail
  /** Shows a payout main returned from an action without asking again. */
  readonly onChanged?: (payout: PayoutDetail) => void
}

export function PaySection({ payout, onChanged }: Props) {
  const { networks, loadNetworks } = useCatalogue()
  const sign = useSigningSessions((s) => s.sign)
  const session = useSigningSessions((s) => s.sessions[payout.id])
  const [dialog, setDialog] = useState<{
    readonly display: DeviceDisplay
    readonly plan: PlanKindName
    readonly transactions: number
  } | null>(null)
  const [trackingError, setTrackingError] = useState<string | null>(null)
  useEffect(() => {
    void loadNetworks()
  }, [loadNetworks])
  useTreasuryEvent((event) => {
    if (event.type === 'execution.trackingError' && event.chainId === payout.chainId) setTrackingError(event.message)
    if (event.type === 'execution.progress' && event.progress.payoutId === payout.id) setTrackingError(null)
  })
  const network = networks?.find((n) => n.chainId === payout.chainId)
  const explorerUrl = network?.explorerUrl ?? null
  // Exact across the whole payout: items may be only the first page of a large mass payout.
  const tally = tallyCounts(payout.itemCounts)
  // Rows already settled, on their way or released after a check: there is money history to show.
  const hasTransactions =
    tally.paid + tally.failed + tally.sending + tally.needsCheck > 0 ||
    payout.items.some((i) => i.txHash !== null) ||
    payout.timeline.some((e) => e.action === 'signed')
  const signing = session?.outcome.kind === 'running'

  const onSign = (request: {
    readonly accountPath: string
    readonly plan: PlanKindName
    readonly transactions: number
    readonly display: DeviceDisplay
  }): void => {
    setDialog({ display: request.display, plan: request.plan, transactions: request.transactions })
    void sign(payout.id, request.accountPath, request.plan, request.transactions)
  }

  return (
    <section className="panel pay-section" aria-labelledby="pay-title" data-testid="pay-section">
      <h2 id="pay-title">Payment</h2>
      <Body
        payout={payout}
        onChanged={onChanged}
        canPay={tally.toSend > 0 && tally.sending === 0 && !signing}
        needsCheck={tally.needsCheck}
        onSign={onSign}
      />
      <NeedsCheckRows payout={payout} explorerUrl={explorerUrl} onChanged={(p) => onChanged?.(p)} />
      {hasTransactions || payout.status === 'completed' || payout.status === 'failed' ? (
        <PaymentStatus payout={payout} explorerUrl={explorerUrl} nativeSymbol={network?.nativeSymbol ?? ''} />
      ) : null}
      {trackingError === null ? null : (
        <p className="text-warning" role="status" data-testid="tracking-error">
          {trackingError}
        </p>
      )}
      <SigningDialog
        open={dialog !== null}
        state={session}
        display={dialog?.display ?? 'clear'}
        signing={{ plan: dialog?.plan ?? 'per_recipient', transactions: dialog?.transactions ?? 1 }}
        explorerUrl={explorerUrl}
        onClose={() => setDialog(null)}
      />
    </section>
  )
}

interface BodyProps {
  readonly payout: PayoutDetail
  readonly onChanged: ((payout: PayoutDetail) => void) | undefined
  readonly canPay: boolean
  /** Rows whose payment the network cannot confirm: they wait for a person, not for the network. */
  readonly needsCheck: number
  readonly onSign: (request: {
    readonly accountPath: string
    readonly plan: PlanKindName
    readonly transactions: number
    readonly display: DeviceDisplay
  }) => void
}

function Body({ payout, onChanged, canPay, needsCheck, onSign }: BodyProps) {
  switch (payout.status) {
    case 'draft':
      return <SubmitBar payout={payout} onChanged={(p) => onChanged?.(p)} />
    case 'pending':
      return (
        <p className="notice" data-testid="pay-pending">
          Submitted. It waits for approval (see Approval above) before it can be signed and sent.
        </p>
      )
    case 'in_progress':
      if (canPay) return <PayerChoice payout={payout} ledger={<ReviewPanel payout={payout} onSign={onSign} />} />
      if (needsCheck > 0 && payout.itemCounts.in_progress === 0)
        return (
          <p className="text-warning" data-testid="pay-needs-check">
            Nothing is on its way. The rows below need checking before this payout can finish.
          </p>
        )
      return (
        <p className="muted" data-testid="pay-sending">
          The transactions are on their way. This page follows them until every row is settled.
        </p>
      )
    case 'completed':
      return (
        <p className="text-ok" data-testid="pay-completed">
          Every row is paid.
        </p>
      )
    case 'failed':
      return (
        <>
          <p className="text-error" data-testid="pay-failed">
            The payout ended with rows that were not paid. Their reasons are listed below.
          </p>
          <RetryFailedRows payout={payout} onChanged={(p) => onChanged?.(p)} />
        </>
      )
    case 'cancelled':
      return (
        <>
          <p className="muted">This payout was cancelled; nothing more will be sent.</p>
          <RevokeAllowance payout={payout} />
        </>
      )
    default:
      return assertNever(payout.status, 'payout status')
  }
}
