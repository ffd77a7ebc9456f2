// Runs in: renderer. The Ledger, always in reach from the side bar: its state in words and what to
// do next, and a dialog to choose and verify the payer account per network.
import { useEffect, useId, useState } from 'react'
import { describeDevice } from '../../lib/pay/deviceStatus'
import { useCatalogue } from '../../stores/catalogue'
import { useDevice } from '../../stores/device'
import { Dialog } from '../Dialog'
import { PayerAccountPicker } from './PayerAccountPicker'
import { useDevicePolling } from './useDevicePolling'
import '../../styles/pay.css'

export function DevicePanel() {
  useDevicePolling()
  const status = useDevice((s) => s.status)
  const statusError = useDevice((s) => s.statusError)
  const [open, setOpen] = useState(false)
  const d = status === null ? null : describeDevice(status)
  return (
    <section
      className="device-panel"
      aria-label="Ledger"
      data-testid="device-panel"
      data-device={status?.kind ?? 'unknown'}
    >
      <p className="device-panel__title">
        <span className={`device-dot device-dot--${d?.tone ?? 'waiting'}`} aria-hidden="true" /> Ledger
      </p>
      <p className="device-panel__headline" role="status" data-testid="device-headline">
        {d === null ? (statusError === null ? 'Checking…' : 'Status unknown') : d.headline}
      </p>
      {d !== null && d.next !== '' ? (
        <p className="device-panel__next" data-testid="device-next">
          {d.next}
        </p>
      ) : null}
      {statusError === null ? null : <p className="device-panel__next">{statusError.message}</p>}
      <button
        type="button"
        className="button button--small device-panel__button"
        onClick={() => setOpen(true)}
        data-testid="device-accounts"
      >
        Payer accounts…
      </button>
      <AccountsDialog open={open} onClose={() => setOpen(false)} />
    </section>
  )
}

function AccountsDialog({ open, onClose }: { readonly open: boolean; readonly onClose: () => void }) {
  const id = useId()
  const { networks, loadNetworks } = useCatalogue()
  const [chainId, setChainId] = useState<number | null>(null)
  useEffect(() => {
    if (open) void loadNetworks()
  }, [open, loadNetworks])
  const chosen = chainId ?? networks?.[0]?.chainId ?? null
  return (
    <Dialog open={open} title="Payer accounts" onClose={onClose} testId="accounts-dialog">
      <p>Choose which Ledger account pays on each network. Payouts on that network are signed with it.</p>
      <div className="field">
        <label htmlFor={`${id}-network`}>Network</label>
        <select
          id={`${id}-network`}
          className="input"
          value={chosen ?? ''}
          onChange={(e) => setChainId(Number(e.target.value))}
          data-testid="accounts-network"
        >
          {(networks ?? []).map((n) => (
            <option key={n.chainId} value={n.chainId}>
              {n.name}
            </option>
          ))}
        </select>
      </div>
      {chosen === null ? (
        <p className="loading">Loading networks…</p>
      ) : (
        <PayerAccountPicker key={chosen} chainId={chosen} />
      )}
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  )
}
