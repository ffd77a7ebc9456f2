// Runs in: renderer. What the Ledger shows for one transaction, shown here before the device asks:
// the screen's title and each field as the device will display it (a hash in groups of four, to
// compare group by group), and what to check on this particular transaction.
import type { DeviceScreenView, PlanKindName } from '../../../../shared/execution'
import { screenFields, whatToCheck } from '../../lib/pay/deviceScreen'

interface Props {
  readonly screen: DeviceScreenView
  readonly step: number
  readonly steps: number
  /** True while the device waits for this transaction; false once it was confirmed. */
  readonly waiting: boolean
  readonly plan: PlanKindName | null
}

export function DeviceScreenPanel({ screen, step, steps, waiting, plan }: Props) {
  const of = steps > 1 ? ` (transaction ${step + 1} of ${steps})` : ''
  return (
    <div
      className={screen.blind ? 'device-screen device-screen--blind' : 'device-screen'}
      data-testid="device-screen"
      data-step={step}
      data-waiting={waiting}
      data-blind={screen.blind}
    >
      <p className="device-screen__heading">{waiting ? `Your Ledger shows${of}:` : `Your Ledger showed${of}:`}</p>
      <div className="device-screen__device">
        <p className="device-screen__title" data-testid="device-screen-title">
          {screen.title}
        </p>
        <dl className="device-screen__fields">
          {screenFields(screen).map((f) => (
            <div key={f.label} className="device-screen__field" data-testid="device-screen-field" data-label={f.label}>
              <dt>{f.label}</dt>
              {f.kind === 'hash' ? (
                <dd className="device-screen__hash" data-testid="device-screen-hash" aria-label={f.value}>
                  {f.groups.map((g, i) => (
                    // Groups can repeat; their position is their identity.
                    <span key={i}>{g}</span>
                  ))}
                </dd>
              ) : (
                <dd className={f.kind === 'address' ? 'mono' : undefined} data-testid="device-screen-value">
                  {f.value}
                </dd>
              )}
            </div>
          ))}
        </dl>
      </div>
      <p className="device-screen__check" data-testid="device-screen-check">
        {whatToCheck(screen, plan)}
      </p>
    </div>
  )
}
