// Runs in: Vitest (Node). The confirmations field accepts only whole numbers main will accept.
import { describe, expect, it } from 'vitest'
import { parseConfirmations } from './settingsForm'

describe('parseConfirmations', () => {
  it('accepts whole numbers from 1 to 1000, ignoring surrounding spaces', () => {
    expect(parseConfirmations('1')).toEqual({ ok: true, value: 1 })
    expect(parseConfirmations(' 12 ')).toEqual({ ok: true, value: 12 })
    expect(parseConfirmations('1000')).toEqual({ ok: true, value: 1000 })
  })

  it('refuses zero, too many, fractions, signs, exponents and empty text', () => {
    for (const bad of ['0', '1001', '1.5', '-1', '+3', '1e2', '', ' ', 'twelve'])
      expect(parseConfirmations(bad).ok).toBe(false)
  })
})
