// Runs in: tests (plain Node, Vitest). Payout schedules on a real SQLite file, drafting through the
// real payout service: a date that fell while the app was closed gives one draft at the next start,
// and running again (a second start, a later check the same day) gives none.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { createCatalogue } from '../domain/catalogue'
import { ADDR } from '../registry/fixtures'
import { createPayoutService } from '../services/payoutService'
import { openDatabase, type OpenedDatabase } from '../store/db'
import { getPayoutRow, listPayoutRows } from '../store/payoutRepo'
import { scheduleRuns } from '../store/scheduleRepo'
import { createSchedule, runDueSchedules, setScheduleEnabled, type CreateDraft } from './schedule'

const USDC_ETH = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const dir = tempDir()
const catalogue = createCatalogue()
let n = 0
let open: OpenedDatabase[] = []

/** The app as started at `clock()`: a database handle and the payout service on it. */
function start(file: string, clock: () => Date) {
  const db = openDatabase(file)
  open.push(db)
  const service = createPayoutService({
    db,
    catalogue,
    settings: () => ({ operatorName: 'Olga', confirmations: 1, numberFormat: 'dot-decimal' }),
    now: clock,
    changed: () => {},
    nameOf: () => null
  })
  const createDraft: CreateDraft = (input) => service.create(input).id
  return { db, service, createDraft, deps: { db, catalogue, now: clock } }
}

afterEach(() => {
  for (const db of open) db.close()
  open = []
})

const payoutCount = (db: OpenedDatabase) => listPayoutRows(db.read, { offset: 0, limit: 100 }).total

function withTemplate(clockAt: string) {
  const file = join(dir, `schedule-${++n}.sqlite`)
  let now = new Date(clockAt)
  const app = start(file, () => now)
  const template = app.service.create({
    kind: 'mass',
    assetId: USDC_ETH,
    description: 'Monthly retainers',
    recipients: [
      { address: ADDR.a, amount: '1500', name: 'Ann' },
      { address: ADDR.b, amount: '0.5', name: 'Ben' }
    ]
  })
  return { file, app, template, setNow: (iso: string) => (now = new Date(iso)), now: () => now }
}

