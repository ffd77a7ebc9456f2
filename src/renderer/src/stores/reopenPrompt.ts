// Runs in: renderer. The one open "return this payout to Draft?" question, asked by whichever
// editor is saving (the single payout form, the grid's autosave) and answered in ReopenDialog.
// A second question while one is open answers the first with no.
import { create } from 'zustand'

interface ReopenPromptState {
  /** Approvals the edit would void (null: not known); null when nothing is asked. */
  readonly question: { readonly approvals: number | null } | null
  ask(approvals: number | null): Promise<boolean>
  answer(yes: boolean): void
}

let pending: ((yes: boolean) => void) | null = null

export const useReopenPrompt = create<ReopenPromptState>()((set) => ({
  question: null,
  ask(approvals) {
    pending?.(false)
    return new Promise<boolean>((resolve) => {
      pending = resolve
      set({ question: { approvals } })
    })
  },
  answer(yes) {
    const resolve = pending
    pending = null
    set({ question: null })
    resolve?.(yes)
  }
}))

export const askReopen = (approvals: number | null): Promise<boolean> => useReopenPrompt.getState().ask(approvals)
