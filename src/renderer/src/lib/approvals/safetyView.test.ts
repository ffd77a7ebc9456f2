import { describe, expect, it } from 'vitest'
import type { RecipientSafetyView } from '../../../../shared/approvals'
import { compareAddresses, filterSafetyRows, levelOf, safetyModel, submitRefusal } from './safetyView'

const KNOWN = '0x1234567890abcdef1234567890abcdef12345678'
const POISON = '0x1234ffffffffffffffffffffffffffffff345678'

function row(n: number, patch: Partial<RecipientSafetyView> = {}): RecipientSafetyView {
  return {
    row: n,
    address: `0x${String(n).padStart(40, '0')}`,
    label: null,
    firstPayment: false,
    lookalikes: [],
    acknowledged: false,
    ...patch
  }
}
const lookalike = { address: KNOWN, label: 'Acme Ltd', source: 'address_book' as const }

describe('recipient safety view model', () => {
  const model = safetyModel([
    row(1, { firstPayment: true }),
    row(2, { lookalikes: [lookalike], firstPayment: true }),
    row(12, { firstPayment: true, label: 'Maria Lopez' }),
    row(30, { lookalikes: [{ ...lookalike, label: 'Northwind' }], acknowledged: true })
  ])
  const rowsOf = (found: ReturnType<typeof filterSafetyRows>) => found.map((r) => r.row.row)

  it('filters to one kind of finding: look-alikes (checked or not), or first payments', () => {
    expect(rowsOf(filterSafetyRows(model.rows, 'all', ''))).toEqual([2, 30, 1, 12])
    expect(rowsOf(filterSafetyRows(model.rows, 'lookalike', ''))).toEqual([2, 30])
    expect(rowsOf(filterSafetyRows(model.rows, 'first_payment', ''))).toEqual([2, 1, 12])
  })

  it('searches a row number exactly, and labels and addresses in part', () => {
    expect(rowsOf(filterSafetyRows(model.rows, 'all', '1'))).toEqual([1])
    expect(rowsOf(filterSafetyRows(model.rows, 'all', 'maria'))).toEqual([12])
    expect(rowsOf(filterSafetyRows(model.rows, 'all', 'NORTHWIND'))).toEqual([30])
    expect(rowsOf(filterSafetyRows(model.rows, 'lookalike', 'maria'))).toEqual([])
  })

  it('a look-alike not yet acknowledged blocks; once acknowledged it is only marked as checked', () => {
    expect(levelOf(row(1, { lookalikes: [lookalike] }))).toBe('blocking')
    expect(levelOf(row(1, { lookalikes: [lookalike], acknowledged: true }))).toBe('checked')
  })

  it('a first payment and a labelled payee are shown; an unremarkable row is not', () => {
    expect(levelOf(row(1, { firstPayment: true }))).toBe('first_payment')
    expect(levelOf(row(1, { label: 'Acme' }))).toBe('known')
    expect(levelOf(row(1))).toBeNull()
  })

  it('lists only rows needing attention: a known payee with nothing else to check is counted, not listed', () => {
    const model = safetyModel([
      row(1, { firstPayment: true }),
      row(2),
      row(3, { lookalikes: [lookalike] }),
      row(4, { label: 'Acme', firstPayment: false }),
      row(5, { lookalikes: [lookalike] })
    ])
    expect(model.rows.map((r) => r.row.row)).toEqual([3, 5, 1])
    expect(model.blockingRows).toEqual([3, 5])
    expect(model.firstPayments).toBe(1)
    expect(model.labelled).toBe(1)
    expect(model.total).toBe(5)
  })

  it('explains the refusal naming the rows, and says nothing when no row blocks', () => {
    expect(submitRefusal([])).toBeNull()
    expect(submitRefusal([3])).toContain('1 look-alike address is checked (row 3)')
    expect(submitRefusal([1, 2, 3, 4, 5, 6, 7], 5)).toContain('row 1, 2, 3, 4, 5 and 2 more')
  })

  it('splits a poisoned address into the shared start, the differing middle and the shared end', () => {
    const parts = compareAddresses(POISON, KNOWN)
    expect(parts.head).toBe('0x1234')
    expect(parts.tail).toBe('345678')
    expect(parts.head + parts.middle + parts.tail).toBe(POISON)
  })

  it('compares case-insensitively so a checksummed and a lower-case form match in full', () => {
    const parts = compareAddresses(KNOWN.toUpperCase().replace('0X', '0x'), KNOWN)
    expect(parts.middle).toBe('')
  })
})
