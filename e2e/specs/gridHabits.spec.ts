// Runs in: Playwright test runner. The mass grid behaves like a spreadsheet: a range selected with
// Shift+arrows, the mouse or Shift+click is copied as TSV through the real clipboard and pasted back
// with the same values; fill down and Delete change a range in one step that Ctrl+Z undoes; Tab,
// Tab, Enter returns to the starting column; amounts are typed in the desk's number format and kept
// exactly through autosave and a restart, and one the desk's format cannot read stays refused
// through both; the warning count filters the grid and steps through its
// rows; the last row is clear of the scrollbar; an import asks before replacing rows and Undo brings
// them back; the desk's number format starts as the computer's and is changed in Settings.
import { getAddress, keccak256, toUtf8Bytes } from 'ethers'
import type { Page } from '@playwright/test'
import { test, expect } from '../harness/fixtures'
import type { AppUnderTest } from '../harness/launch'
import { usdcOnEthereum } from '../harness/catalogue'
import { cell, editCell, expectSaved, openInGrid } from '../harness/grid'
import { shot } from '../harness/shots'
import { formatFromParts } from '../../src/renderer/src/lib/numberFormat'

const FINANCE_WINDOW = { width: 1440, height: 900 }
const address = (seed: string): string => getAddress(keccak256(toUtf8Bytes(seed)).slice(0, 42))

interface Row {
  readonly address: string
  readonly amount: string
  readonly name: string
  readonly reference: string
}

function rows(count: number): Row[] {
  const amounts = ['1250', '980.5', '334.9690', '2500', '75.25']
  return Array.from({ length: count }, (_, i) => ({
    address: address(`recipient ${i}`),
    amount: amounts[i % amounts.length]!,
    name: `Person ${i + 1}`,
    reference: `AFF-${1001 + i}`
  }))
}

/** A saved mass draft in USDC, opened in the grid; returns its id. */
async function openDraft(app: AppUnderTest, recipients: readonly Row[]): Promise<string> {
  const usdc = await usdcOnEthereum(app)
  const created = await app.call('createPayout', {
    kind: 'mass',
    assetId: usdc,
    description: 'Spreadsheet habits',
    recipients: [...recipients]
  })
  expect(created.ok).toBe(true)
  const id = created.ok ? created.value.id : ''
  await openInGrid(app.page, id)
  return id
}

async function savedRows(app: AppUnderTest, id: string): Promise<string[][]> {
  const saved = await app.call('getPayout', { id, limit: 100 })
  return saved.ok ? saved.value.items.map((it) => [it.amount, it.name, it.reference]) : []
}

const clipboardText = (page: Page): Promise<string> => page.evaluate(() => navigator.clipboard.readText())

