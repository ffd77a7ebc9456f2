import { describe, expect, it } from 'vitest'
import { parseRoute, routeHref, routeSection, type Route } from '../route'

describe('routes of approvals, the address book and the payout report', () => {
  const routes: Route[] = [{ name: 'approvals' }, { name: 'addressBook' }, { name: 'payoutReport', id: 'p_1-x' }]

  it('each opens from its own href and builds it back', () => {
    for (const route of routes) expect(parseRoute(routeHref(route))).toEqual(route)
  })

  it('the report of a payout lives under the payout and belongs to the Payouts section', () => {
    expect(routeHref({ name: 'payoutReport', id: 'abc' })).toBe('#/payouts/abc/report')
    expect(routeSection({ name: 'payoutReport', id: 'abc' })).toBe('payouts')
  })

  it('approvals and the address book are their own sections', () => {
    expect(routeSection(parseRoute('#/approvals'))).toBe('approvals')
    expect(routeSection(parseRoute('#/address-book'))).toBe('addressBook')
  })

  it('extra path parts after them are not found', () => {
    expect(parseRoute('#/approvals/x').name).toBe('notFound')
    expect(parseRoute('#/payouts/abc/report/x').name).toBe('notFound')
  })
})
