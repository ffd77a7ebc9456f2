// Runs in: Vitest (Node). The settings fields accept only what main will accept: an operator name
// without refused characters, and whole numbers of confirmations.
import { describe, expect, it } from 'vitest'
import type { Network } from '../../../../shared/api'
import { operatorNameProblem, parseConfirmations, raisedMinimums } from './settingsForm'

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

describe('raisedMinimums', () => {
  const network = (name: string, minConfirmations: number): Network => ({
    chainId: minConfirmations,
    name,
    nativeSymbol: 'ETH',
    explorerUrl: null,
    testnet: false,
    development: false,
    minConfirmations
  })
  const networks = [network('Ethereum', 12), network('Polygon', 64), network('Local development', 1)]

  it('names the networks whose own minimum is above the setting, where the setting does not apply', () => {
    expect(raisedMinimums(networks, 2)).toBe('Ethereum 12 · Polygon 64')
    expect(raisedMinimums(networks, 12)).toBe('Polygon 64')
    expect(raisedMinimums(networks, 64)).toBe('')
  })
})
