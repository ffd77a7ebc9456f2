// Runs in: main (plain Node). Main's events fanned out to whoever listens: the window (through the
// shell or the browser harness), automation's webhooks and outbox, and the capture queue.
import type { TreasuryEvent } from '../../shared/api'

export type EventListener = (event: TreasuryEvent) => void

export function createEventHub() {
  const listeners = new Set<EventListener>()
  return {
    emit(event: TreasuryEvent): void {
      for (const listener of listeners) listener(event)
    },
    /** Returns the function that stops listening. */
    onEvent(listener: EventListener): () => void {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    clear(): void {
      listeners.clear()
    }
  }
}
