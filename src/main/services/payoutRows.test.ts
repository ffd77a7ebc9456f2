// A large save checked by the row checker (a real worker thread) while it is stored must store
// exactly what the same save checked on main stores: every column and issue of every row, and the
// payout's figures. Rows are chosen so that every kind of issue occurs, duplicates span batches,
// and a duplicate falls on rows that already had an issue of their own.
import { join } from 'node:path'
import { getAddress, id } from 'ethers'
import { afterAll, describe, expect, it } from 'vitest'
import type { RecipientInput } from '../../shared/api'
import { createCatalogue } from '../domain/catalogue'
import { createRowChecker } from '../registry/rowChecker'
import { openDatabase } from '../store/db'
import * as repo from '../store/payoutRepo'
import { readSettings, writeSettings } from '../store/settingsRepo'
import { tempDir } from '../../test/tempDir'
import { ROWS_CHECKED_IN_WORKER } from './payoutRows'
import { createPayoutService } from './payoutService'

const USDC = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const USDC_CONTRACT = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const USDT = '1:0xdAC17F958D2ee523a2206206994597C13D831ec7'
/** Small batches, so that a save of a few thousand rows crosses many of them. */
const BATCH_ROWS = 700
const ROWS = ROWS_CHECKED_IN_WORKER + 1_500

const db = openDatabase(join(tempDir('treasury-payout-rows-'), 'treasury.sqlite'))
writeSettings(db.write, { operatorName: 'Ana' })
const settings = () => readSettings(db.write)
const now = () => new Date('2026-12-07T10:00:00Z')
const catalogue = createCatalogue()
const checker = createRowChecker({ batchRows: BATCH_ROWS })
const base = { db, catalogue, settings, now, changed: () => {}, nameOf: () => null }
const onMain = createPayoutService(base)
const inWorker = createPayoutService({ ...base, rowChecker: checker })
afterAll(async () => {
  await checker.close()
  db.close()
})

const account = (i: number): string => getAddress(id(`payee ${i}`).slice(0, 42))

/** Row i (0-based, blank rows not counted) of the registry, with the problems placed below. */
function registry(): RecipientInput[] {
  const rows: RecipientInput[] = []
  for (let i = 0; i < ROWS; i++) {
    let row: RecipientInput = {
      address: account(i),
      amount: `${(i % 977) + 1}.25`,
      name: `Payee ${i}`,
      reference: `R-${i}`
    }
    if (i === 3) row = { ...row, address: account(3).toLowerCase() } // not checksummed: a warning
    if (i === 4) row = { ...row, address: account(4).slice(0, 10) } // too short: an error
    if (i === 5)
      row = {
        ...row,
        address:
          '0x' +
          account(5)
            .slice(2)
            .replace(/[a-f]/, (c) => c.toUpperCase())
      } // wrong checksum
    if (i === 6) row = { ...row, amount: '-5' }
    if (i === 7) row = { ...row, amount: '1.1234567' } // more decimals than USDC has
    if (i === 8) row = { ...row, amount: 'ten' }
    if (i === 9) row = { ...row, address: USDC_CONTRACT }
    if (i === 10) row = { ...row, category: '  Salaries  ', costCenter: ' CC-1 ' }
    if (i === 11) row = { ...row, name: 'Bad\u0007name' }
    if (i === 12) row = { ...row, note: 'paid monthly' }
    // Amounts as typed at a desk: one its format cannot read (main's own rules would read 1234.5), one it reads.
    if (i === 13) row = { ...row, amount: '1.234,5', amountFormat: 'dot-decimal' }
    if (i === 14) row = { ...row, amount: '1.234,5', amountFormat: 'comma-decimal' }
    if (i === 3_000) row = { ...row, amount: '1,234,567', amountFormat: 'comma-decimal' }
    // The same reference in three batches (letter case aside): an error on each.
    if (i === 20 || i === 2_500 || i === ROWS - 1) row = { ...row, reference: i === 2_500 ? 'inv-1' : 'INV-1' }
    // The same address twice, far apart; once on a row whose address was also not checksummed.
    if (i === 30) row = { ...row, address: account(3) }
    if (i === ROWS - 2) row = { ...row, address: account(30).toLowerCase() }
    // A duplicate reference on a row that already has an error (its amount).
    if (i === 4_000) row = { ...row, reference: 'R-6' }
    rows.push(row)
    if (i % 1_000 === 999) rows.push({ address: ' ', amount: '', name: '' }) // blank: dropped
  }
  return rows
}

