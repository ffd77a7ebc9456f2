// Runs in: Vitest (node). Settings > Automation reads what is typed before anything is sent.
import { describe, expect, it } from 'vitest'
import { readFolder, readPort, readScopes, readTokenName } from './automationForm'

describe('automation settings fields', () => {
  it('take a port a program may listen on without special rights', () => {
    expect(readPort(' 47800 ')).toEqual({ ok: true, value: 47800 })
    for (const bad of ['80', '65536', '4.7', 'abc', '']) expect(readPort(bad).ok).toBe(false)
  })

  it('take a folder as a full path, or none when blank', () => {
    expect(readFolder('')).toEqual({ ok: true, value: null })
    expect(readFolder('/srv/inbox')).toEqual({ ok: true, value: '/srv/inbox' })
    expect(readFolder('D:\\Payouts\\Inbox')).toEqual({ ok: true, value: 'D:\\Payouts\\Inbox' })
    expect(readFolder('\\\\server\\share')).toEqual({ ok: true, value: '\\\\server\\share' })
    expect(readFolder('inbox').ok).toBe(false)
  })

  it('want a token named, without hidden characters, and allowed at least one thing', () => {
    expect(readTokenName('  ERP payroll ')).toEqual({ ok: true, value: 'ERP payroll' })
    expect(readTokenName(' ').ok).toBe(false)
    expect(readTokenName('ERP\u202Epayroll')).toMatchObject({
      ok: false,
      message: expect.stringContaining('token name')
    })
    expect(readScopes(new Set())).toMatchObject({ ok: false })
    expect(readScopes(new Set(['payouts:draft', 'payouts:read']))).toEqual({
      ok: true,
      value: ['payouts:read', 'payouts:draft']
    })
  })
})