test('a range is copied as TSV through the clipboard and pasted back; fill down and Delete are undone by Ctrl+Z', async ({
  app
}, testInfo) => {
  const page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  if (app.target === 'browser') await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  const start = rows(6).map((r, i) => (i === 1 ? { ...r, name: 'Ann "Nan" Lee' } : r))
  const id = await openDraft(app, start)

  // Shift+arrows select amount..name of rows 0-1; the range is shown on every cell in it.
  await cell(page, 0, 'amount').click()
  await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('Shift+ArrowRight')
  await expect(page.locator('.cell--in-range')).toHaveCount(4)
  await page.screenshot({ path: testInfo.outputPath('grid-range.png') })
  await page.keyboard.press('Control+c')
  // Exact amounts, not the shown "1,250.00"; a quote makes its cell quoted, as spreadsheets write it.
  await expect.poll(() => clipboardText(page)).toBe('1250\tPerson 1\r\n980.5\t"Ann ""Nan"" Lee"')

  // Pasted back into rows 3-4: the same values, saved.
  await cell(page, 3, 'amount').click()
  await expect(page.locator('.cell--in-range')).toHaveCount(0)
  await page.keyboard.press('Control+v')
  await expect(cell(page, 4, 'name')).toHaveText('Ann "Nan" Lee')
  await expectSaved(page)
  expect((await savedRows(app, id)).slice(3, 5)).toEqual([
    ['1250', 'Person 1', 'AFF-1004'],
    ['980.5', 'Ann "Nan" Lee', 'AFF-1005']
  ])

  // A mouse drag selects too: reference of rows 0-2, copied.
  await cell(page, 0, 'reference').scrollIntoViewIfNeeded()
  const from = await cell(page, 0, 'reference').boundingBox()
  const to = await cell(page, 2, 'reference').boundingBox()
  await page.mouse.move(from!.x + 10, from!.y + 10)
  await page.mouse.down()
  await page.mouse.move(to!.x + 10, to!.y + 10, { steps: 5 })
  await page.mouse.up()
  await expect(page.locator('.cell--in-range')).toHaveCount(3)
  await page.keyboard.press('Control+c')
  await expect.poll(() => clipboardText(page)).toBe('AFF-1001\r\nAFF-1002\r\nAFF-1003')
  // Escape clears the range.
  await page.keyboard.press('Escape')
  await expect(page.locator('.cell--in-range')).toHaveCount(0)

  // Shift+click selects from the cursor: amount of rows 1-5; Ctrl+D copies row 1's amount down.
  await cell(page, 1, 'amount').click()
  await cell(page, 5, 'amount').click({ modifiers: ['Shift'] })
  await expect(page.locator('.cell--in-range')).toHaveCount(5)
  await page.keyboard.press('Control+d')
  for (const i of [1, 2, 3, 4, 5]) await expect(cell(page, i, 'amount')).toHaveText('980.50')
  await expectSaved(page)
  expect((await savedRows(app, id)).map((r) => r[0])).toEqual(['1250', '980.5', '980.5', '980.5', '980.5', '980.5'])
  await expect(page.getByTestId('totals-sum')).toHaveText('6,152.50 USDC')
  await page.keyboard.press('Control+z')
  await expect(cell(page, 2, 'amount')).toHaveText('334.969')
  await expectSaved(page)
  expect((await savedRows(app, id)).map((r) => r[0])).toEqual(['1250', '980.5', '334.9690', '1250', '980.5', '1250'])

  // Ctrl+D on one cell fills it from the cell above.
  await cell(page, 3, 'reference').click()
  await page.keyboard.press('Control+d')
  await expect(cell(page, 3, 'reference')).toHaveText('AFF-1003')
  await page.keyboard.press('Control+z')
  await expect(cell(page, 3, 'reference')).toHaveText('AFF-1004')

  // Delete clears name and reference of rows 4-5 (every editable cell of the range) in one step.
  await cell(page, 4, 'name').click()
  await page.keyboard.press('Shift+ArrowRight')
  await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('Delete')
  await expect(cell(page, 4, 'name')).toHaveText('')
  await expect(cell(page, 5, 'reference')).toHaveText('')
  await expect(cell(page, 5, 'amount')).toHaveText('1,250.00')
  await expectSaved(page)
  expect((await savedRows(app, id)).slice(4)).toEqual([
    ['980.5', '', ''],
    ['1250', '', '']
  ])
  await page.keyboard.press('Control+z')
  await expect(cell(page, 5, 'reference')).toHaveText('AFF-1006')
  await expectSaved(page)
  expect((await savedRows(app, id)).slice(4)).toEqual([
    ['980.5', 'Ann "Nan" Lee', 'AFF-1005'],
    ['1250', 'Person 6', 'AFF-1006']
  ])
})

