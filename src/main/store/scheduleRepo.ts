// Runs in: main (plain Node). Payout schedules (a template payout drafted again monthly or weekly)
// and their runs. A run's key is (schedule, due date): recording the same date twice is refused
// by the schema, which is what makes running due schedules idempotent.
import type { ReadDb, WriteDb } from './db'

type Db = ReadDb | WriteDb

export type Cadence = 'monthly' | 'weekly'

export interface StoredSchedule {
  readonly id: string
  readonly templatePayoutId: string
  readonly cadence: Cadence
  /** Monthly: day of the month 1-31. Weekly: ISO weekday 1 (Monday) to 7 (Sunday). */
  readonly day: number
  /** IANA time zone whose calendar the dates are in (e.g. Europe/Berlin). */
  readonly timeZone: string
  /** YYYY-MM-DD: the first date the schedule may fall on. */
  readonly startsOn: string
  readonly active: boolean
  readonly createdBy: string
  readonly createdAt: string
  readonly updatedAt: string
}

export interface StoredScheduleRun {
  readonly scheduleId: string
  readonly dueOn: string
  readonly payoutId: string
  /** Earlier due dates that passed while the app was closed and got no draft of their own. */
  readonly missed: readonly string[]
  readonly ranAt: string
}

interface ScheduleRow {
  id: string
  template_payout_id: string
  cadence: Cadence
  day: number
  time_zone: string
  starts_on: string
  active: number
  created_by: string
  created_at: string
  updated_at: string
}

interface RunRow {
  schedule_id: string
  due_on: string
  payout_id: string
  missed: string
  ran_at: string
}

const toSchedule = (r: ScheduleRow): StoredSchedule => ({
  id: r.id,
  templatePayoutId: r.template_payout_id,
  cadence: r.cadence,
  day: r.day,
  timeZone: r.time_zone,
  startsOn: r.starts_on,
  active: r.active === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

const toRun = (r: RunRow): StoredScheduleRun => ({
  scheduleId: r.schedule_id,
  dueOn: r.due_on,
  payoutId: r.payout_id,
  missed: JSON.parse(r.missed) as string[],
  ranAt: r.ran_at
})

export function insertSchedule(db: WriteDb, s: StoredSchedule): void {
  db.prepare(
    `INSERT INTO payout_schedules (id, template_payout_id, cadence, day, time_zone, starts_on, active, created_by, created_at, updated_at)
     VALUES (@id, @template_payout_id, @cadence, @day, @time_zone, @starts_on, @active, @created_by, @created_at, @updated_at)`
  ).run({
    id: s.id,
    template_payout_id: s.templatePayoutId,
    cadence: s.cadence,
    day: s.day,
    time_zone: s.timeZone,
    starts_on: s.startsOn,
    active: s.active ? 1 : 0,
    created_by: s.createdBy,
    created_at: s.createdAt,
    updated_at: s.updatedAt
  })
}

export function scheduleById(db: Db, id: string): StoredSchedule | undefined {
  const r = db.prepare('SELECT * FROM payout_schedules WHERE id = ?').get(id) as ScheduleRow | undefined
  return r === undefined ? undefined : toSchedule(r)
}

export function listSchedules(db: Db, onlyActive: boolean): StoredSchedule[] {
  const sql = onlyActive
    ? 'SELECT * FROM payout_schedules WHERE active = 1 ORDER BY created_at, id'
    : 'SELECT * FROM payout_schedules ORDER BY created_at, id'
  return (db.prepare(sql).all() as ScheduleRow[]).map(toSchedule)
}

export function setScheduleActive(db: WriteDb, id: string, active: boolean, at: string): void {
  db.prepare('UPDATE payout_schedules SET active = ?, updated_at = ? WHERE id = ?').run(active ? 1 : 0, at, id)
}

/** The latest due date a schedule has run for (dates compare as text, YYYY-MM-DD). */
export function lastScheduleRun(db: Db, scheduleId: string): StoredScheduleRun | undefined {
  const r = db
    .prepare('SELECT * FROM payout_schedule_runs WHERE schedule_id = ? ORDER BY due_on DESC LIMIT 1')
    .get(scheduleId) as RunRow | undefined
  return r === undefined ? undefined : toRun(r)
}

export function scheduleRuns(db: Db, scheduleId: string): StoredScheduleRun[] {
  return (
    db.prepare('SELECT * FROM payout_schedule_runs WHERE schedule_id = ? ORDER BY due_on').all(scheduleId) as RunRow[]
  ).map(toRun)
}

/** Records a run; throws if that schedule already ran for that date (the primary key). */
export function insertScheduleRun(db: WriteDb, run: StoredScheduleRun): void {
  db.prepare(
    'INSERT INTO payout_schedule_runs (schedule_id, due_on, payout_id, missed, ran_at) VALUES (?, ?, ?, ?, ?)'
  ).run(run.scheduleId, run.dueOn, run.payoutId, JSON.stringify(run.missed), run.ranAt)
}

/** Removes a schedule and its runs; the drafts it made are payouts of their own and stay. */
export function deleteSchedule(db: WriteDb, id: string): void {
  db.prepare('DELETE FROM payout_schedule_runs WHERE schedule_id = ?').run(id)
  db.prepare('DELETE FROM payout_schedules WHERE id = ?').run(id)
}
