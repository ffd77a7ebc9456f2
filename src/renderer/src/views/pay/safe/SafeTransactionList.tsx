// Runs in: renderer. A payout's Safe transactions with their actions, as one list: every action
// asks main and shows what main returns (the Safe transactions as they now stand) or why not.
import { useState } from 'react'
import type { SafePayoutView, SafeTransactionView } from '../../../../../shared/safe'
import { api, type AppError } from '../../../api'
import { Address } from '../../../components/Address'
import { ErrorAlert } from '../../../components/ErrorAlert'
import { usePayerPath } from '../../../stores/preferences'
import { chosenFileBase64, saveFile } from '../../approvals/fileActions'
import { SafeTransactionCard, type SafeAction } from './SafeTransactionCard'

interface Props {
  readonly view: SafePayoutView
  readonly onChanged: (view: SafePayoutView) => void
}

export function SafeTransactionList({ view, onChanged }: Props) {
  const accountPath = usePayerPath(view.chainId)
  const [busy, setBusy] = useState<SafeAction | null>(null)
  const [error, setError] = useState<{ title: string; error: AppError } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const id = view.payoutId

  const run = async (action: SafeAction, tx: SafeTransactionView, input?: HTMLInputElement): Promise<void> => {
    setError(null)
    setNotice(null)
    const fail = (title: string, e: AppError): void => setError({ title, error: e })
    const safeTxHash = tx.safeTxHash
    setBusy(action)
    try {
      switch (action) {
        case 'export': {
          const problem = saveFile(await api.exportSafeTransaction({ id, safeTxHash }))
          if (problem) return fail('The Safe transaction was not exported', problem)
          return setNotice(
            'Saved. Each owner imports it in Settings → Treasury accounts, signs, and sends back the signature file.'
          )
        }
        case 'builder': {
          const problem = saveFile(await api.exportTransactionBuilder({ id, safeTxHash }))
          if (problem) fail('The Transaction Builder file was not made', problem)
          return
        }
        case 'import': {
          if (input === undefined) return
          const name = input.files?.[0]?.name ?? 'signature.json'
          const file = await chosenFileBase64(input)
          if (file === null) return
          if (!file.ok) return fail('The signature file was not read', file.error)
          const r = await api.importSafeSignature({ id, fileName: name, contentBase64: file.value })
          return r.ok ? onChanged(r.value) : fail('The signature was not accepted', r.error)
        }
        case 'sign': {
          const r = await api.signSafeTransaction({ id, safeTxHash, accountPath })
          return r.ok ? onChanged(r.value) : fail('The Safe transaction was not signed', r.error)
        }
        case 'execute': {
          const r = await api.executeSafeTransaction({ id, safeTxHash, accountPath })
          return r.ok ? onChanged(r.value) : fail('The Safe transaction was not executed', r.error)
        }
        case 'cancel': {
          if (
            !window.confirm(
              'Plan a cancellation? The owners sign a zero-value Safe transaction at the same number; once executed, this one can never run.'
            )
          )
            return
          const r = await api.cancelSafeTransaction({ id, safeTxHash })
          return r.ok ? onChanged(r.value) : fail('The cancellation was not planned', r.error)
        }
      }
    } finally {
      setBusy(null)
    }
  }

  const exportSignature = async (tx: SafeTransactionView, signer: string): Promise<void> => {
    const problem = saveFile(await api.exportSafeSignature({ id, safeTxHash: tx.safeTxHash, signer }))
    if (problem) setError({ title: 'The signature file was not saved', error: problem })
    else setNotice('Signature file saved. Send it to the desk that executes the payout.')
  }

  return (
    <div className="safe-txs" data-testid="safe-transactions">
      <dl className="safe-summary" data-testid="safe-summary">
        <dt>Safe</dt>
        <dd>
          <Address value={view.safe} />
        </dd>
        <dt>Signatures</dt>
        <dd>
          {view.threshold} of {view.owners.length} owners
        </dd>
        <dt>Owners</dt>
        <dd>
          <ul className="safe-summary__owners">
            {view.owners.map((o) => (
              <li key={o.address}>
                {o.name === null ? <Address value={o.address} /> : <span title={o.address}>{o.name}</span>}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Next number</dt>
        <dd>{view.safeNonce}</dd>
      </dl>
      {view.origin === 'planned' ? (
        <p className="muted">Signing on this desk and executing use the Ledger account chosen above.</p>
      ) : null}
      {error === null ? null : <ErrorAlert error={error.error} title={error.title} />}
      {notice === null ? null : (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ul className="safe-tx-list">
        {view.transactions.map((tx) => (
          <SafeTransactionCard
            key={tx.safeTxHash}
            view={view}
            tx={tx}
            busy={busy}
            onAction={(a, t, input) => void run(a, t, input)}
            onExportSignature={(t, signer) => void exportSignature(t, signer)}
          />
        ))}
      </ul>
    </div>
  )
}
