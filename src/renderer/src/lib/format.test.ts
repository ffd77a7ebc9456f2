// Runs in: Vitest (Node). Labels and dates shown on screens.
import { describe, expect, it } from 'vitest'
import { actionLabel, formatDateTime, plural, shortHex, utcDateTimeText } from './format'

describe('formatDateTime', () => {
  it('shows date and time in the given locale and zone', () => {
    expect(formatDateTime('2026-03-12T14:05:00.000Z', 'en-GB', 'UTC')).toBe('12 Mar 2026, 14:05')
  })

  it('shows text that is not a date unchanged', () => {
    expect(formatDateTime('yesterday', 'en-GB', 'UTC')).toBe('yesterday')
  })
})

describe('actionLabel', () => {
  it('turns audit action words into a phrase', () => {
    expect(actionLabel('created')).toBe('Created')
    expect(actionLabel('settings_changed')).toBe('Settings changed')
  })
})

describe('plural', () => {
  it('uses the singular only for one', () => {
    expect(plural(1, 'recipient')).toBe('1 recipient')
    expect(plural(0, 'recipient')).toBe('0 recipients')
    expect(plural(12000, 'recipient')).toBe('12,000 recipients')
  })
})

describe('shortHex', () => {
  it('keeps both ends of a long address and leaves short text alone', () => {
    expect(shortHex('0x52908400098527886E0F7030069857D2E4169EE7')).toBe('0x529084…169EE7')
    expect(shortHex('0xabc')).toBe('0xabc')
  })
})

describe('utcDateTimeText', () => {
  it('writes a stored UTC instant to the second, without the T and Z a column headed UTC does not need', () => {
    expect(utcDateTimeText('2026-12-07T14:52:37Z')).toBe('2026-12-07 14:52:37')
    expect(utcDateTimeText('2026-12-07T14:52:37.123Z')).toBe('2026-12-07 14:52:37')
  })

  it('leaves text that is not a UTC instant as it is, rather than guess its zone', () => {
    expect(utcDateTimeText('2026-12-07T14:52:37+02:00')).toBe('2026-12-07T14:52:37+02:00')
    expect(utcDateTimeText('unknown')).toBe('unknown')
  })
})
