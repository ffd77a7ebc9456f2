// The renderer's sandbox, checked from inside the real page.
import { test, expect } from '../harness/fixtures'

test('the page has no Node: no require, no process, no Buffer', async ({ app }) => {
  const globals = await app.page.evaluate(() => {
    const g = globalThis as Record<string, unknown>
    return { require: typeof g.require, process: typeof g.process, Buffer: typeof g.Buffer, module: typeof g.module }
  })
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', Buffer: 'undefined', module: 'undefined' })
})

test('the page cannot reach the network', async ({ app }) => {
  const outcomes = await app.page.evaluate(async () => {
    const attempt = async (url: string) => {
      try {
        await fetch(url)
        return 'reached'
      } catch {
        return 'blocked'
      }
    }
    return [
      await attempt('https://example.com/'),
      await attempt('http://127.0.0.1:1/'),
      await attempt('http://localhost:8545/')
    ]
  })
  expect(outcomes).toEqual(['blocked', 'blocked', 'blocked'])
})

test('the API is exposed as named, frozen functions only', async ({ app }) => {
  const shape = await app.page.evaluate(() => {
    const t = (globalThis as unknown as { treasury: Record<string, unknown> }).treasury
    return { frozen: Object.isFrozen(t), invoke: typeof t.invoke, send: typeof t.send, names: Object.keys(t).sort() }
  })
  expect(shape.frozen).toBe(true)
  expect(shape.invoke).toBe('undefined')
  expect(shape.send).toBe('undefined')
  expect(shape.names).toContain('createPayout')
})

test('a frame inside the page gets no API and runs no script', async ({ app }) => {
  const result = await app.page.evaluate(async () => {
    const doc = (
      globalThis as unknown as {
        document: {
          createElement(t: string): {
            srcdoc: string
            contentWindow: Record<string, unknown> | null
            onload: (() => void) | null
          }
          body: { appendChild(e: unknown): void }
        }
      }
    ).document
    const frame = doc.createElement('iframe')
    frame.srcdoc = '<script>parent.stolen = typeof parent.treasury; window.ran = true</script>'
    const loaded = new Promise<void>((resolve) => {
      frame.onload = () => resolve()
      setTimeout(resolve, 2000)
    })
    doc.body.appendChild(frame)
    await loaded
    const w = frame.contentWindow
    return {
      frameApi: w === null ? 'no window' : typeof w.treasury,
      ran: w === null ? false : w.ran === true,
      stolen: (globalThis as Record<string, unknown>).stolen ?? null
    }
  })
  expect(result).toEqual({ frameApi: 'undefined', ran: false, stolen: null })
})
