// The main process's guards, checked from inside the real page. They live in Electron's main
// process, so this file runs only where Electron's binary exists (playwright.config.mts leaves it
// out elsewhere); here they are covered by src/main/shell/guards.test.ts, appProtocol.test.ts and
// builtMain.test.ts against the built bundle.
import { test, expect } from '../harness/fixtures'

test('window.open and navigation away are refused (Electron main-process guards)', async ({ app }) => {
  const opened = await app.page.evaluate(
    () => (globalThis as unknown as { open(u: string): unknown }).open('https://example.com/') === null
  )
  expect(opened).toBe(true)
  const before = app.page.url()
  await app.page.evaluate(() => {
    ;(globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'
  })
  await app.page.waitForTimeout(500)
  expect(app.page.url()).toBe(before)
})

test('the page comes from app://treasury, and cannot read files (Electron main-process protocol)', async ({ app }) => {
  expect(app.page.url()).toMatch(/^app:\/\/treasury\/index\.html/)
  const outcomes = await app.page.evaluate(async () => {
    const attempt = async (url: string) => {
      try {
        const r = await fetch(url)
        return r.ok ? 'reached' : 'refused'
      } catch {
        return 'blocked'
      }
    }
    return [await attempt('file:///etc/hostname'), await attempt('app://treasury/..%2f..%2fpackage.json')]
  })
  expect(outcomes.every((o) => o !== 'reached')).toBe(true)
})
