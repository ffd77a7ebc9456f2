// Runs in: Vitest (node). Which frames may call the contract: only the top frame of our own page.
import { describe, expect, it } from 'vitest'
import { APP_ORIGIN } from './appProtocol'
import { isTrustedSender } from './senderPolicy'

const packaged = { appOrigin: APP_ORIGIN }
const dev = { devOrigin: 'http://localhost:5173' }

describe('IPC sender policy', () => {
  it('trusts only the top frame of our own page, served from app://treasury', () => {
    expect(isTrustedSender({ frameUrl: 'app://treasury/index.html#/payouts', isMainFrame: true }, packaged)).toBe(true)
    expect(isTrustedSender({ frameUrl: 'app://treasury/index.html?demo=1', isMainFrame: true }, packaged)).toBe(true)
    expect(isTrustedSender({ frameUrl: 'app://treasury/index.html', isMainFrame: false }, packaged)).toBe(false)
  })

  it('refuses file pages, other hosts of the scheme, other origins and garbage URLs', () => {
    expect(
      isTrustedSender(
        { frameUrl: 'file:///opt/Treasury/resources/app.asar/out/renderer/index.html', isMainFrame: true },
        packaged
      )
    ).toBe(false)
    expect(isTrustedSender({ frameUrl: 'file:///tmp/evil.html', isMainFrame: true }, packaged)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'app://evil/index.html', isMainFrame: true }, packaged)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'app://treasury.evil/index.html', isMainFrame: true }, packaged)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'app://user@treasury/index.html', isMainFrame: true }, packaged)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'app://treasury:8080/index.html', isMainFrame: true }, packaged)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'https://treasury/index.html', isMainFrame: true }, packaged)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'https://example.com/', isMainFrame: true }, packaged)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'not a url', isMainFrame: true }, packaged)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'http://localhost:5174/', isMainFrame: true }, dev)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'http://localhost:5173/#/x', isMainFrame: true }, dev)).toBe(true)
    expect(isTrustedSender({ frameUrl: 'app://treasury/index.html', isMainFrame: true }, dev)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'data:text/html,hi', isMainFrame: true }, { ...packaged, ...dev })).toBe(false)
  })
})