test('typing follows the desk: Tab, Tab, Enter returns to the starting column, and 334.969 on a point desk stays 334.969 through autosave and a restart', async ({
  app
}) => {
  let page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  const formatSet = await app.call('updateSettings', { numberFormat: 'dot-decimal' })
  expect(formatSet.ok).toBe(true)
  const id = await openDraft(app, rows(2))
  await page.getByTestId('grid-add-row').click()
  await page.getByTestId('grid-add-row').click()
  await expect(cell(page, 3, 'address')).toBeFocused()
  await cell(page, 2, 'address').click()

  // Typed across row 2 with Tab; Enter lands on row 3's address, where the typing started.
  await page.keyboard.type(address('typed 1'))
  await page.keyboard.press('Tab')
  await page.keyboard.type('334.969')
  await page.keyboard.press('Tab')
  await page.keyboard.type('Typed Tess')
  await page.keyboard.press('Enter')
  await expect(cell(page, 3, 'address')).toBeFocused()
  await expect(cell(page, 2, 'amount')).toHaveText('334.969')
  await expect(cell(page, 2, 'amount')).not.toHaveClass(/cell--error/)

  // At the last row Enter stays where it is, as Excel does at the bottom of a sheet.
  await page.keyboard.type(address('typed 2'))
  await page.keyboard.press('Tab')
  await page.keyboard.type('1,234.5')
  await page.keyboard.press('Enter')
  await expect(cell(page, 3, 'amount')).toBeFocused()
  await expect(cell(page, 3, 'amount')).toHaveText('1,234.50')

  // What the desk's format cannot read is refused in place, and kept as typed.
  await editCell(page, 1, 'amount', '1,5')
  await expect(cell(page, 1, 'amount')).toHaveClass(/cell--error/)
  await expect(cell(page, 1, 'amount')).toHaveText('1,5')
  await expect(cell(page, 1, 'status')).toHaveText('✕ Number format')
  await cell(page, 1, 'amount').click()
  await expect(page.getByTestId('row-panel-issues')).toContainText(
    "Amount 1,5 cannot be read in this desk's number format"
  )
  await editCell(page, 1, 'amount', '1.5')
  await expect(cell(page, 1, 'amount')).not.toHaveClass(/cell--error/)

  await expectSaved(page)
  await expect(page.getByTestId('totals-errors')).toHaveText('0 rows')
  const saved = await app.call('getPayout', { id, limit: 10 })
  expect(saved.ok && saved.value.items.map((it) => [it.amountBaseUnits, it.issues.length])).toEqual([
    ['1250000000', 0],
    ['1500000', 0],
    ['334969000', 0],
    ['1234500000', 0]
  ])

  // After a restart the grid shows 334.969, and its editor holds exactly that.
  await app.restart()
  page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  await openInGrid(page, id)
  await expect(cell(page, 2, 'amount')).toHaveText('334.969')
  await cell(page, 2, 'amount').dblclick()
  await expect(cell(page, 2, 'amount').locator('input')).toHaveValue('334.969')
  await page.keyboard.press('Escape')
})

test("an amount the desk's number format cannot read stays refused through autosave, a restart and an edit elsewhere in its row", async ({
  app
}) => {
  let page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  expect((await app.call('updateSettings', { numberFormat: 'dot-decimal' })).ok).toBe(true)
  const id = await openDraft(app, rows(2))
  // Grid row index 1 is the payout's second row.
  const second = async () => {
    const saved = await app.call('getPayout', { id, limit: 10 })
    const item = saved.ok ? saved.value.items[1] : undefined
    return item === undefined ? null : [item.amount, item.amountBaseUnits, item.issues.map((i) => i.code)]
  }

  // Read by separators alone, 1.234,5 would be 1234.5; a desk writing 1,234.50 cannot read it, and main is told so.
  await editCell(page, 1, 'amount', '1.234,5')
  await expect(cell(page, 1, 'status')).toHaveText('✕ Number format')
  await expect.poll(second).toEqual(['1.234,5', null, ['amount_desk_format']])
  await expectSaved(page)

  await app.restart()
  page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  await openInGrid(page, id)
  await expect(cell(page, 1, 'amount')).toHaveClass(/cell--error/)
  await expect(cell(page, 1, 'status')).toHaveText('✕ Number format')
  await editCell(page, 1, 'name', 'Renamed')
  const named = async () => {
    const saved = await app.call('getPayout', { id, limit: 10 })
    return saved.ok ? saved.value.items[1]!.name : null
  }
  await expect.poll(named).toBe('Renamed')
  await expectSaved(page)
  expect(await second()).toEqual(['1.234,5', null, ['amount_desk_format']])
  await expect(cell(page, 1, 'status')).toHaveText('✕ Number format')
  await expect(page.getByTestId('totals-errors')).toHaveText('1 row')
  await cell(page, 1, 'amount').click()
  await expect(page.getByTestId('row-panel-issues')).toContainText(
    "Amount 1.234,5 cannot be read in this desk's number format"
  )
  await shot(page, 'grid-desk-format-kept')
})

