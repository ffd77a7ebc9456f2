// Runs in: renderer. The app shell: demo banner, side navigation, and the screen for the current
// hash route. Moves focus to the new screen's heading on navigation so keyboard and screen
// reader users land where the content changed.
import { useEffect, useRef } from 'react'
import { assertNever } from '../../shared/result'
import { useRoute } from './hooks/useRoute'
import { isDemo } from './lib/demo'
import { routeHref, routeSection, type Route } from './lib/route'
import { usePreferences } from './stores/preferences'
import { useSettings } from './stores/settings'
import { DevicePanel } from './components/device/DevicePanel'
import { SystemNotices } from './components/SystemNotices'
import { ReopenDialog } from './components/ReopenDialog'
import { PayoutDetailScreen } from './views/detail/PayoutDetailScreen'
import { NewSinglePayoutScreen } from './views/form/NewSinglePayoutScreen'
import { PayoutEditorRoute } from './views/mass/PayoutEditorRoute'
import { NotFoundScreen } from './views/NotFoundScreen'
import { PayoutsScreen } from './views/payouts/PayoutsScreen'
import { SettingsScreen } from './views/settings/SettingsScreen'
import { AddressBookScreen } from './views/addressBook/AddressBookScreen'
import { ApprovalsScreen } from './views/approvals/ApprovalsScreen'
import { PayoutReportScreen } from './views/report/PayoutReportScreen'
import { SchedulesScreen } from './views/books/SchedulesScreen'

const demo = isDemo(window.location.search)

export function App() {
  const route = useRoute()
  const section = routeSection(route)
  const { settings, load } = useSettings()
  const preferencesRead = usePreferences((s) => s.loaded)
  const firstRender = useRef(true)
  const routeKey = routeHref(route)

  useEffect(() => {
    void load()
    void usePreferences.getState().load()
  }, [load])

  useEffect(() => {
    document.title = `${demo ? 'DEMO · ' : ''}${screenTitle(route)} · Treasury`
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    document.querySelector<HTMLElement>('#main h1')?.focus({ preventScroll: true })
    window.scrollTo(0, 0)
    // Keyed by routeKey (a string): the parsed route object is new on every render.
  }, [routeKey])

  return (
    <div className={demo ? 'app app--demo' : 'app'}>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault() // a "#main" href would replace the route
          document.getElementById('main')?.focus()
        }}
      >
        Skip to content
      </a>
      {demo ? (
        <div className="demo-banner" role="note" data-testid="demo-banner">
          <strong>DEMO</strong> Local test network and an emulated Ledger: no real funds can move.
        </div>
      ) : null}
      <SystemNotices />
      <ReopenDialog />
      <div className="app__body">
        <aside className="sidebar">
          <div className="brand">
            <span className="brand__mark" aria-hidden="true">
              ◆
            </span>{' '}
            Treasury
          </div>
          <nav aria-label="Main">
            <ul className="nav">
              <li>
                <a
                  className="nav__link"
                  href={routeHref({ name: 'payouts' })}
                  aria-current={section === 'payouts' ? 'page' : undefined}
                  data-testid="nav-payouts"
                >
                  Payouts
                </a>
              </li>
              <li>
                <a
                  className="nav__link"
                  href={routeHref({ name: 'approvals' })}
                  aria-current={section === 'approvals' ? 'page' : undefined}
                  data-testid="nav-approvals"
                >
                  Approvals
                </a>
              </li>
              <li>
                <a
                  className="nav__link"
                  href={routeHref({ name: 'addressBook' })}
                  aria-current={section === 'addressBook' ? 'page' : undefined}
                  data-testid="nav-address-book"
                >
                  Address book
                </a>
              </li>
              <li>
                <a
                  className="nav__link"
                  href={routeHref({ name: 'schedules' })}
                  aria-current={section === 'schedules' ? 'page' : undefined}
                  data-testid="nav-schedules"
                >
                  Schedules
                </a>
              </li>
              <li>
                <a
                  className="nav__link"
                  href={routeHref({ name: 'settings' })}
                  aria-current={section === 'settings' ? 'page' : undefined}
                  data-testid="nav-settings"
                >
                  Settings
                </a>
              </li>
            </ul>
          </nav>
          <DevicePanel />
          {settings === null ? null : (
            <p className="sidebar__operator" data-testid="operator">
              <span className="muted">Desk</span> {settings.operatorName}
            </p>
          )}
        </aside>
        <main id="main" className="main" tabIndex={-1}>
          {/* A screen starts from the desk's payer and grid layout, never from a default that then changes. */}
          {preferencesRead ? <Screen route={route} /> : null}
        </main>
      </div>
    </div>
  )
}

function Screen({ route }: { readonly route: Route }) {
  switch (route.name) {
    case 'payouts':
      return <PayoutsScreen />
    case 'newSingle':
      return <NewSinglePayoutScreen />
    case 'newMass':
      // Same element type, no key, as the edit route below: a new draft keeps its editor when it gets an id.
      return <PayoutEditorRoute id={null} />
    case 'payout':
      return <PayoutDetailScreen key={route.id} id={route.id} />
    case 'editPayout':
      return <PayoutEditorRoute id={route.id} />
    case 'settings':
      return <SettingsScreen />
    case 'payoutReport':
      return <PayoutReportScreen key={route.id} id={route.id} />
    case 'approvals':
      return <ApprovalsScreen />
    case 'addressBook':
      return <AddressBookScreen />
    case 'schedules':
      return <SchedulesScreen />
    case 'notFound':
      return <NotFoundScreen path={route.path} />
    default:
      return assertNever(route, 'route')
  }
}

function screenTitle(route: Route): string {
  switch (route.name) {
    case 'payouts':
      return 'Payouts'
    case 'newSingle':
      return 'New single payout'
    case 'newMass':
      return 'New mass payout'
    case 'payout':
      return 'Payout'
    case 'editPayout':
      return 'Edit payout'
    case 'settings':
      return 'Settings'
    case 'payoutReport':
      return 'Payout report'
    case 'approvals':
      return 'Approvals'
    case 'addressBook':
      return 'Address book'
    case 'schedules':
      return 'Schedules'
    case 'notFound':
      return 'Not found'
    default:
      return assertNever(route, 'route')
  }
}
