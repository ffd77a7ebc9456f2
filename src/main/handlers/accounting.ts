// Runs in: main (plain Node). The books: ledger exports for accounting systems, a payout's fiat
// values and typed rates, reconciliation against the chain, the estimated fiat total of a draft,
// repeating a payout and the schedules that draft one again.
import type { BooksService } from '../services/accounting/booksService'
import type { ScheduleService } from '../services/accounting/scheduleService'
import type { HandlersOf } from './owners'

export interface AccountingHandlerDeps {
  readonly books: BooksService
  readonly schedules: ScheduleService
}

export function accountingHandlers({ books, schedules }: AccountingHandlerDeps): HandlersOf<'accounting'> {
  return {
    async exportAccounting(input) {
      return books.exportLedger(input)
    },
    async reconcilePayouts({ scope }) {
      return books.reconcile(scope)
    },
    async getPayoutAccounting({ id, currency }) {
      return books.payoutValues(id, currency)
    },
    async setTypedRate(input) {
      return books.typeRate(input)
    },
    async estimatePayoutFiat({ id, currency }) {
      return books.estimate(id, currency)
    },
    async repeatPayout({ id }) {
      return schedules.repeat(id)
    },
    async createSchedule(input) {
      return schedules.create(input)
    },
    async listSchedules() {
      return schedules.list()
    },
    async setScheduleActive({ id, active }) {
      return schedules.setActive(id, active)
    },
    async deleteSchedule({ id }) {
      return schedules.remove(id)
    }
  }
}
