// Runs in: Playwright test runner. An edit typed into the mass grid just before the user leaves,
// sooner than the autosave's typing pause, still reaches the database: leaving the draft for
// another screen saves it at once, and closing the window (even with the cell still open) asks to
// wait while it is saved.
import type { Page } from '@playwright/test'
import { getAddress } from 'ethers'
import { test, expect } from '../harness/fixtures'
import type { AppUnderTest } from '../harness/launch'
import { usdcOnEthereum } from '../harness/catalogue'
import { cell, editCell, openInGrid } from '../harness/grid'

const A = getAddress(`0x${'1a2b'.repeat(10)}`)
const B = getAddress(`0x${'3c4d'.repeat(10)}`)

/** A saved two-row mass draft, opened in the grid; returns its id. */
async function openDraft(app: AppUnderTest): Promise<string> {
  const usdc = await usdcOnEthereum(app)
  const created = await app.call('createPayout', {
    kind: 'mass',
    assetId: usdc,
    description: 'Last-second edits',
    recipients: [
      { address: A, amount: '1', name: 'Alice' },
      { address: B, amount: '2', name: 'Bob' }
    ]
  })
  expect(created.ok).toBe(true)
  const id = created.ok ? created.value.id : ''
  await openDraftInGrid(app.page, id)
  return id
}

async function openDraftInGrid(page: Page, id: string): Promise<void> {
  await openInGrid(page, id)
  await expect(cell(page, 1, 'address')).toHaveText(B)
}

async function savedNames(app: AppUnderTest, id: string): Promise<string[]> {
  const saved = await app.call('getPayout', { id, limit: 10 })
  return saved.ok ? saved.value.items.map((it) => it.name) : []
}

test('an edit made just before leaving the draft for another screen is saved', async ({ app }) => {
  const id = await openDraft(app)
  const page = app.page
  await editCell(page, 1, 'name', 'Robert')
  // Straight away, well inside the typing pause: to the payouts list.
  await page.evaluate(() => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = '#/payouts'
  })
  await expect(page.getByRole('heading', { level: 1, name: 'Payouts' })).toBeVisible()
  await expect.poll(() => savedNames(app, id)).toEqual(['Alice', 'Robert'])
  await openDraftInGrid(page, id)
  await expect(cell(page, 1, 'name')).toHaveText('Robert')
})

test('closing the window while a cell is still being typed in asks to wait, and what was typed is there after a restart', async ({
  app
}) => {
  const id = await openDraft(app)
  let page = app.page
  const asked: string[] = []
  page.on('dialog', (dialog) => {
    asked.push(dialog.type())
    void dialog.accept() // the user leaves anyway
  })
  // Typed, and the window closed before Enter: nothing is committed until the page goes away, so
  // the question is asked whatever the machine's speed.
  await cell(page, 0, 'name').dblclick()
  await cell(page, 0, 'name').locator('input').fill('Alicia')
  await page.close({ runBeforeUnload: true })
  await expect.poll(() => page.isClosed()).toBe(true)
  expect(asked).toEqual(['beforeunload'])

  await app.restart()
  page = app.page
  await expect.poll(() => savedNames(app, id)).toEqual(['Alicia', 'Bob'])
  await openDraftInGrid(page, id)
  await expect(cell(page, 0, 'name')).toHaveText('Alicia')
})
