// Runs in: main (plain Node). The books as one set of services over the same context: the capture
// queue that reads a settled payout's block times, fees and rates, the books (exports, fiat values,
// reconciliation) and the schedules that draft a payout again. The composition root builds them in
// one call.
import type { TreasuryEvent } from '../../shared/api'
import { createBooksService, type BooksServiceDeps } from './accounting/booksService'
import { createCaptureQueue } from './accounting/captureQueue'
import { createScheduleService, type ScheduleServiceDeps } from './accounting/scheduleService'

export interface AccountingServiceHooks {
  /** Schedules draft through the payout service, as a person would. */
  readonly payouts: ScheduleServiceDeps['payouts']
  readonly emit: (event: TreasuryEvent) => void
}

export function createAccountingServices(deps: BooksServiceDeps, hooks: AccountingServiceHooks) {
  const captures = createCaptureQueue({ ...deps, captured: (id) => hooks.emit({ type: 'accounting.captured', id }) })
  const schedules = createScheduleService({
    ...deps,
    payouts: hooks.payouts,
    drafted: (id) => hooks.emit({ type: 'payout.changed', id, status: 'draft' })
  })
  return {
    captures,
    books: createBooksService(deps),
    schedules,
    /** Settled payouts whose facts could not be read before are read now; due schedules draft now and then on a timer. */
    start(scheduleCheckMs?: number): void {
      captures.resume()
      schedules.start(scheduleCheckMs)
    }
  }
}

export type AccountingServices = ReturnType<typeof createAccountingServices>
