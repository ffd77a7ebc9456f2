// Runs in: renderer. The signing walk-through of each payout signed in this window, kept for as long
// as the app runs so closing the dialog or leaving the payout loses nothing: the payment status
// still knows why a transaction failed. Fed by main's execution.progress events (stores/eventFeed.ts)
// and executePayout's answer.
import { create } from 'zustand'
import type { ExecutionResultView, PlanKindName } from '../../../shared/execution'
import { api } from '../api'
import {
  failSigning,
  finishSigning,
  reduceProgress,
  startSigning,
  type ProgressEvent,
  type SigningState
} from '../lib/pay/signingProgress'

interface SigningSessions {
  readonly sessions: Readonly<Record<string, SigningState>>
  /** Starts signing: the device will ask to confirm each of `transactions`. Resolves with main's answer. */
  sign(
    payoutId: string,
    accountPath: string,
    plan: PlanKindName,
    transactions: number
  ): Promise<ExecutionResultView | null>
  progress(event: ProgressEvent): void
}

export const useSigningSessions = create<SigningSessions>()((set, get) => ({
  sessions: {},
  async sign(payoutId, accountPath, plan, transactions) {
    const running = get().sessions[payoutId]
    if (running !== undefined && running.outcome.kind === 'running') return null // a second click signs nothing
    set({ sessions: { ...get().sessions, [payoutId]: startSigning(payoutId, transactions) } })
    const result = await api.executePayout({ id: payoutId, accountPath, plan })
    const current = get().sessions[payoutId] ?? startSigning(payoutId, transactions)
    set({
      sessions: {
        ...get().sessions,
        [payoutId]: result.ok ? finishSigning(current, result.value) : failSigning(current, result.error)
      }
    })
    return result.ok ? result.value : null
  },
  progress(event) {
    const id = event.payoutId
    if (id === undefined) return
    const current = get().sessions[id]
    if (current === undefined) return // signed in another window or resumed at start-up: the item statuses tell the story
    const next = reduceProgress(current, event)
    if (next !== current) set({ sessions: { ...get().sessions, [id]: next } })
  }
}))
