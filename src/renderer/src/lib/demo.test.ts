// Runs in: Vitest (Node). The demo flag in the query string.
import { describe, expect, it } from 'vitest'
import { isDemo } from './demo'

describe('isDemo', () => {
  it('is on for ?demo and ?demo=1', () => {
    expect(isDemo('?demo')).toBe(true)
    expect(isDemo('?demo=1')).toBe(true)
    expect(isDemo('?x=2&demo=true')).toBe(true)
  })

  it('is off when absent or explicitly off', () => {
    expect(isDemo('')).toBe(false)
    expect(isDemo('?demos=1')).toBe(false)
    expect(isDemo('?demo=0')).toBe(false)
    expect(isDemo('?demo=false')).toBe(false)
  })
})
