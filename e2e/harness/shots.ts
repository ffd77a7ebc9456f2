// Runs in: Playwright test runner. Screenshots of the screens a spec walks through, at a finance
// user's window size, taken only when E2E_SHOTS_DIR names a folder (for the README and reviews);
// otherwise a no-op, so the specs' timing and layout do not depend on it.
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'

export const SHOT_VIEWPORT = { width: 1440, height: 900 } as const

/** Saves `<E2E_SHOTS_DIR>/<name>.png` of the window, scrolled to `focus` when given. */
export async function shot(page: Page, name: string, focus?: Locator): Promise<void> {
  const dir = process.env.E2E_SHOTS_DIR
  if (dir === undefined || dir === '') return
  await page.setViewportSize(SHOT_VIEWPORT)
  if (focus !== undefined) await focus.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(dir, `${name}.png`) })
}
