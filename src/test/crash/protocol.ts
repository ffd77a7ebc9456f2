// Runs in: tests (plain Node). The line protocol between the crash test and its child. The child
// writes `DO ...` before each call and `ACK ...` after the call has returned, so at any kill the
// parent knows every acknowledged change and the one (at most) that was in flight.
import type { PayoutStatus } from '../../shared/statuses'

export const READY_LINE = 'READY'
/** USDC on Ethereum (6 decimals): the currency of every payout the child writes. */
export const CRASH_ASSET_ID = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'

/** What a payout must look like in the database. */
export interface PayoutState {
  readonly status: PayoutStatus
  readonly total: bigint
  readonly recipients: number
}

export type CrashOp = 'create' | 'update' | 'cancel'

/** A change the child is about to make; `id` is unknown for a create until it returns. */
export interface Intent {
  readonly op: CrashOp
  readonly id: string | null
  readonly after: PayoutState
}

export interface Ack {
  readonly op: CrashOp
  readonly id: string
  readonly state: PayoutState
}

const idOrDash = (id: string | null): string => id ?? '-'

export function formatIntent(i: Intent): string {
  return `DO ${i.op} ${idOrDash(i.id)} ${i.after.status} ${i.after.total} ${i.after.recipients}`
}

export function formatAck(a: Ack): string {
  return `ACK ${a.op} ${a.id} ${a.state.status} ${a.state.total} ${a.state.recipients}`
}

export type ChildLine =
  | { readonly kind: 'ready' }
  | { readonly kind: 'intent'; readonly intent: Intent }
  | { readonly kind: 'ack'; readonly ack: Ack }

/** Parses one complete line; anything else is a protocol error the test must report. */
export function parseLine(line: string): ChildLine {
  if (line === READY_LINE) return { kind: 'ready' }
  const m = /^(DO|ACK) (create|update|cancel) (\S+) (draft|cancelled) ([0-9]+) ([0-9]+)$/.exec(line)
  if (m === null) throw new Error(`the crash child wrote an unexpected line: ${JSON.stringify(line)}`)
  const [, verb, op, id, status, total, recipients] = m as unknown as [
    string,
    'DO' | 'ACK',
    CrashOp,
    string,
    PayoutStatus,
    string,
    string
  ]
  const state: PayoutState = { status, total: BigInt(total), recipients: Number(recipients) }
  if (verb === 'DO') return { kind: 'intent', intent: { op, id: id === '-' ? null : id, after: state } }
  return { kind: 'ack', ack: { op, id, state } }
}