describe('payout schedules', () => {
  it('a date that fell while the app was closed creates its draft once at the next start', () => {
    const t = withTemplate('2026-01-10T09:00:00Z')
    const { schedule, auditDetail } = createSchedule(t.app.deps, {
      templatePayoutId: t.template.id,
      cadence: 'monthly',
      day: 15,
      timeZone: 'UTC',
      createdBy: 'Olga'
    })
    expect(auditDetail).toBe(
      `Schedule ${schedule.id}: Monthly on the 15th (UTC) from 2026-01-11, drafting a repeat of ${t.template.id}`
    )
    t.app.db.close()
    open = []

    // Closed until 20 March: 15 January, 15 February and 15 March have passed.
    t.setNow('2026-03-20T08:00:00Z')
    const restarted = start(t.file, t.now)
    const first = runDueSchedules(restarted.deps, restarted.createDraft)
    expect(first.failed).toEqual([])
    expect(first.drafted).toHaveLength(1)
    const drafted = first.drafted[0]!
    expect(drafted).toMatchObject({
      scheduleId: schedule.id,
      dueOn: '2026-03-15',
      missed: ['2026-01-15', '2026-02-15']
    })
    expect(drafted.message).toBe(
      `Monthly on the 15th: draft ${drafted.payoutId} for 2026-03-15 is ready to check and submit. It fell while Treasury was closed; 2 earlier date(s) (2026-01-15, 2026-02-15) got no draft: repeat the payout for them yourself if they are owed.`
    )
    expect(getPayoutRow(restarted.db.read, drafted.payoutId)).toMatchObject({
      status: 'draft',
      description: 'Monthly retainers',
      total: 1_500_500_000n,
      recipientCount: 2
    })
    expect(payoutCount(restarted.db)).toBe(2)

    // Checked again the same day, and after another restart: nothing more.
    expect(runDueSchedules(restarted.deps, restarted.createDraft)).toEqual({ drafted: [], failed: [] })
    t.setNow('2026-03-31T23:00:00Z')
    const again = start(t.file, t.now)
    expect(runDueSchedules(again.deps, again.createDraft).drafted).toEqual([])
    expect(payoutCount(again.db)).toBe(2)
    expect(scheduleRuns(again.db.read, schedule.id).map((r) => [r.dueOn, r.payoutId, r.missed])).toEqual([
      ['2026-03-15', drafted.payoutId, ['2026-01-15', '2026-02-15']]
    ])

    t.setNow('2026-04-15T00:00:01Z')
    const april = runDueSchedules(again.deps, again.createDraft)
    expect(april.drafted.map((d) => [d.dueOn, d.missed])).toEqual([['2026-04-15', []]])
    expect(payoutCount(again.db)).toBe(3)
  })

  it('records nothing when the draft cannot be made, and drafts at the next run', () => {
    const t = withTemplate('2026-05-01T09:00:00Z')
    createSchedule(t.app.deps, {
      templatePayoutId: t.template.id,
      cadence: 'weekly',
      day: 5,
      timeZone: 'Europe/Berlin',
      createdBy: 'Olga'
    })
    t.setNow('2026-05-08T10:00:00Z') // a Friday
    const failing = runDueSchedules(t.app.deps, (input, context) => {
      t.app.service.create(input)
      throw new Error(`disk full while drafting for ${context.dueOn}.`)
    })
    expect(failing.drafted).toEqual([])
    expect(failing.failed).toEqual([
      expect.objectContaining({
        dueOn: '2026-05-08',
        code: 'schedule_draft_failed',
        message:
          'Weekly on Friday: no draft for 2026-05-08: disk full while drafting for 2026-05-08. It will be tried again.'
      })
    ])
    // The draft written before the failure was rolled back with the run.
    expect(payoutCount(t.app.db)).toBe(1)
    const retried = runDueSchedules(t.app.deps, t.app.createDraft)
    expect(retried.drafted.map((d) => d.dueOn)).toEqual(['2026-05-08'])
    expect(payoutCount(t.app.db)).toBe(2)
  })

  it('starts the day after it is set up: the payout it repeats is not drafted again the same day', () => {
    const t = withTemplate('2026-05-15T09:00:00Z')
    const { schedule } = createSchedule(t.app.deps, {
      templatePayoutId: t.template.id,
      cadence: 'monthly',
      day: 15,
      timeZone: 'UTC',
      createdBy: 'Olga'
    })
    expect(schedule.startsOn).toBe('2026-05-16')
    expect(runDueSchedules(t.app.deps, t.app.createDraft).drafted).toEqual([])
    t.setNow('2026-06-15T06:00:00Z')
    expect(runDueSchedules(t.app.deps, t.app.createDraft).drafted.map((d) => [d.dueOn, d.missed])).toEqual([
      ['2026-06-15', []]
    ])
  })

  it('drafts nothing for a schedule that was switched off', () => {
    const t = withTemplate('2026-05-01T09:00:00Z')
    const { schedule } = createSchedule(t.app.deps, {
      templatePayoutId: t.template.id,
      cadence: 'monthly',
      day: 2,
      timeZone: 'UTC',
      createdBy: 'Olga'
    })
    expect(setScheduleEnabled(t.app.deps, schedule.id, false).active).toBe(false)
    t.setNow('2026-05-02T12:00:00Z')
    expect(runDueSchedules(t.app.deps, t.app.createDraft).drafted).toEqual([])
    setScheduleEnabled(t.app.deps, schedule.id, true)
    expect(runDueSchedules(t.app.deps, t.app.createDraft).drafted.map((d) => d.dueOn)).toEqual(['2026-05-02'])
  })

  it('refuses a schedule of a payout that does not exist or without a person', () => {
    const t = withTemplate('2026-05-01T09:00:00Z')
    const input = { templatePayoutId: 'PO-NONE', cadence: 'monthly' as const, day: 1, timeZone: 'UTC', createdBy: 'O' }
    expect(() => createSchedule(t.app.deps, input)).toThrow(/Payout PO-NONE does not exist/)
    expect(() => createSchedule(t.app.deps, { ...input, templatePayoutId: t.template.id, createdBy: ' ' })).toThrow(
      /who set it up/
    )
  })
})
