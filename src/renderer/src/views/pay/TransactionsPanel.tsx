// Runs in: renderer. Every transaction main recorded for a payout (payments, token allowance,
// speed-ups and cancels), each with its state, the rows it pays, the fee it cost and its explorer
// link; one not yet mined can be sped up or cancelled from here. Kept fresh by main's events.
import { useState } from 'react'
import type { PayoutDetail } from '../../../../shared/api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { shortHex } from '../../lib/format'
import { rowsLabel, transactionUrl } from '../../lib/pay/paymentStatus'
import { CANCEL_AFTER_SEND_HINT, REPLACEMENT_KIND } from '../../lib/pay/replacement'
import { describeTransactions, type TransactionLine } from '../../lib/pay/transactionList'
import { STEP_STATE } from '../../lib/pay/signingProgress'
import { ReplaceDialog, type ReplaceRequest } from './ReplaceDialog'
import { useSigningSessions } from '../../stores/signingSessions'
import { usePayoutTransactions } from './usePayoutTransactions'

interface Props {
  readonly payout: PayoutDetail
  readonly explorerUrl: string | null
  readonly nativeSymbol: string
}

const TONE_CLASS = { ok: 'text-ok', warning: 'text-warning', error: 'text-error', muted: 'muted' } as const

export function TransactionsPanel({ payout, explorerUrl, nativeSymbol }: Props) {
  const { transactions, error, reload } = usePayoutTransactions(payout.id, payout.updatedAt)
  const [request, setRequest] = useState<ReplaceRequest | null>(null)
  const [replacedNote, setReplacedNote] = useState<string | null>(null)
  const session = useSigningSessions((s) => s.sessions[payout.id])
  // A rejection by the node is only known from this window's signing; the journal has the rest.
  const rejectedReason = (hash: string): string | null =>
    session?.steps.find((s) => s.hash === hash && s.state === STEP_STATE.rejected)?.message ?? null

  if (error !== null && transactions === null)
    return <ErrorAlert error={error} title="The payout's transactions could not be read" onRetry={reload} />
  if (transactions === null || transactions.length === 0) return null
  const lines = describeTransactions(transactions, payout.items, nativeSymbol)
  const anyReplaceable = lines.some((l) => l.canReplace)

  return (
    <div className="pay-transactions" data-testid="transactions-panel">
      {payout.status === 'in_progress' && !payout.allowed.cancel ? (
        <p className="hint" data-testid="cancel-after-send-hint">
          {CANCEL_AFTER_SEND_HINT}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="table" data-testid="transactions-table">
          <thead>
            <tr>
              <th scope="col">Transaction</th>
              <th scope="col">Purpose</th>
              <th scope="col">Pays</th>
              <th scope="col">State</th>
              <th scope="col">Fee paid</th>
              {anyReplaceable ? <th scope="col">Not mined yet</th> : null}
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <TransactionRow
                key={line.tx.hash}
                line={line}
                explorerUrl={explorerUrl}
                rejected={rejectedReason(line.tx.hash)}
                actions={anyReplaceable}
                onReplace={(kind) => setRequest({ tx: line.tx, kind })}
              />
            ))}
          </tbody>
        </table>
      </div>
      {replacedNote === null ? null : (
        <p className="text-ok" role="status" data-testid="replace-sent">
          {replacedNote}
        </p>
      )}
      <ReplaceDialog
        payoutId={payout.id}
        chainId={payout.chainId}
        nativeSymbol={nativeSymbol}
        request={request}
        onClose={() => setRequest(null)}
        onReplaced={(hash) => {
          setReplacedNote(
            `${request?.kind === REPLACEMENT_KIND.cancel ? 'Cancel' : 'Speed-up'} sent: ${shortHex(hash, 10)}. Whichever transaction is mined first decides.`
          )
          setRequest(null)
          reload()
        }}
      />
    </div>
  )
}

interface RowProps {
  readonly line: TransactionLine
  readonly explorerUrl: string | null
  readonly rejected: string | null
  readonly actions: boolean
  readonly onReplace: (kind: ReplaceRequest['kind']) => void
}

function TransactionRow({ line, explorerUrl, rejected, actions, onReplace }: RowProps) {
  const { tx } = line
  const url = transactionUrl(explorerUrl, tx.hash)
  const reason = tx.failure ?? rejected
  return (
    <tr data-testid="transaction-row" data-state={tx.state} data-purpose={tx.purpose} data-hash={tx.hash}>
      <td className="mono">
        {url === null ? (
          <span title={tx.hash} data-testid="tx-hash">
            {tx.hash}
          </span>
        ) : (
          <a href={url} target="_blank" rel="noreferrer" title={tx.hash} data-testid="tx-link">
            {shortHex(tx.hash, 10)}
          </a>
        )}
        <span className="pay-transactions__nonce muted">nonce {tx.nonce}</span>
      </td>
      <td>{line.purpose}</td>
      <td>
        {line.rowNumbers.length === tx.rows && tx.rows > 0
          ? rowsLabel(line.rowNumbers)
          : tx.rows === 0
            ? '—'
            : `${tx.rows} row${tx.rows === 1 ? '' : 's'}`}
      </td>
      <td className={TONE_CLASS[line.tone]} data-testid="tx-state">
        {line.state}
        {tx.blockNumber === null ? null : <span className="signing__message">Block {tx.blockNumber}</span>}
        {line.replacedBy === null ? null : <span className="signing__message">By {shortHex(line.replacedBy, 8)}</span>}
        {reason === null ? null : (
          <span className="signing__message" data-testid="tx-failure">
            {reason}
          </span>
        )}
      </td>
      <td title={line.feeExact ?? undefined} data-testid="tx-fee">
        {line.feeText ?? '—'}
      </td>
      {actions ? (
        <td className="pay-transactions__actions">
          {line.canReplace ? (
            <button
              type="button"
              className="button button--small"
              onClick={() => onReplace(REPLACEMENT_KIND.speedUp)}
              data-testid="tx-speed-up"
            >
              Speed up
            </button>
          ) : null}
          {line.canCancel ? (
            <button
              type="button"
              className="button button--small button--danger-outline"
              onClick={() => onReplace(REPLACEMENT_KIND.cancel)}
              data-testid="tx-cancel"
            >
              Cancel
            </button>
          ) : null}
        </td>
      ) : null}
    </tr>
  )
}
