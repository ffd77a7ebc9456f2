// Runs in: Playwright test runner. What specs do with the mass payout grid: find a cell, edit it
// as a user does (double-click, type, Enter), and wait until the draft's autosave has finished.
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
