import { describe, expect, it } from 'vitest'
import { datesBetween, describeSchedule, dueRun, localDate, monthlyDate, checkSpec } from './scheduleDates'

const monthly = (day: number, startsOn = '2026-01-01', timeZone = 'UTC') =>
  ({ cadence: 'monthly', day, timeZone, startsOn }) as const
const weekly = (day: number, startsOn = '2026-01-01', timeZone = 'UTC') =>
  ({ cadence: 'weekly', day, timeZone, startsOn }) as const
const at = (iso: string) => new Date(iso)

describe('when a schedule falls', () => {
  it('monthly on the 29th to 31st falls on the last day of shorter months, leap years included', () => {
    expect(monthlyDate(2026, 2, 31)).toBe('2026-02-28')
    expect(monthlyDate(2028, 2, 30)).toBe('2028-02-29')
    expect(monthlyDate(2026, 4, 31)).toBe('2026-04-30')
    expect(monthlyDate(2026, 5, 31)).toBe('2026-05-31')
    expect(datesBetween(monthly(31), '2026-01-01', '2026-06-30')).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30'
    ])
    expect(describeSchedule(monthly(31))).toBe('Monthly on the 31st (the last day of shorter months)')
    expect(describeSchedule(monthly(2))).toBe('Monthly on the 2nd')
    expect(describeSchedule(monthly(11))).toBe('Monthly on the 11th')
  })

  it('weekly falls on its ISO weekday', () => {
    // 2026-01-01 is a Thursday.
    expect(datesBetween(weekly(1), '2026-01-01', '2026-01-31')).toEqual([
      '2026-01-05',
      '2026-01-12',
      '2026-01-19',
      '2026-01-26'
    ])
    expect(datesBetween(weekly(4), '2026-01-01', '2026-01-08')).toEqual(['2026-01-01', '2026-01-08'])
    expect(describeSchedule(weekly(7))).toBe('Weekly on Sunday')
  })

  it('is due from 00:00 of its day in its own time zone', () => {
    const spec = monthly(1, '2026-05-01', 'Asia/Tokyo')
    // 23:30 UTC on 31 May is 08:30 on 1 June in Tokyo.
    expect(dueRun(spec, '2026-05-01', at('2026-05-31T23:30:00Z'))).toEqual({ dueOn: '2026-06-01', missed: [] })
    expect(dueRun({ ...spec, timeZone: 'UTC' }, '2026-05-01', at('2026-05-31T23:30:00Z'))).toBeNull()
    expect(localDate(at('2026-05-31T23:30:00Z'), 'America/New_York')).toBe('2026-05-31')
  })

  it('after the app was closed for months: one run, for the latest date, the earlier ones reported missed', () => {
    expect(dueRun(monthly(15), '2026-01-15', at('2026-04-20T09:00:00Z'))).toEqual({
      dueOn: '2026-04-15',
      missed: ['2026-02-15', '2026-03-15']
    })
    expect(dueRun(monthly(15), '2026-04-15', at('2026-04-20T09:00:00Z'))).toBeNull()
    expect(dueRun(monthly(15), '2026-04-15', at('2026-05-15T00:00:00Z'))).toEqual({ dueOn: '2026-05-15', missed: [] })
  })

  it('never falls before the day it starts', () => {
    expect(dueRun(monthly(15, '2026-03-20'), null, at('2026-03-31T12:00:00Z'))).toBeNull()
    expect(dueRun(monthly(15, '2026-03-20'), null, at('2026-04-15T12:00:00Z'))).toEqual({
      dueOn: '2026-04-15',
      missed: []
    })
  })

  it('refuses a day that no month or week has, a date that does not exist and an unknown time zone', () => {
    expect(() => checkSpec(monthly(32))).toThrow(/Choose 1 to 31/)
    expect(() => checkSpec(weekly(0))).toThrow(/Choose 1 \(Monday\) to 7 \(Sunday\)/)
    expect(() => checkSpec(monthly(1, '2026-02-30'))).toThrow(/not a date/)
    expect(() => checkSpec(monthly(1, '2026-01-01', 'Mars/Olympus'))).toThrow(/not a time zone/)
  })
})
