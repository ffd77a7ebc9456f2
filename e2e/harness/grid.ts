// Runs in: Playwright test runner. What specs do with the mass payout grid: open a draft in it,
// find a cell, edit it as a user does (double-click, type, Enter), and wait until the draft's
// autosave has finished.
import type { Page } from '@playwright/test'
import { expect } from './fixtures'

export const cell = (page: Page, row: number, col: string) =>
  page.locator(`.ag-row[row-index="${row}"] [col-id="${col}"]`).first()

export async function editCell(page: Page, row: number, col: string, value: string): Promise<void> {
  await cell(page, row, col).dblclick()
  const editor = cell(page, row, col).locator('input')
  await editor.fill(value)
  await editor.press('Enter')
}

/**
 * Lets the page catch up with what was just typed: the grid reports a committed edit in a task of
 * its own after the key, and the window's save state is painted after that. Without this wait a
 * check could read the state from before the edit ("saved") and pass too early.
 */
async function afterPendingTasks(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        setTimeout(() => requestAnimationFrame(() => setTimeout(resolve, 0)), 0)
      })
  )
}

export async function expectSaved(page: Page): Promise<void> {
  await afterPendingTasks(page)
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  await expect(page.getByTestId('save-state')).not.toContainText('checking')
}

/** Opens a saved mass draft in the grid editor, as following its edit link does, and waits for its rows. */
export async function openInGrid(page: Page, id: string): Promise<void> {
  await page.evaluate(
    (h) => {
      ;(globalThis as unknown as { location: { hash: string } }).location.hash = h
    },
    `#/payouts/${encodeURIComponent(id)}/edit`
  )
  await expect(page.getByTestId('mass-grid')).toBeVisible()
  await expect(cell(page, 0, 'address')).not.toBeEmpty()
}
