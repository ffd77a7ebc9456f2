// Runs in: main (plain Node). Repeating payouts: "Repeat" drafts a payout again (same recipients,
// amounts, purpose and columns, every check run again), and schedules draft a template monthly or
// weekly: due schedules are run at start and then by a timer. A schedule only ever drafts; people
// check, submit, approve and sign. What was drafted is kept as notices until the app restarts,
// so a draft made before the window opened is still told.
import type { Notice, PayoutDetail, ParsedInputOf } from '../../../shared/api'
import type { ScheduleView } from '../../../shared/accounting'
import type { Catalogue } from '../../domain/catalogue'
import { repeatInput } from '../../accounting/repeat'
import { createSchedule, runDueSchedules, setScheduleEnabled, type DraftContext } from '../../accounting/schedule'
import { describeSchedule } from '../../accounting/scheduleDates'
import { notFound } from '../../errors'
import { appendAudit } from '../../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../../store/db'
import { getPayoutRow } from '../../store/payoutRepo'
import {
  deleteSchedule,
  lastScheduleRun,
  listSchedules,
  scheduleById,
  type StoredSchedule
} from '../../store/scheduleRepo'
import type { PayoutService } from '../payoutService'

export interface ScheduleServiceDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly payouts: Pick<PayoutService, 'create' | 'get'>
  readonly now: () => Date
  readonly actor: () => string
  /** Told of each draft a schedule made, with what to tell the user. */
  readonly drafted: (payoutId: string, message: string) => void
}

/** How often due schedules are looked for while the app runs: dates are days, so a few minutes is prompt. */
export const SCHEDULE_CHECK_MS = 5 * 60_000
const SCHEDULE_ACTOR = 'schedule'
export const SCHEDULE_AUDIT = {
  created: 'schedule_created',
  paused: 'schedule_paused',
  resumed: 'schedule_resumed',
  deleted: 'schedule_deleted',
  drafted: 'drafted_by_schedule',
  failed: 'schedule_failed',
  repeated: 'repeated'
} as const

export function createScheduleService(deps: ScheduleServiceDeps) {
  const { db, catalogue } = deps
  const notices: Notice[] = []
  let timer: ReturnType<typeof setInterval> | null = null

  function audit(payoutId: string | null, action: string, detail: string, actor = deps.actor()): void {
    appendAudit(db.write, { actor, action, payoutId, at: deps.now().toISOString(), detail })
  }

  function view(s: StoredSchedule): ScheduleView {
    const run = lastScheduleRun(db.read, s.id)
    return {
      id: s.id,
      templatePayoutId: s.templatePayoutId,
      templateDescription: getPayoutRow(db.read, s.templatePayoutId)?.description ?? '',
      cadence: s.cadence,
      day: s.day,
      timeZone: s.timeZone,
      startsOn: s.startsOn,
      active: s.active,
      description: describeSchedule(s),
      createdBy: s.createdBy,
      lastRun: run === undefined ? null : { dueOn: run.dueOn, payoutId: run.payoutId, missed: run.missed }
    }
  }

  function load(id: string): StoredSchedule {
    const s = scheduleById(db.read, id)
    if (s === undefined) throw notFound('Schedule', id)
    return s
  }

  /** Drafts what is due now; a failure is in the audit log and is tried again on the next check. */
  function runDue(): void {
    const createDraft = (input: ReturnType<typeof repeatInput>, context: DraftContext): string => {
      const created = deps.payouts.create(input)
      audit(
        created.id,
        SCHEDULE_AUDIT.drafted,
        `Drafted by schedule ${context.scheduleId} for ${context.dueOn}; nothing is submitted until a person does it`,
        SCHEDULE_ACTOR
      )
      return created.id
    }
    const { drafted, failed } = runDueSchedules({ db, catalogue, now: deps.now }, createDraft)
    for (const d of drafted) {
      notices.push({ code: 'schedule_drafted', severity: 'info', message: d.message })
      deps.drafted(d.payoutId, d.message)
    }
    for (const f of failed) {
      const template = scheduleById(db.read, f.scheduleId)?.templatePayoutId ?? null
      inTransaction(db.write, () => audit(template, SCHEDULE_AUDIT.failed, f.message, SCHEDULE_ACTOR))
      notices.push({ code: f.code, severity: 'warning', message: f.message })
    }
  }

  return {
    repeat(payoutId: string): PayoutDetail {
      const input = repeatInput(db.read, catalogue, payoutId)
      const created = deps.payouts.create(input)
      inTransaction(db.write, () =>
        audit(created.id, SCHEDULE_AUDIT.repeated, `Repeat of ${payoutId}: every row checked again as a new draft`)
      )
      return deps.payouts.get({ id: created.id })
    },

    create(input: ParsedInputOf<'createSchedule'>): ScheduleView {
      const { schedule, auditDetail } = createSchedule(
        { db, catalogue, now: deps.now },
        {
          templatePayoutId: input.templatePayoutId,
          cadence: input.cadence,
          day: input.day,
          timeZone: input.timeZone,
          createdBy: deps.actor(),
          ...(input.startsOn === undefined ? {} : { startsOn: input.startsOn })
        }
      )
      inTransaction(db.write, () => audit(schedule.templatePayoutId, SCHEDULE_AUDIT.created, auditDetail))
      // A schedule whose first date is today drafts now, not at the next check.
      runDue()
      return view(load(schedule.id))
    },

    list(): ScheduleView[] {
      return listSchedules(db.read, false).map(view)
    },

    setActive(id: string, active: boolean): ScheduleView {
      const s = setScheduleEnabled({ db, catalogue, now: deps.now }, id, active)
      inTransaction(db.write, () =>
        audit(
          s.templatePayoutId,
          active ? SCHEDULE_AUDIT.resumed : SCHEDULE_AUDIT.paused,
          `Schedule ${id} (${describeSchedule(s)}) ${active ? 'resumed' : 'paused'}`
        )
      )
      if (active) runDue()
      return view(load(id))
    },

    remove(id: string): ScheduleView[] {
      const s = load(id)
      inTransaction(db.write, () => {
        deleteSchedule(db.write, id)
        audit(s.templatePayoutId, SCHEDULE_AUDIT.deleted, `Schedule ${id} (${describeSchedule(s)}) deleted`)
      })
      return listSchedules(db.read, false).map(view)
    },

    /** Runs due schedules now and then every `intervalMs`. */
    start(intervalMs = SCHEDULE_CHECK_MS): void {
      runDue()
      timer ??= setInterval(() => {
        try {
          runDue()
        } catch (e) {
          console.error('Running due payout schedules failed', e)
        }
      }, intervalMs)
      timer.unref?.()
    },

    runDue,

    notices(): Notice[] {
      return [...notices]
    },

    stop(): void {
      if (timer !== null) clearInterval(timer)
      timer = null
    }
  }
}

export type ScheduleService = ReturnType<typeof createScheduleService>
