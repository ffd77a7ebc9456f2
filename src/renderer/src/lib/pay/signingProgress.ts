// Runs in: renderer. What the signing dialog knows about one "Sign and send": a step per
// transaction of the plan, moved along by main's execution.progress events (signing, signed,
// broadcast, mined, confirmed, failed...) and closed by executePayout's answer. A pure reducer,
// so the walk-through is tested without a device.
import type { DeviceScreenView, ExecutionProgressView, ExecutionResultView } from '../../../../shared/execution'
import { assertNever } from '../../../../shared/result'

export const STEP_STATE = {
  waiting: 'waiting',
  signing: 'signing',
  signed: 'signed',
  sent: 'sent',
  maybeSent: 'maybe_sent',
  rejected: 'rejected',
  mined: 'mined',
  confirmed: 'confirmed',
  failed: 'failed',
  /** The network shows its nonce used but no receipt for it: whether it paid needs checking. */
  unverified: 'unverified'
} as const
export type StepState = (typeof STEP_STATE)[keyof typeof STEP_STATE]

export interface StepView {
  readonly index: number
  readonly state: StepState
  readonly hash: string | null
  readonly message: string | null
  /** What the Ledger shows for this transaction, known before the device asks (null: not a Ledger). */
  readonly screen: DeviceScreenView | null
}

export type SigningOutcome =
  | { readonly kind: 'running' }
  | { readonly kind: 'sent'; readonly result: ExecutionResultView }
  | { readonly kind: 'error'; readonly code: string; readonly message: string }

export interface SigningState {
  readonly payoutId: string
  readonly steps: readonly StepView[]
  /** The step waiting for a confirmation on the device, if any. */
  readonly current: number | null
  readonly warnings: readonly string[]
  readonly outcome: SigningOutcome
}

export type ProgressEvent = ExecutionProgressView

export function startSigning(payoutId: string, transactions: number): SigningState {
  const steps = Array.from({ length: Math.max(0, transactions) }, (_, index): StepView => ({
    index,
    state: STEP_STATE.waiting,
    hash: null,
    message: null,
    screen: null
  }))
  return { payoutId, steps, current: null, warnings: [], outcome: { kind: 'running' } }
}

/** Steps nothing more will happen to soon; an unverified one waits for a person or a later check. */
const SETTLED: ReadonlySet<StepState> = new Set([
  STEP_STATE.confirmed,
  STEP_STATE.failed,
  STEP_STATE.rejected,
  STEP_STATE.unverified
])

function update(state: SigningState, match: (s: StepView) => boolean, patch: Partial<StepView>): SigningState {
  let found = false
  const steps = state.steps.map((s) => {
    if (found || !match(s)) return s
    found = true
    return { ...s, ...patch }
  })
  return found ? { ...state, steps } : state
}

function withStep(state: SigningState, index: number): SigningState {
  if (index < state.steps.length) return state
  // A plan can be rebuilt with more steps than the quote said (prices moved): grow, never drop events.
  const extra = Array.from({ length: index + 1 - state.steps.length }, (_, i): StepView => ({
    index: state.steps.length + i,
    state: STEP_STATE.waiting,
    hash: null,
    message: null,
    screen: null
  }))
  return { ...state, steps: [...state.steps, ...extra] }
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null)

