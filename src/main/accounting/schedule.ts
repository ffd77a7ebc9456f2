// Runs in: main (plain Node). Payout schedules: a template payout drafted again monthly or weekly.
// runDueSchedules is what the app calls at start and then periodically: each schedule that is due
// gets one draft, made by the caller's createDraft (the payout service) from repeat.ts's input,
// and its run is recorded in the same SQLite transaction, so a crash leaves either both or
// neither. Running it again finds the run recorded and drafts nothing: idempotent. It never
// submits, approves or signs; it returns what it drafted so the app can tell the user.
import { randomBytes } from 'node:crypto'
import type { Catalogue } from '../domain/catalogue'
import { AppFailure } from '../../shared/errors'
import { notFound } from '../errors'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { getPayoutRow } from '../store/payoutRepo'
import {
  insertSchedule,
  insertScheduleRun,
  lastScheduleRun,
  listSchedules,
  scheduleById,
  setScheduleActive,
  type StoredSchedule
} from '../store/scheduleRepo'
import { repeatInput, type RepeatPayoutInput } from './repeat'
import { checkSpec, describeSchedule, dueRun, localDate, nextDay, type Cadence } from './scheduleDates'

const ID_BYTES = 6

export interface ScheduleDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly now: () => Date
}

export interface NewScheduleInput {
  readonly templatePayoutId: string
  readonly cadence: Cadence
  readonly day: number
  readonly timeZone: string
  /**
   * First date it may fall on. Default: tomorrow in its time zone, since a schedule is usually set
   * up from a payout just made, and today's date must not draft that payout a second time.
   */
  readonly startsOn?: string
  readonly createdBy: string
}

export function createSchedule(
  deps: ScheduleDeps,
  input: NewScheduleInput
): { schedule: StoredSchedule; auditDetail: string } {
  const template = getPayoutRow(deps.db.read, input.templatePayoutId)
  if (template === undefined) throw notFound('Payout', input.templatePayoutId)
  const now = deps.now()
  const spec = {
    cadence: input.cadence,
    day: input.day,
    timeZone: input.timeZone,
    startsOn: input.startsOn ?? nextDay(localDate(now, input.timeZone))
  }
  checkSpec(spec)
  if (input.createdBy.trim() === '')
    throw new AppFailure('schedule_without_person', 'A schedule needs the name of who set it up.')
  const at = now.toISOString()
  const schedule: StoredSchedule = {
    id: `S-${randomBytes(ID_BYTES).toString('hex')}`,
    templatePayoutId: template.id,
    ...spec,
    active: true,
    createdBy: input.createdBy.trim(),
    createdAt: at,
    updatedAt: at
  }
  inTransaction(deps.db.write, () => insertSchedule(deps.db.write, schedule))
  return {
    schedule,
    auditDetail: `Schedule ${schedule.id}: ${describeSchedule(spec)} (${spec.timeZone}) from ${spec.startsOn}, drafting a repeat of ${template.id}`
  }
}

export function setScheduleEnabled(deps: ScheduleDeps, id: string, active: boolean): StoredSchedule {
  if (scheduleById(deps.db.read, id) === undefined) throw notFound('Schedule', id)
  inTransaction(deps.db.write, () => setScheduleActive(deps.db.write, id, active, deps.now().toISOString()))
  return scheduleById(deps.db.read, id)!
}

export interface DraftContext {
  readonly scheduleId: string
  readonly dueOn: string
}

/** Writes the draft through the same database handle, synchronously, and returns its payout id. */
export type CreateDraft = (input: RepeatPayoutInput, context: DraftContext) => string

export interface DraftedFromSchedule {
  readonly scheduleId: string
  readonly payoutId: string
  readonly dueOn: string
  readonly missed: readonly string[]
  /** What to tell the user. */
  readonly message: string
}

export interface ScheduleFailure {
  readonly scheduleId: string
  readonly dueOn: string
  readonly code: string
  readonly message: string
}

export function runDueSchedules(
  deps: ScheduleDeps,
  createDraft: CreateDraft
): { drafted: DraftedFromSchedule[]; failed: ScheduleFailure[] } {
  const drafted: DraftedFromSchedule[] = []
  const failed: ScheduleFailure[] = []
  const now = deps.now()
  const ranAt = now.toISOString()
  for (const schedule of listSchedules(deps.db.read, true)) {
    const due = dueRun(schedule, lastScheduleRun(deps.db.read, schedule.id)?.dueOn ?? null, now)
    if (due === null) continue
    try {
      const payoutId = inTransaction(deps.db.write, () => {
        // Checked again inside the transaction: another run may have recorded this date meanwhile.
        const last = lastScheduleRun(deps.db.write, schedule.id)
        if (last !== undefined && last.dueOn >= due.dueOn) return null
        const input = repeatInput(deps.db.write, deps.catalogue, schedule.templatePayoutId)
        const id = createDraft(input, { scheduleId: schedule.id, dueOn: due.dueOn })
        insertScheduleRun(deps.db.write, {
          scheduleId: schedule.id,
          dueOn: due.dueOn,
          payoutId: id,
          missed: due.missed,
          ranAt
        })
        return id
      })
      if (payoutId === null) continue
      const missed =
        due.missed.length === 0
          ? ''
          : ` It fell while Treasury was closed; ${due.missed.length} earlier date(s) (${due.missed.join(', ')}) got no draft: repeat the payout for them yourself if they are owed.`
      drafted.push({
        scheduleId: schedule.id,
        payoutId,
        dueOn: due.dueOn,
        missed: due.missed,
        message: `${describeSchedule(schedule)}: draft ${payoutId} for ${due.dueOn} is ready to check and submit.${missed}`
      })
    } catch (e) {
      failed.push({
        scheduleId: schedule.id,
        dueOn: due.dueOn,
        code: e instanceof AppFailure ? e.code : 'schedule_draft_failed',
        message: `${describeSchedule(schedule)}: no draft for ${due.dueOn}: ${e instanceof Error ? e.message : String(e)} It will be tried again.`
      })
    }
  }
  return { drafted, failed }
}
