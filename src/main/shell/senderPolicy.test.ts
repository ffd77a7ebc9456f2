import { describe, expect, it } from 'vitest'
import { isTrustedSender } from './senderPolicy'

const packaged = { fileRoot: 'file:///opt/Treasury/resources/app.asar/out/renderer' }
const dev = { devOrigin: 'http://localhost:5173' }

describe('IPC sender policy', () => {
  it('trusts only the top frame of our own page', () => {
    expect(
      isTrustedSender(
        { frameUrl: 'file:///opt/Treasury/resources/app.asar/out/renderer/index.html#/payouts', isMainFrame: true },
        packaged
      )
    ).toBe(true)
    expect(
      isTrustedSender(
        { frameUrl: 'file:///opt/Treasury/resources/app.asar/out/renderer/index.html', isMainFrame: false },
        packaged
      )
    ).toBe(false)
  })

  it('refuses other files, other origins and garbage URLs', () => {
    expect(isTrustedSender({ frameUrl: 'file:///tmp/evil.html', isMainFrame: true }, packaged)).toBe(false)
    expect(
      isTrustedSender(
        { frameUrl: 'file://evil-host/opt/Treasury/resources/app.asar/out/renderer/index.html', isMainFrame: true },
        packaged
      )
    ).toBe(false)
    expect(isTrustedSender({ frameUrl: 'https://example.com/', isMainFrame: true }, packaged)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'not a url', isMainFrame: true }, packaged)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'http://localhost:5174/', isMainFrame: true }, dev)).toBe(false)
    expect(isTrustedSender({ frameUrl: 'http://localhost:5173/#/x', isMainFrame: true }, dev)).toBe(true)
    expect(isTrustedSender({ frameUrl: 'data:text/html,hi', isMainFrame: true }, { ...packaged, ...dev })).toBe(false)
  })
})