export function reduceProgress(state: SigningState, event: ProgressEvent): SigningState {
  if (event.payoutId !== state.payoutId) return state
  const byHash = (hash: string) => (s: StepView) => s.hash === hash
  switch (event.type) {
    case 'signing': {
      const step = event.step
      const patch = { state: STEP_STATE.signing, screen: event.screen }
      return { ...update(withStep(state, step), (s) => s.index === step, patch), current: step }
    }
    case 'signed': {
      const step = event.step
      const next = update(withStep(state, step), (s) => s.index === step, {
        state: STEP_STATE.signed,
        hash: event.hash
      })
      return { ...next, current: null }
    }
    case 'broadcast':
      return update(state, byHash(event.hash), { state: STEP_STATE.sent })
    case 'maybe_sent':
      return update(state, byHash(event.hash), {
        state: STEP_STATE.maybeSent,
        message: 'The network did not answer clearly; the app checks by hash whether it arrived.'
      })
    case 'broadcast_rejected':
      return update(state, byHash(event.hash), {
        state: STEP_STATE.rejected,
        message: text(event.message) ?? 'The network refused this transaction.'
      })
    case 'mined':
      return update(state, (s) => byHash(event.hash)(s) && !SETTLED.has(s.state), {
        state: STEP_STATE.mined,
        message: `Included in block ${event.blockNumber}`
      })
    case 'reorged':
      return update(state, byHash(event.hash), {
        state: STEP_STATE.sent,
        message: 'Its block was replaced; waiting to be included again.'
      })
    case 'confirmed':
      return update(state, byHash(event.hash), { state: STEP_STATE.confirmed })
    case 'failed':
      return update(state, byHash(event.hash), {
        state: STEP_STATE.failed,
        message: text(event.reason) ?? 'The transaction failed on the network.'
      })
    case 'unverified':
      return update(state, byHash(event.hash), {
        state: STEP_STATE.unverified,
        message: text(event.reason) ?? 'No receipt can be read for it: check it before paying its rows again.'
      })
    case 'replaced':
      return update(state, byHash(event.hash), {
        hash: event.byHash,
        message: 'Replaced by a new transaction with the same nonce.'
      })
    case 'warning':
      return text(event.message) === null ? state : { ...state, warnings: [...state.warnings, event.message] }
    default:
      return assertNever(event, 'execution progress')
  }
}

/** executePayout answered: everything signed is on its way (or the call failed before signing all). */
export function finishSigning(state: SigningState, result: ExecutionResultView): SigningState {
  return { ...state, current: null, outcome: { kind: 'sent', result } }
}

export function failSigning(
  state: SigningState,
  error: { readonly code: string; readonly message: string }
): SigningState {
  return { ...state, current: null, outcome: { kind: 'error', code: error.code, message: error.message } }
}

export interface SigningSummary {
  readonly total: number
  readonly signed: number
  readonly confirmed: number
  readonly failed: number
  /** True when every signed step has settled and executePayout has answered. */
  readonly settled: boolean
}

export function summarizeSigning(state: SigningState): SigningSummary {
  const signed = state.steps.filter((s) => s.hash !== null).length
  const confirmed = state.steps.filter((s) => s.state === STEP_STATE.confirmed).length
  const failed = state.steps.filter((s) => s.state === STEP_STATE.failed || s.state === STEP_STATE.rejected).length
  const settledSteps = state.steps.filter((s) => s.hash !== null).every((s) => SETTLED.has(s.state))
  return {
    total: state.steps.length,
    signed,
    confirmed,
    failed,
    settled: state.outcome.kind !== 'running' && settledSteps
  }
}

/**
 * The screen to show: the one the device is asking about now, else the last one it showed (so the
 * person can still read what they confirmed). Null before the first transaction is prepared.
 */
export function shownScreen(
  state: SigningState
): { readonly step: number; readonly screen: DeviceScreenView; readonly waiting: boolean } | null {
  if (state.current !== null) {
    const screen = state.steps[state.current]?.screen ?? null
    if (screen !== null) return { step: state.current, screen, waiting: true }
  }
  for (let i = state.steps.length - 1; i >= 0; i--) {
    const screen = state.steps[i]?.screen ?? null
    if (screen !== null) return { step: i, screen, waiting: false }
  }
  return null
}

/** The line the dialog shows while the device waits: "Confirm 1 of 2 on your Ledger". */
export function confirmPrompt(state: SigningState): string | null {
  if (state.current === null) return null
  return `Confirm ${state.current + 1} of ${state.steps.length} on your Ledger`
}
