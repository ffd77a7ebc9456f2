// Runs in: Vitest (Node). The desk's number format comes from the locale's own marks.
import { describe, expect, it } from 'vitest'
import { NUMBER_FORMAT_INFO } from '../../../shared/numberFormat'
import { detectNumberFormat, formatFromParts } from './numberFormat'

describe('the number format of a locale', () => {
  it('is read from the decimal and group marks the locale writes', () => {
    expect(detectNumberFormat('en-US')).toBe('dot-decimal')
    expect(detectNumberFormat('de-DE')).toBe('comma-decimal')
    expect(detectNumberFormat('fr-FR')).toBe('space-comma')
    expect(detectNumberFormat('de-CH')).toBe('apostrophe-dot')
  })

  it('maps every kind of space and apostrophe to the same format', () => {
    expect(formatFromParts(',', '\u202f')).toBe('space-comma')
    expect(formatFromParts(',', '\u00a0')).toBe('space-comma')
    expect(formatFromParts('.', '\u00a0')).toBe('space-dot')
    expect(formatFromParts('.', '\u2019')).toBe('apostrophe-dot')
    expect(formatFromParts('.', "'")).toBe('apostrophe-dot')
  })

  it('falls back on the decimal mark when the group mark is unusual, and on the point for an unknown locale', () => {
    expect(formatFromParts(',', '_')).toBe('comma-decimal')
    expect(formatFromParts('.', '_')).toBe('dot-decimal')
    expect(detectNumberFormat('not a locale')).toBe('dot-decimal')
  })

  it('gives each format an example written with its own marks', () => {
    for (const info of Object.values(NUMBER_FORMAT_INFO)) expect(info.example).toContain(info.decimal)
  })
})
