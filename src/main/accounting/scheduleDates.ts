// Runs in: main (pure, no I/O). When a payout schedule falls: monthly on a day (29, 30 and 31 fall
// on the last day of the months that have no such day: "monthly on the 31st" is 28 or 29 February,
// 30 April), or weekly on an ISO weekday. Dates are calendar days in the schedule's own time zone,
// written YYYY-MM-DD (so they compare as text). A schedule is due on its day from 00:00 local time.
//
// Missed periods: when several dates passed since the last run (the app was closed for months),
// ONE draft is due, for the latest date, and the earlier dates are reported as missed, never
// drafted on their own. A draft only waits for people, so a burst of identical payroll drafts at
// start-up would invite paying a month twice; whoever needs a missed month repeats it by hand.
import { AppFailure } from '../../shared/errors'

export type Cadence = 'monthly' | 'weekly'

export interface ScheduleSpec {
  readonly cadence: Cadence
  /** Monthly: 1-31. Weekly: ISO weekday, 1 = Monday ... 7 = Sunday. */
  readonly day: number
  /** IANA time zone of the calendar the dates are in. */
  readonly timeZone: string
  /** YYYY-MM-DD: nothing falls before this date. */
  readonly startsOn: string
}

export interface DueRun {
  /** The date this run drafts for. */
  readonly dueOn: string
  /** Earlier dates that fell since the last run and get no draft of their own. */
  readonly missed: readonly string[]
}

const DAY_MS = 86_400_000
const DAYS_PER_WEEK = 7
const LAST_SHORT_DAY = 28
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const
/** Missed dates named in a run: enough to tell; a schedule closed for years is not listed in full. */
const MAX_MISSED_LISTED = 60

const ISO_DAY = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/

function parseDay(day: string): number {
  const m = ISO_DAY.exec(day)
  const ms = m === null ? Number.NaN : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day)
    throw new AppFailure('schedule_date_invalid', `"${day}" is not a date. Write it as YYYY-MM-DD.`)
  return ms
}

const dayText = (ms: number): string => new Date(ms).toISOString().slice(0, 10)

/** The calendar day after `day` (YYYY-MM-DD). */
export const nextDay = (day: string): string => dayText(parseDay(day) + DAY_MS)

/** Today's date in `timeZone` at `now`. */
export function localDate(now: Date, timeZone: string): string {
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
  } catch {
    throw new AppFailure(
      'schedule_time_zone_unknown',
      `"${timeZone}" is not a time zone. Choose one such as Europe/Berlin.`
    )
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day}`
}

export function checkSpec(spec: ScheduleSpec): void {
  const max = spec.cadence === 'monthly' ? 31 : DAYS_PER_WEEK
  if (!Number.isInteger(spec.day) || spec.day < 1 || spec.day > max)
    throw new AppFailure(
      'schedule_day_invalid',
      spec.cadence === 'monthly'
        ? `Day ${spec.day} is not a day of the month. Choose 1 to 31 (29-31 fall on the last day of shorter months).`
        : `Day ${spec.day} is not a weekday. Choose 1 (Monday) to 7 (Sunday).`
    )
  parseDay(spec.startsOn)
  localDate(new Date(0), spec.timeZone)
}

/** The monthly date in the month of `year`/`month` (1-12), clamped to its last day. */
export function monthlyDate(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return dayText(Date.UTC(year, month - 1, Math.min(day, last)))
}

/** Every date the schedule falls on in [from, to], in order. */
export function datesBetween(spec: ScheduleSpec, from: string, to: string): string[] {
  const start = parseDay(from)
  const end = parseDay(to)
  const out: string[] = []
  if (end < start) return out
  if (spec.cadence === 'weekly') {
    // getUTCDay: 0 = Sunday; ISO: 7 = Sunday.
    const isoWeekday = ((new Date(start).getUTCDay() + 6) % DAYS_PER_WEEK) + 1
    const firstOffset = (spec.day - isoWeekday + DAYS_PER_WEEK) % DAYS_PER_WEEK
    for (let t = start + firstOffset * DAY_MS; t <= end; t += DAYS_PER_WEEK * DAY_MS) out.push(dayText(t))
    return out
  }
  const first = new Date(start)
  let year = first.getUTCFullYear()
  let month = first.getUTCMonth() + 1
  for (;;) {
    const date = monthlyDate(year, month, spec.day)
    if (date > to) break
    if (date >= from) out.push(date)
    month++
    if (month > 12) {
      month = 1
      year++
    }
  }
  return out
}

/**
 * What is due at `now`, given the last date the schedule ran for (null: never): the latest date
 * that fell after it (and on or after startsOn) up to today, with the earlier ones as missed; or
 * null when nothing is due.
 */
export function dueRun(spec: ScheduleSpec, lastRunOn: string | null, now: Date): DueRun | null {
  const today = localDate(now, spec.timeZone)
  const after = lastRunOn === null ? null : nextDay(lastRunOn)
  const from = after !== null && after > spec.startsOn ? after : spec.startsOn
  const dates = datesBetween(spec, from, today)
  const dueOn = dates.pop()
  if (dueOn === undefined) return null
  return { dueOn, missed: dates.slice(-MAX_MISSED_LISTED) }
}

/** "Monthly on the 31st (the last day of shorter months)", "Weekly on Monday". */
export function describeSchedule(spec: Pick<ScheduleSpec, 'cadence' | 'day'>): string {
  if (spec.cadence === 'weekly') return `Weekly on ${WEEKDAYS[spec.day - 1] ?? `day ${spec.day}`}`
  const n = spec.day
  const suffix =
    n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'
  return `Monthly on the ${n}${suffix}${n > LAST_SHORT_DAY ? ' (the last day of shorter months)' : ''}`
}
