// Runs in: renderer. Confirms "Speed up" or "Cancel" of one transaction not yet mined: what will
// happen to its rows and fees, which Ledger account must sign (the one that sent it; the payer
// picker is right here to switch to it), then asks main to sign and send the replacement. The
// dialog cannot be closed while the Ledger waits for the user.
import { useState } from 'react'
import type { PayoutTransactionView } from '../../../../shared/execution'
import { api, type AppError } from '../../api'
import { Dialog } from '../../components/Dialog'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PayerAccountPicker } from '../../components/device/PayerAccountPicker'
import { shortHex } from '../../lib/format'
import {
  checkReplacementSigner,
  REPLACEMENT_KIND,
  replacementExplanation,
  replacementTitle,
  SIGNER_CHECK,
  type ReplacementKind
} from '../../lib/pay/replacement'
import { knownAccounts, useDevice } from '../../stores/device'
import { usePayerPath, usePreferences } from '../../stores/preferences'

export interface ReplaceRequest {
  readonly tx: PayoutTransactionView
  readonly kind: ReplacementKind
}

interface Props {
  readonly payoutId: string
  readonly chainId: number
  readonly nativeSymbol: string
  readonly request: ReplaceRequest | null
  readonly onClose: () => void
  /** The replacement was signed and handed to the network. */
  readonly onReplaced: (hash: string) => void
}

export function ReplaceDialog({ payoutId, chainId, nativeSymbol, request, onClose, onReplaced }: Props) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<AppError | null>(null)
  const path = usePayerPath(chainId)
  const accounts = useDevice((s) => s.accounts)
  const choosePayer = usePreferences((s) => s.choosePayer)
  const check = request === null ? null : checkReplacementSigner(request.tx.from, path, knownAccounts(accounts))

  const close = (): void => {
    if (busy) return
    setError(null)
    onClose()
  }

  const confirm = async (): Promise<void> => {
    if (request === null || check === null || check.kind === SIGNER_CHECK.mismatch) return
    setBusy(true)
    setError(null)
    const result = await api.replaceTransaction({
      id: payoutId,
      hash: request.tx.hash,
      kind: request.kind,
      accountPath: check.path
    })
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      return
    }
    onReplaced(result.value.hash)
  }

  const cancel = request?.kind === REPLACEMENT_KIND.cancel
  return (
    <Dialog
      open={request !== null}
      title={request === null ? 'Replace transaction' : replacementTitle(request.kind)}
      onClose={close}
      testId="replace-dialog"
    >
      {request === null ? null : (
        <div className="replace">
          <p className="replace__target">
            <span className="muted">Transaction</span>{' '}
            <span className="mono" title={request.tx.hash}>
              {shortHex(request.tx.hash, 10)}
            </span>{' '}
            <span className="muted">nonce {request.tx.nonce}, from</span>{' '}
            <span className="mono">{request.tx.from}</span>
          </p>
          {replacementExplanation(request.kind, request.tx, nativeSymbol).map((line) => (
            <p key={line} data-testid="replace-explanation">
              {line}
            </p>
          ))}
          <h3 className="pay-step__title">Signing account</h3>
          <PayerAccountPicker chainId={chainId} disabled={busy} />
          {check === null || check.kind === SIGNER_CHECK.ok ? null : check.kind === SIGNER_CHECK.unverified ? (
            <p className="hint" data-testid="replace-signer-unverified">
              {check.message}
            </p>
          ) : (
            <div className="alert alert--error" role="alert" data-testid="replace-signer-mismatch">
              <p className="alert__title">A different account is needed</p>
              <p className="alert__message">{check.message}</p>
              {check.knownPath === null ? null : (
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy}
                  onClick={() => choosePayer(chainId, check.knownPath ?? path)}
                  data-testid="replace-use-sender"
                >
                  Use that account
                </button>
              )}
            </div>
          )}
          {busy ? (
            <p className="signing__prompt" role="status" data-testid="replace-confirm-on-device">
              Confirm the new transaction on your Ledger.
            </p>
          ) : null}
          {error === null ? null : (
            <ErrorAlert
              error={error}
              title={cancel ? 'The transaction was not cancelled' : 'The transaction was not sped up'}
              focus
            />
          )}
        </div>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" disabled={busy} onClick={close} data-testid="replace-back">
          Back
        </button>
        <button
          type="button"
          className={cancel ? 'button button--danger' : 'button button--primary'}
          disabled={busy || check === null || check.kind === SIGNER_CHECK.mismatch}
          onClick={() => void confirm()}
          data-testid="replace-confirm"
        >
          {busy ? 'Check your Ledger…' : cancel ? 'Cancel it: sign on Ledger' : 'Speed up: sign on Ledger'}
        </button>
      </div>
    </Dialog>
  )
}