test('clicking the warning count shows only those rows and steps through them; the last row is clear of the scrollbar', async ({
  app
}, testInfo) => {
  const page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  const many = rows(40)
  const duplicated = many.map((r, i) => (i === 30 ? { ...r, address: many[4]!.address } : r))
  await openDraft(app, duplicated)
  await expect(page.getByTestId('totals-warnings')).toHaveText('2 rows')
  await expect(cell(page, 4, 'status')).toHaveText('! Duplicate address')

  await page.getByTestId('totals-warnings').click()
  await expect(page.getByTestId('totals-warnings')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('grid-filter-status')).toHaveText('Showing only the 2 rows with warnings')
  await expect(page.locator('.ag-row[row-index]')).toHaveCount(2)
  // The cursor is on the first of them, on the cell at fault.
  await expect(cell(page, 0, 'address')).toBeFocused()
  await expect(page.getByTestId('row-panel')).toContainText('Row 5')
  await page.screenshot({ path: testInfo.outputPath('grid-warnings-filter.png') })
  await page.getByTestId('grid-filter-next').click()
  await expect(cell(page, 1, 'address')).toBeFocused()
  await expect(page.getByTestId('row-panel')).toContainText('Row 31')
  await page.getByTestId('grid-filter-next').click()
  await expect(cell(page, 0, 'address')).toBeFocused()
  await page.getByTestId('grid-filter-prev').click()
  await expect(page.getByTestId('row-panel')).toContainText('Row 31')
  await page.getByTestId('grid-filter-clear').click()
  await expect(page.getByTestId('grid-filter')).toHaveCount(0)
  await expect(cell(page, 5, 'name')).toHaveText('Person 6')

  // The last row, scrolled to, is fully visible above the horizontal scrollbar and takes a click.
  const grid = (await page.getByTestId('mass-grid').boundingBox())!
  await page.mouse.move(grid.x + grid.width / 2, grid.y + grid.height / 2)
  await page.mouse.wheel(0, 5000)
  const last = cell(page, 39, 'name')
  await expect(last).toBeVisible()
  const box = (await last.boundingBox())!
  const scrollbar = (await page.locator('.mass-grid .ag-body-horizontal-scroll').boundingBox())!
  expect(box.y + box.height).toBeLessThanOrEqual(scrollbar.y + 1)
  await page.mouse.click(box.x + box.width / 2, box.y + box.height - 3)
  await expect(last).toBeFocused()
  await expect(page.getByTestId('row-panel')).toContainText('Row 40')
  expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight)).toBe(true)
})

test('an import adds below by default, asks before replacing, and Undo brings the replaced rows back', async ({
  app
}, testInfo) => {
  const page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  const id = await openDraft(app, rows(5))
  // Windows-1252 bytes: the encoding notice is shown once, beside the encoding to change.
  const csv = Buffer.from(
    ['address,amount,name,reference', `${address('file 1')},10,Zoë,F-1`, `${address('file 2')},20,Åsa,F-2`, ''].join(
      '\r\n'
    ),
    'latin1'
  )
  await page.getByTestId('grid-import').click()
  await page.getByTestId('import-file').setInputFiles({ name: 'april.csv', mimeType: 'text/csv', buffer: csv })
  await expect(page.getByTestId('import-rows')).toHaveText('2 rows read')
  await expect(page.getByTestId('import-encoding-assumed')).toContainText('Windows-1252')
  await expect(page.getByText(/is not (valid )?UTF-8/)).toHaveCount(1)
  await expect(page.getByTestId('import-append')).toHaveClass(/button--primary/)
  await expect(page.getByTestId('import-replace')).not.toHaveClass(/button--primary/)
  await page.screenshot({ path: testInfo.outputPath('import-preview.png') })

  // Replace asks first, saying how many rows go; Cancel keeps them.
  await page.getByTestId('import-replace').click()
  const dialog = page.getByTestId('import-replace-dialog')
  await expect(dialog).toContainText(
    "The 5 rows now in the grid will be removed and the file's 2 rows put in their place"
  )
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).not.toBeVisible()
  await expect(page.getByTestId('totals-count')).toHaveText('5')

  await page.getByTestId('import-replace').click()
  await page.getByTestId('import-replace-confirm').click()
  await expect(page.getByTestId('totals-count')).toHaveText('2')
  await expect(cell(page, 0, 'name')).toHaveText('Zoë')
  await expectSaved(page)
  expect((await savedRows(app, id)).map((r) => r[1])).toEqual(['Zoë', 'Åsa'])

  await page.getByTestId('grid-undo').click()
  await expect(page.getByTestId('totals-count')).toHaveText('5')
  await expectSaved(page)
  expect((await savedRows(app, id)).map((r) => r[1])).toEqual([
    'Person 1',
    'Person 2',
    'Person 3',
    'Person 4',
    'Person 5'
  ])

  // Added below: the new rows are scrolled into view with the cursor on the first.
  await page.getByTestId('grid-import').click()
  await page.getByTestId('import-file').setInputFiles({ name: 'april.csv', mimeType: 'text/csv', buffer: csv })
  await page.getByTestId('import-append').click()
  await expect(page.getByTestId('totals-count')).toHaveText('7')
  await expect(cell(page, 5, 'address')).toBeFocused()
  await expect(page.getByTestId('row-panel')).toContainText('Row 6')

  // The side panel never goes on describing a deleted row.
  await cell(page, 6, 'name').click()
  await expect(page.getByTestId('row-panel')).toContainText('Row 7')
  await page.getByTestId('grid-delete').click()
  await expect(page.getByTestId('totals-count')).toHaveText('6')
  await expect(page.getByTestId('row-panel')).not.toContainText('Row 7')
  await expectSaved(page)
})

