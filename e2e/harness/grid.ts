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

export async function expectSaved(page: Page): Promise<void> {
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
