// Runs in: Vitest (Node). The settings fields accept only what main will accept: an operator name
// without refused characters, and whole numbers of confirmations.
import { describe, expect, it } from 'vitest'
import { operatorNameProblem, parseConfirmations } from './settingsForm'

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

describe('operatorNameProblem', () => {
  it('accepts a name in any script', () => {
    expect(operatorNameProblem(' Dora ')).toBeNull()
    expect(operatorNameProblem('محمد علي')).toBeNull()
  })

  it('asks for a name when there is none, and names a refused character as main would', () => {
    expect(operatorNameProblem('  ')).toBe('Enter the name to record as the operator.')
    expect(operatorNameProblem('Dora\u202E')).toBe(
      'The operator name contains U+202E (right-to-left override) at character 5, an invisible character that changes the order in which text is displayed. Delete it, or type the text again instead of pasting it.'
    )
  })
})