test("the desk's number format starts as the computer's locale, is changed in Settings, and amounts are typed, shown and copied in it", async ({
  app
}) => {
  const page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  if (app.target === 'browser') await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  const parts = await page.evaluate(() => {
    const p = new Intl.NumberFormat(undefined, { numberingSystem: 'latn' }).formatToParts(1234567.5)
    return {
      decimal: p.find((x) => x.type === 'decimal')?.value ?? '.',
      group: p.find((x) => x.type === 'group')?.value ?? ','
    }
  })
  const first = async () => {
    const s = await app.call('getSettings', {})
    return s.ok ? s.value.numberFormat : null
  }
  await expect.poll(first).toBe(formatFromParts(parts.decimal, parts.group))

  await page.getByTestId('nav-settings').click()
  // The line under the title brings each part of the page into view, heading first.
  const index = page.getByTestId('settings-index').getByRole('button')
  await expect(index).toHaveCount(5)
  for (const button of await index.all()) {
    const title = (await button.textContent()) ?? ''
    await button.click()
    await expect(page.getByRole('heading', { level: 2, name: title, exact: true })).toBeInViewport()
    await expect(page.getByRole('heading', { level: 2, name: title, exact: true })).toBeFocused()
  }
  await page.getByTestId('field-number-format').selectOption('comma-decimal')
  await page.getByTestId('save-settings').click()
  await expect(page.getByTestId('settings-status')).toHaveText('Settings saved.')
  await expect.poll(first).toBe('comma-decimal')

  const id = await openDraft(app, rows(2))
  await expect(cell(page, 0, 'amount')).toHaveText('1.250,00')
  await editCell(page, 1, 'amount', '1.234,5')
  await expect(cell(page, 1, 'amount')).toHaveText('1.234,50')
  await expectSaved(page)
  await expect(page.getByTestId('totals-sum')).toHaveText('2.484,50 USDC')
  const saved = await app.call('getPayout', { id, limit: 10 })
  expect(saved.ok && saved.value.items.map((it) => it.amountBaseUnits)).toEqual(['1250000000', '1234500000'])
  await cell(page, 1, 'amount').click()
  await page.keyboard.press('Control+c')
  await expect.poll(() => clipboardText(page)).toBe('1234,5')
})

test('a payment list copied from a text (an address, then the amount) lands in the address and amount columns', async ({
  app
}) => {
  const page = app.page
  await page.setViewportSize(FINANCE_WINDOW)
  if (app.target === 'browser') await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  const start = rows(2)
  const id = await openDraft(app, start)
  const [a, b] = [address('list 1'), address('list 2')]
  await page.evaluate((text) => navigator.clipboard.writeText(text), `${a} 12.5\n${b},7\n`)
  // The cursor on a name: the list still fills the address and amount of its rows, and adds one.
  await cell(page, 1, 'name').click()
  await page.keyboard.press('Control+v')
  await expect(page.getByTestId('totals-count')).toHaveText('3')
  await expectSaved(page)
  const saved = await app.call('getPayout', { id, limit: 10 })
  expect(saved.ok && saved.value.items.map((it) => [it.address, it.amount, it.name])).toEqual([
    [start[0]!.address, '1250', 'Person 1'],
    [a, '12.5', 'Person 2'],
    [b, '7', '']
  ])
})

test('a 1,280 px window shows each row whole up to its amount, without scrolling sideways', async ({ app }) => {
  const page = app.page
  await page.setViewportSize({ width: 1280, height: 720 })
  await openDraft(app, rows(3))
  await expect(cell(page, 0, 'amount')).toHaveText('1,250.00')
  const edges = await page.evaluate(() => {
    const right = (selector: string): number => document.querySelector(selector)?.getBoundingClientRect().right ?? 0
    return {
      amount: right('.ag-header-cell[col-id="amount"]'),
      visible: right('.ag-root-wrapper')
    }
  })
  expect(edges.visible).toBeGreaterThan(0)
  expect(edges.amount).toBeLessThanOrEqual(edges.visible)
})
