// Runs in: renderer. Walks the user through signing a payout on the Ledger: "Confirm 1 of 2 on your
// Ledger", exactly what the device shows for the transaction it is asking about (received before the
// device asks), each transaction's progress as main reports it (signed, sent, included, confirmed or
// failed) and the outcome. It cannot be closed while the device waits.
import type { DeviceDisplay } from '../../../../shared/execution'
import { Dialog } from '../../components/Dialog'
import { shortHex } from '../../lib/format'
import {
  confirmPrompt,
  shownScreen,
  STEP_STATE,
  summarizeSigning,
  type SigningState,
  type StepState
} from '../../lib/pay/signingProgress'
import { transactionUrl } from '../../lib/pay/paymentStatus'
import { assertNever } from '../../../../shared/result'
import { deviceShows, type SigningCase } from '../../lib/pay/devicePrompt'
import { DeviceScreenPanel } from './DeviceScreenPanel'

interface Props {
  readonly open: boolean
  readonly state: SigningState | undefined
  readonly display: DeviceDisplay
  /** The plan being signed and how many transactions it has, so the words fit the case. */
  readonly signing: SigningCase
  readonly explorerUrl: string | null
  readonly onClose: () => void
}

function stepLabel(state: StepState): string {
  switch (state) {
    case STEP_STATE.waiting:
      return 'Waiting'
    case STEP_STATE.signing:
      return 'Confirm on your Ledger'
    case STEP_STATE.signed:
      return 'Signed, sending'
    case STEP_STATE.sent:
      return 'Sent, waiting to be included'
    case STEP_STATE.maybeSent:
      return 'Checking whether it arrived'
    case STEP_STATE.rejected:
      return 'Refused by the network'
    case STEP_STATE.mined:
      return 'Included, confirming'
    case STEP_STATE.confirmed:
      return 'Confirmed'
    case STEP_STATE.failed:
      return 'Failed'
    case STEP_STATE.unverified:
      return 'Needs checking'
    default:
      return assertNever(state, 'step state')
  }
}

export function SigningDialog({ open, state, display, signing, explorerUrl, onClose }: Props) {
  const running = state === undefined || state.outcome.kind === 'running'
  const prompt = state === undefined ? null : confirmPrompt(state)
  const shows = deviceShows(display, signing)
  const screen = state === undefined ? null : shownScreen(state)
  const summary = state === undefined ? null : summarizeSigning(state)
  return (
    <Dialog
      open={open}
      title="Sign and send"
      wide
      onClose={() => (running ? undefined : onClose())}
      testId="signing-dialog"
    >
      <div className="signing" aria-live="polite">
        <p className="signing__prompt" data-testid="signing-prompt">
          {prompt ?? (running ? 'Preparing and checking the transactions…' : 'Signing finished.')}
        </p>
        {screen === null ? (
          <div className={shows.blind ? 'notice notice--warning' : 'notice'} data-testid="device-shows">
            <p className="notice__title">{shows.title}</p>
            <p>{shows.text}</p>
          </div>
        ) : (
          <DeviceScreenPanel
            screen={screen.screen}
            step={screen.step}
            steps={state?.steps.length ?? 1}
            waiting={screen.waiting && running}
            plan={signing.plan}
          />
        )}
        {state === undefined ? null : (
          <ol className="signing__steps" data-testid="signing-steps">
            {state.steps.map((s) => {
              const url = s.hash === null ? null : transactionUrl(explorerUrl, s.hash)
              return (
                <li
                  key={s.index}
                  className={`signing__step signing__step--${s.state}`}
                  data-testid="signing-step"
                  data-state={s.state}
                >
                  <span className="signing__index">Transaction {s.index + 1}</span>
                  <span className="signing__state">{stepLabel(s.state)}</span>
                  {s.hash === null ? null : url === null ? (
                    <span className="mono" title={s.hash}>
                      {shortHex(s.hash, 8)}
                    </span>
                  ) : (
                    <a className="mono" href={url} target="_blank" rel="noreferrer" title={s.hash}>
                      {shortHex(s.hash, 8)}
                    </a>
                  )}
                  {s.message === null ? null : <span className="signing__message">{s.message}</span>}
                </li>
              )
            })}
          </ol>
        )}
        {state?.warnings.map((w) => (
          <p key={w} className="text-warning">
            {w}
          </p>
        ))}
        <Outcome state={state} />
        {summary === null || running ? null : (
          <p className="muted" data-testid="signing-summary">
            {summary.signed} of {summary.total} signed · {summary.confirmed} confirmed · {summary.failed} failed
            {summary.settled ? '' : ' · following the rest on the network; you can close this window'}
          </p>
        )}
      </div>
      <div className="dialog__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={running}
          onClick={onClose}
          data-testid="signing-close"
        >
          {running ? 'Signing…' : 'Close'}
        </button>
      </div>
    </Dialog>
  )
}

function Outcome({ state }: { readonly state: SigningState | undefined }) {
  if (state === undefined) return null
  const o = state.outcome
  switch (o.kind) {
    case 'running':
      return null
    case 'error':
      return (
        <div className="alert alert--error" role="alert" data-testid="signing-error" data-code={o.code}>
          <p className="alert__title">Nothing was sent</p>
          <p className="alert__message">{o.message}</p>
          <p className="alert__code">
            Code: <code>{o.code}</code>
          </p>
        </div>
      )
    case 'sent':
      return o.result.stopped === null ? (
        <p className="text-ok" data-testid="signing-outcome">
          All {o.result.signed.length} transaction{o.result.signed.length === 1 ? ' was' : 's were'} signed and sent.
        </p>
      ) : (
        <div
          className="alert alert--error"
          role="alert"
          data-testid="signing-stopped"
          data-code={o.result.stopped.code}
        >
          <p className="alert__title">
            Stopped at transaction {o.result.stopped.step + 1}: {o.result.signed.length} sent
          </p>
          <p className="alert__message">{o.result.stopped.message}</p>
          <p>
            {o.result.stopped.requeuedRows.length} row{o.result.stopped.requeuedRows.length === 1 ? ' was' : 's were'}{' '}
            not paid and can be sent again once the sent transactions settle.
          </p>
        </div>
      )
    default:
      return assertNever(o, 'signing outcome')
  }
}
