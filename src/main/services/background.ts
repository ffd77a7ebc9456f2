// Runs in: main (plain Node). What the app does by itself while it runs, started once every service
// exists: transactions signed before the last exit are followed again from the database alone,
// automation (API server, inbox, webhooks) starts, settled payouts whose accounting facts are owed
// are read, and due schedules draft. A short-lived process on the same data (the command line)
// starts none of it.
import type { Automation } from '../automation'
import type { AccountingServices } from './accountingServices'
import type { ExecutionService } from './executionService'

export interface BackgroundWork {
  readonly execution: Pick<ExecutionService, 'resume'>
  readonly automation: Pick<Automation, 'start'>
  readonly accounting: Pick<AccountingServices, 'start'>
}

export function startBackground(work: BackgroundWork, scheduleCheckMs?: number): void {
  void work.execution.resume().catch((e: unknown) => console.error('Resuming unsettled transactions failed', e))
  void work.automation.start().catch((e: unknown) => console.error('Starting automation failed', e))
  work.accounting.start(scheduleCheckMs)
}
