// Runs in: Vitest (Node). Hash routes: every screen has one URL and odd URLs go to "not found".
import { describe, expect, it } from 'vitest'
import { parseRoute, routeHref, routeSection, type Route } from './route'

describe('parseRoute', () => {
  it('opens the payouts list for an empty or bare hash', () => {
    expect(parseRoute('')).toEqual({ name: 'payouts' })
    expect(parseRoute('#')).toEqual({ name: 'payouts' })
    expect(parseRoute('#/')).toEqual({ name: 'payouts' })
  })

  it('reads every screen', () => {
    expect(parseRoute('#/payouts')).toEqual({ name: 'payouts' })
    expect(parseRoute('#/payouts/new')).toEqual({ name: 'newSingle' })
    expect(parseRoute('#/payouts/new/single')).toEqual({ name: 'newSingle' })
    expect(parseRoute('#/payouts/new/mass')).toEqual({ name: 'newMass' })
    expect(parseRoute('#/payouts/p_12-ab')).toEqual({ name: 'payout', id: 'p_12-ab' })
    expect(parseRoute('#/payouts/p_12-ab/edit')).toEqual({ name: 'editPayout', id: 'p_12-ab' })
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' })
  })

  it('ignores a trailing slash and a query string', () => {
    expect(parseRoute('#/payouts/')).toEqual({ name: 'payouts' })
    expect(parseRoute('#/settings?tab=1')).toEqual({ name: 'settings' })
  })

  it('sends ids main would refuse, and unknown paths, to "not found"', () => {
    expect(parseRoute('#/payouts/has space')).toEqual({ name: 'notFound', path: '/payouts/has space' })
    expect(parseRoute('#/payouts/%E0%A4%A')).toEqual({ name: 'notFound', path: '/payouts/%E0%A4%A' })
    expect(parseRoute('#/payouts/a/b/c')).toEqual({ name: 'notFound', path: '/payouts/a/b/c' })
    expect(parseRoute('#/nowhere')).toEqual({ name: 'notFound', path: '/nowhere' })
    expect(parseRoute(`#/payouts/${'x'.repeat(65)}`).name).toBe('notFound')
  })
})

describe('routeHref', () => {
  it('builds a hash that parses back to the same route', () => {
    const routes: Route[] = [
      { name: 'payouts' },
      { name: 'newSingle' },
      { name: 'newMass' },
      { name: 'payout', id: 'abc_1' },
      { name: 'editPayout', id: 'abc_1' },
      { name: 'settings' }
    ]
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r)
  })
})

describe('routeSection', () => {
  it('marks payout screens as Payouts and settings as Settings', () => {
    expect(routeSection({ name: 'payout', id: 'x' })).toBe('payouts')
    expect(routeSection({ name: 'newSingle' })).toBe('payouts')
    expect(routeSection({ name: 'settings' })).toBe('settings')
    expect(routeSection({ name: 'notFound', path: '/x' })).toBeNull()
  })
})
