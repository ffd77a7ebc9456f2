// Runs in: Vitest (node). The page's request filter: its own files and blobs, nothing else.
import { describe, expect, it } from 'vitest'
import { APP_ORIGIN } from './appProtocol'
import { isAllowedPageRequest } from './requestPolicy'

const packaged = { appOrigin: APP_ORIGIN, devTools: false }
const dev = { appOrigin: APP_ORIGIN, devTools: true, devServerUrl: 'http://localhost:5173' }

describe('the page request filter', () => {
  it('lets the page load its own files and the blobs it made', () => {
    expect(isAllowedPageRequest('app://treasury/index.html?demo=1', packaged)).toBe(true)
    expect(isAllowedPageRequest('app://treasury/assets/index-1.js', packaged)).toBe(true)
    expect(isAllowedPageRequest('blob:app://treasury/6f1c2a1e-0000-4000-8000-000000000000', packaged)).toBe(true)
  })

  it('cancels the network, files, other hosts of the scheme and other blobs', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8545/',
      'file:///etc/passwd',
      'app://evil/index.html',
      'app://treasury.evil/index.html',
      'app://user@treasury/index.html',
      'blob:https://example.com/6f1c2a1e',
      'blob:null/6f1c2a1e',
      'data:text/html,hi',
      'not a url'
    ])
      expect(isAllowedPageRequest(url, packaged), url).toBe(false)
  })

  it('lets the developer tools load only where they are allowed', () => {
    expect(isAllowedPageRequest('devtools://devtools/bundled/devtools_app.html', packaged)).toBe(false)
    expect(isAllowedPageRequest('devtools://devtools/bundled/devtools_app.html', dev)).toBe(true)
  })

  it('lets the dev server through only in development, by origin', () => {
    expect(isAllowedPageRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true)
    expect(isAllowedPageRequest('http://localhost:51730/x.js', dev)).toBe(false)
    expect(isAllowedPageRequest('http://localhost:5173/src/main.tsx', packaged)).toBe(false)
  })
})
