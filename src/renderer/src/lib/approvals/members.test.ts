// Runs in: Vitest (Node). Team members are listed by name, whatever order the policy keeps them in.
import { describe, expect, it } from 'vitest'
import { byName } from './members'

describe('members by name', () => {
  it('sorts by name, ignoring case, without changing the list it was given', () => {
    const members = [{ name: 'chen' }, { name: 'Ana' }, { name: 'Boris' }]
    expect(byName(members).map((m) => m.name)).toEqual(['Ana', 'Boris', 'chen'])
    expect(members[0]?.name).toBe('chen')
  })
})
