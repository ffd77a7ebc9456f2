import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { lockDownContents } from './guards'

/** Stands in for WebContents: records the window-open handler and emits navigation events. */
function fakeContents(url: string) {
  const emitter = new EventEmitter()
  let openHandler: ((details: { url: string }) => { action: string }) | null = null
  return {
    contents: {
      setWindowOpenHandler: (h: (details: { url: string }) => { action: string }) => {
        openHandler = h
      },
      on: (name: string, listener: (...args: unknown[]) => void) => emitter.on(name, listener),
      getURL: () => url
    },
    open: (target: string) => openHandler!({ url: target }),
    fire(name: string, target = 'https://evil.example/') {
      let prevented = false
      emitter.emit(name, { preventDefault: () => (prevented = true) }, target)
      return prevented
    }
  }
}

describe('window guards', () => {
  const PAGE = 'app://treasury/index.html'
  it('refuses every new window, handing only block-explorer links to the browser', () => {
    const f = fakeContents(PAGE)
    const opened: string[] = []
    lockDownContents(f.contents as never, (u) => opened.push(u))
    const tx = `https://etherscan.io/tx/0x${'1'.repeat(64)}`
    expect(f.open(tx)).toEqual({ action: 'deny' })
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' })
    expect(opened).toEqual([tx])
  })

  it('prevents navigation away from the page, redirects and webviews', () => {
    const f = fakeContents(PAGE)
    lockDownContents(f.contents as never, () => {})
    expect(f.fire('will-navigate')).toBe(true)
    expect(f.fire('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(f.fire('will-navigate', 'file:///app/out/renderer/index.html')).toBe(true)
    expect(f.fire('will-navigate', 'app://treasury/other.html')).toBe(true)
    expect(f.fire('will-navigate', PAGE)).toBe(false)
    expect(f.fire('will-redirect')).toBe(true)
    expect(f.fire('will-attach-webview')).toBe(true)
  })
})
