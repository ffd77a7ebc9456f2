// Runs in: renderer. One Safe transaction of a payout: its number, what it pays, where it stands,
// the owner signatures collected (roster name or address) of the threshold, the two hashes exactly
// as a Ledger without full EIP-712 shows them, and what can be done here: sign on this desk's
// Ledger, export it (a payment or its cancellation) for the other owners, import their signature
// files, execute once the threshold is met, cancel, or hand it to Safe{Wallet}'s Transaction Builder.
import type { SafePayoutView, SafeTransactionView } from '../../../../../shared/safe'
import { Address } from '../../../components/Address'
import { JsonFileButton } from '../../../components/JsonFileButton'
import { Money } from '../../../components/Money'
import { SafeTxRecipients } from './SafeTxRecipients'

const STATE_LABEL: Readonly<Record<SafeTransactionView['state'], string>> = {
  awaiting_signatures: 'Waiting for owner signatures',
  executing: 'Sent to the network',
  executed: 'Executed',
  nonce_consumed: 'Nonce used elsewhere',
  cancelled: 'Cancelled',
  superseded: 'Planned again'
}

/** Each state in the colours the payout statuses use: waiting amber, sent blue, done green, void grey (struck through only when cancelled). */
const STATE_BADGE: Readonly<Record<SafeTransactionView['state'], string>> = {
  awaiting_signatures: 'badge badge--pending',
  executing: 'badge badge--in_progress',
  executed: 'badge badge--completed',
  nonce_consumed: 'badge badge--failed',
  cancelled: 'badge badge--cancelled',
  superseded: 'badge badge--draft'
}

/** An open transaction with enough owner signatures waits only for someone to execute it. */
const READY_LABEL = 'Ready to execute'

export type SafeAction = 'sign' | 'export' | 'import' | 'execute' | 'cancel' | 'builder'

interface Props {
  readonly view: SafePayoutView
  readonly tx: SafeTransactionView
  readonly busy: SafeAction | null
  readonly onAction: (action: SafeAction, tx: SafeTransactionView, input?: HTMLInputElement) => void
  /** Saves the signature made on this desk as a file for the desk that executes. */
  readonly onExportSignature: (tx: SafeTransactionView, signer: string) => void
}

export function SafeTransactionCard({ view, tx, busy, onAction, onExportSignature }: Props) {
  const open = tx.state === 'awaiting_signatures'
  const planned = view.origin === 'planned'
  const enough = tx.signatures.length >= tx.threshold
  // Once a cancellation of this number is planned, the owners sign that one: no second is offered.
  const cancelPlanned = view.transactions.some(
    (t) => t.purpose === 'cancel' && t.nonce === tx.nonce && t.state === 'awaiting_signatures'
  )
  const title = tx.purpose === 'cancel' ? 'Cancellation' : `Safe transaction ${tx.position + 1} of ${tx.of}`
  return (
    <li
      className={`safe-tx safe-tx--${tx.state}`}
      data-testid="safe-tx"
      data-state={tx.state}
      data-hash={tx.safeTxHash}
    >
      <div className="safe-tx__head">
        <strong>{title}</strong> <span className="muted">number {tx.nonce}</span>{' '}
        <span className={open && enough ? 'badge badge--ready' : STATE_BADGE[tx.state]} data-testid="safe-tx-state">
          {open && enough ? READY_LABEL : STATE_LABEL[tx.state]}
        </span>
      </div>
      {tx.purpose === 'payment' ? (
        <p>
          Pays {tx.rowCount} recipient{tx.rowCount === 1 ? '' : 's'}:{' '}
          <Money baseUnits={tx.totalBaseUnits} decimals={view.decimals} symbol={view.assetSymbol} />
          {tx.operation === 1 ? ' through MultiSendCallOnly' : ''}
        </p>
      ) : null}
      <SafeTxRecipients tx={tx} decimals={view.decimals} symbol={view.assetSymbol} open={!planned} />
      {tx.explanation === null ? null : (
        <p className="text-warning" data-testid="safe-tx-explanation">
          {tx.explanation}
          {tx.pairedWith === null ? null : (
            <>
              {' '}
              <span className="muted nowrap">
                {tx.purpose === 'cancel' ? 'Payment' : 'Cancellation'}:{' '}
                <Address value={tx.pairedWith} testId="safe-tx-paired" />
              </span>
            </>
          )}
        </p>
      )}
      <p data-testid="safe-tx-signatures">
        <strong>
          {tx.signatures.length} of {tx.threshold}
        </strong>{' '}
        owner signatures
      </p>
      <ul className="safe-tx__signatures">
        {tx.signatures.map((s) => (
          <li key={s.signer}>
            ✓ {s.name ?? <Address value={s.signer} full />}{' '}
            <span className="muted">
              {s.source === 'device' ? 'on this desk’s Ledger' : `from ${s.sourceFile ?? 'a file'}`}
            </span>{' '}
            {s.source === 'device' ? (
              <button
                type="button"
                className="button button--small"
                onClick={() => onExportSignature(tx, s.signer)}
                data-testid="safe-export-signature"
              >
                Export signature file
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <details className="safe-tx__hashes">
        <summary>What the Ledger shows</summary>
        <p className="muted">
          Full EIP-712 Ledgers show each field. Others show these two hashes: compare them character by character.
        </p>
        <dl>
          <dt>Safe transaction hash</dt>
          <dd>
            <Address value={tx.safeTxHash} full />
          </dd>
          <dt>Domain hash</dt>
          <dd className="mono">{tx.domainHash}</dd>
          <dt>Message hash</dt>
          <dd className="mono">{tx.messageHash}</dd>
        </dl>
      </details>
      {tx.executionHash === null ? null : (
        <p className="muted">
          Executed in network transaction <Address value={tx.executionHash} />
        </p>
      )}
      {open ? (
        <div className="actions">
          {enough ? null : (
            <button
              type="button"
              className="button button--small"
              disabled={busy !== null}
              onClick={() => onAction('sign', tx)}
              data-testid="safe-sign"
            >
              {busy === 'sign' ? 'Confirm on your Ledger…' : 'Sign on this desk’s Ledger'}
            </button>
          )}
          {planned ? (
            <button
              type="button"
              className="button button--small"
              disabled={busy !== null}
              onClick={() => onAction('export', tx)}
              data-testid="safe-export"
            >
              Export for owners
            </button>
          ) : null}
          <JsonFileButton
            label="Import signature…"
            importing={busy === 'import'}
            disabled={busy !== null}
            onFile={(input) => onAction('import', tx, input)}
            testId="safe-import-signature"
          />
          {planned ? (
            <button
              type="button"
              className="button button--small button--primary"
              disabled={busy !== null || !enough}
              title={enough ? undefined : `${tx.threshold - tx.signatures.length} more owner signature(s) needed`}
              onClick={() => onAction('execute', tx)}
              data-testid="safe-execute"
            >
              {busy === 'execute' ? 'Executing…' : 'Execute'}
            </button>
          ) : null}
          {tx.purpose === 'payment' && planned ? (
            <>
              <button
                type="button"
                className="button button--small"
                disabled={busy !== null}
                onClick={() => onAction('builder', tx)}
              >
                Transaction Builder file
              </button>
              {cancelPlanned ? null : (
                <button
                  type="button"
                  className="button button--small button--danger"
                  disabled={busy !== null}
                  onClick={() => onAction('cancel', tx)}
                  data-testid="safe-cancel"
                >
                  Cancel…
                </button>
              )}
            </>
          ) : null}
        </div>
      ) : null}
    </li>
  )
}
