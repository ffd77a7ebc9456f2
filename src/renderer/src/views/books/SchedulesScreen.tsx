// Runs in: renderer. Payout schedules: a payout drafted again monthly on a day or weekly on a
// weekday, in the desk's time zone. The app drafts on that day (or at the next start) and says
// so; people check, submit and sign. Listed with their last draft; paused, resumed or deleted here.
import { useCallback, useEffect, useState } from 'react'
import type { PayoutSummary } from '../../../../shared/api'
import type { ScheduleCadence, ScheduleView } from '../../../../shared/accounting'
import { api, type AppError } from '../../api'
import { ErrorAlert } from '../../components/ErrorAlert'
import { routeHref } from '../../lib/route'
import '../../styles/books.css'

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const
const TEMPLATES_LISTED = 200
const DEFAULT_MONTH_DAY = 25
const DAYS_IN_LONGEST_MONTH = 31
const deskTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone

export function SchedulesScreen() {
  const [schedules, setSchedules] = useState<ScheduleView[] | null>(null)
  const [error, setError] = useState<AppError | null>(null)
  const load = useCallback(async () => {
    const result = await api.listSchedules({})
    if (result.ok) setSchedules(result.value)
    setError(result.ok ? null : result.error)
  }, [])
  useEffect(() => {
    void load()
  }, [load])
  const act = async (run: () => Promise<{ ok: boolean; error?: AppError }>): Promise<void> => {
    const result = await run()
    if (!result.ok && result.error !== undefined) setError(result.error)
    await load()
  }

  return (
    <section className="screen" aria-labelledby="schedules-title" data-testid="schedules-screen">
      <header className="screen__header">
        <h1 id="schedules-title" tabIndex={-1}>
          Schedules
        </h1>
      </header>
      <p className="muted">
        A schedule drafts a payout again on its day (or at the next start if Treasury was closed). It never submits,
        approves or signs: the draft waits for you.
      </p>
      {error === null ? null : <ErrorAlert error={error} title="The schedules could not be changed" />}
      <CreateSchedule onCreated={() => void load()} />
      {schedules === null ? null : schedules.length === 0 ? (
        <p className="muted" data-testid="schedules-empty">
          No schedules yet.
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="schedules-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Drafts again</th>
                <th scope="col">Time zone</th>
                <th scope="col">Last draft</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {schedules.map((s) => (
                <tr key={s.id} data-testid="schedule-row">
                  <td>{s.description}</td>
                  <td>
                    <a href={routeHref({ name: 'payout', id: s.templatePayoutId })}>
                      {s.templateDescription === '' ? s.templatePayoutId : s.templateDescription}
                    </a>
                  </td>
                  <td>{s.timeZone}</td>
                  <td>
                    {s.lastRun === null ? (
                      <span className="muted">From {s.startsOn}</span>
                    ) : (
                      <a href={routeHref({ name: 'payout', id: s.lastRun.payoutId })}>{s.lastRun.dueOn}</a>
                    )}
                  </td>
                  <td>{s.active ? 'Active' : 'Paused'}</td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button"
                      onClick={() => void act(() => api.setScheduleActive({ id: s.id, active: !s.active }))}
                      data-testid="schedule-toggle"
                    >
                      {s.active ? 'Pause' : 'Resume'}
                    </button>
                    <button
                      type="button"
                      className="button button--danger-outline"
                      onClick={() => void act(() => api.deleteSchedule({ id: s.id }))}
                      data-testid="schedule-delete"
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function CreateSchedule({ onCreated }: { readonly onCreated: () => void }) {
  const [templates, setTemplates] = useState<PayoutSummary[] | null>(null)
  const [template, setTemplate] = useState('')
  const [cadence, setCadence] = useState<ScheduleCadence>('monthly')
  const [day, setDay] = useState(DEFAULT_MONTH_DAY)
  const [error, setError] = useState<AppError | null>(null)
  useEffect(() => {
    void api.listPayouts({ offset: 0, limit: TEMPLATES_LISTED }).then((r) => {
      if (!r.ok) return
      // A cancelled payout is not offered, so it can never be the one chosen without being shown.
      const offered = r.value.items.filter((p) => p.status !== 'cancelled')
      setTemplates(offered)
      setTemplate((t) => (t === '' ? (offered[0]?.id ?? '') : t))
    })
  }, [])
  const create = async (): Promise<void> => {
    const result = await api.createSchedule({ templatePayoutId: template, cadence, day, timeZone: deskTimeZone() })
    setError(result.ok ? null : result.error)
    if (result.ok) onCreated()
  }
  if (templates === null) return null
  if (templates.length === 0)
    return (
      <p className="notice" data-testid="schedule-no-template">
        There is no payout to repeat yet. Create a payout first; it can then be repeated from here.
      </p>
    )
  return (
    <form
      className="panel schedule-form"
      data-testid="schedule-form"
      onSubmit={(e) => {
        e.preventDefault()
        void create()
      }}
    >
      <label className="field">
        <span>Payout to draft again</span>
        <select
          className="input"
          value={template}
          onChange={(e) => setTemplate(e.target.value)}
          data-testid="schedule-template"
        >
          {templates.map((p) => (
            <option key={p.id} value={p.id}>
              {p.description === '' ? p.id : p.description} ({p.id})
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Repeats</span>
        <select
          className="input"
          value={cadence}
          onChange={(e) => {
            const next = e.target.value as ScheduleCadence
            setCadence(next)
            setDay(next === 'weekly' ? 1 : DEFAULT_MONTH_DAY)
          }}
          data-testid="schedule-cadence"
        >
          <option value="monthly">Monthly</option>
          <option value="weekly">Weekly</option>
        </select>
      </label>
      <label className="field">
        <span>{cadence === 'monthly' ? 'On day' : 'On'}</span>
        <select
          className="input"
          value={day}
          onChange={(e) => setDay(Number(e.target.value))}
          data-testid="schedule-day"
        >
          {cadence === 'monthly'
            ? Array.from({ length: DAYS_IN_LONGEST_MONTH }, (_, i) => i + 1).map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))
            : WEEKDAYS.map((w, i) => (
                <option key={w} value={i + 1}>
                  {w}
                </option>
              ))}
        </select>
      </label>
      <button type="submit" className="button button--primary" disabled={template === ''} data-testid="schedule-create">
        Create schedule
      </button>
      {error === null ? null : <ErrorAlert error={error} title="The schedule was not created" focus />}
    </form>
  )
}