function stored(id: string) {
  return repo.getItems(db.read, id)
}

describe('a large save checked in a worker while it is stored', () => {
  const recipients = registry()

  it('stores every row, issue and figure as the save checked on main does', () => {
    const reference = onMain.create({ kind: 'mass', assetId: USDC, description: 'payroll', recipients })
    const checked = inWorker.create({ kind: 'mass', assetId: USDC, description: 'payroll', recipients })
    expect(checker.startedWorkers()).toBe(1)

    expect(checked.recipientCount).toBe(ROWS)
    for (const figure of ['recipientCount', 'totalBaseUnits', 'errorCount', 'warningCount'] as const)
      expect(checked[figure]).toEqual(reference[figure])
    // Blank rows are dropped, every issue above is found, and a duplicate adds to a row's own issues.
    expect(reference.errorCount).toBeGreaterThanOrEqual(10)
    const rows = stored(checked.id)
    expect(rows).toEqual(stored(reference.id))
    expect(rows[ROWS - 1]!.issues.map((i) => i.code)).toContain('reference_duplicate')
    expect(rows[3]!.issues.map((i) => i.code)).toEqual(['address_no_checksum', 'address_duplicate'])
    expect(rows[6]!.issues.map((i) => i.code)).toEqual(['amount_negative', 'reference_duplicate'])
    expect(rows[10]).toMatchObject({ category: 'Salaries', costCenter: 'CC-1' })
    // The desk's refusal holds in either path; what the desk reads is read its way.
    for (const refused of [13, 3_000]) {
      expect(rows[refused]!.amount).toBeNull()
      expect(rows[refused]!.issues.map((i) => i.code)).toEqual(['amount_desk_format'])
      expect(rows[refused]!.issues[0]!.message).toMatch(
        new RegExp(`^Row ${refused + 1}: Amount 1[.,]234,5?.* cannot be read in this desk's number format`)
      )
    }
    expect(rows[14]!.amount).toBe(1_234_500_000n)
  })

  it("keeps the desk's refusal and the file cell's problems when a change of currency reads the stored rows again", () => {
    const cellProblem = {
      field: 'amount',
      severity: 'error' as const,
      code: 'cell_display_differs',
      message: 'Row 9: B9 shows 1.00 but holds 1.004. Change the cell format.'
    }
    // A file row whose cell showed another value than it held: stored with the cell's problem.
    const withCell = recipients.map((r, i) => (i === 15 ? { ...r, amount: '1.00', issues: [cellProblem] } : r))
    for (const service of [onMain, inWorker]) {
      const draft = service.create({ kind: 'mass', assetId: USDC, description: 'payroll', recipients: withCell })
      const before = stored(draft.id)
      expect(before[15]!.issues.map((i) => i.code)).toEqual(['cell_display_differs'])
      const moved = service.update({ id: draft.id, assetId: USDT })
      // Row 10 paid the USDC contract itself, an error only while the payout pays USDC.
      expect(moved.errorCount).toBe(draft.errorCount - 1)
      const after = stored(draft.id)
      expect(after[13]).toMatchObject({ amountInput: '1.234,5', amount: null })
      expect(after[13]!.issues.map((i) => i.code)).toEqual(['amount_desk_format'])
      expect(after[15]).toMatchObject({ amountInput: '1.00', amount: null })
      expect(after[15]!.issues).toEqual([{ ...cellProblem, message: cellProblem.message.replace('Row 9', 'Row 16') }])
      expect(after[14]!.amount).toBe(1_234_500_000n)
    }
  })

  it('stores the same when a large draft is saved again with its rows edited', () => {
    const draft = onMain.create({
      kind: 'mass',
      assetId: USDC,
      description: 'payroll',
      recipients: recipients.slice(0, 3)
    })
    const twin = onMain.create({
      kind: 'mass',
      assetId: USDC,
      description: 'payroll',
      recipients: recipients.slice(0, 3)
    })
    const edited = recipients.map((r, i) => (i === 100 ? { ...r, amount: '7' } : r))
    const a = onMain.update({ id: draft.id, recipients: edited })
    const b = inWorker.update({ id: twin.id, recipients: edited })
    for (const figure of ['recipientCount', 'totalBaseUnits', 'errorCount', 'warningCount'] as const)
      expect(b[figure]).toEqual(a[figure])
    expect(stored(twin.id)).toEqual(stored(draft.id))
    expect(checker.startedWorkers()).toBe(1) // the same thread, kept warm
  })
})
