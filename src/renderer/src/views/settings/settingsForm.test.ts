// Runs in: Vitest (Node). The confirmations field accepts only whole numbers main will accept.
import { describe, expect, it } from 'vitest'
import type { Network } from '../../../../shared/api'
import { parseConfirmations, raisedMinimums } from './settingsForm'

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
