// Runs in: Vitest (Node). Which Node `npm start` accepts, and what it says on an older one.
import { describe, expect, it } from 'vitest'
import { appNodeProblem, atLeast } from './nodeVersion.mjs'

describe('the Node version npm start needs', () => {
  it('accepts Node 22.12 and newer for the desktop app', () => {
    expect(appNodeProblem('v22.12.0')).toBeNull()
    expect(appNodeProblem('v24.1.0')).toBeNull()
  })

  it('refuses an older Node in one line that says what still works', () => {
    const line = appNodeProblem('v20.19.2')
    expect(line).toBe(
      "Treasury's desktop app needs Node 22.12 or newer (this is Node 20.19.2); `npm run demo`, `npm run harness` and the tests work on Node 20.19+."
    )
    expect(line).not.toContain('\n')
    expect(appNodeProblem('v22.11.9')).not.toBeNull()
  })

  it('compares major before minor', () => {
    expect(atLeast('21.0.0', [20, 19])).toBe(true)
    expect(atLeast('20.18.3', [20, 19])).toBe(false)
  })
})
