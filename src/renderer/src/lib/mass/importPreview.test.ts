// Runs in: Vitest (Node). The import dialog's steps and the options sent back to main.
import { describe, expect, it } from 'vitest'
import {
  canImport,
  decimalSeparatorMatters,
  importReducer,
  importStep,
  INITIAL_IMPORT,
  encodingNotice,
  isAcceptedFile,
  listedNotices,
  previewRequest,
  type ImportState
} from './importPreview'
import { preview } from '../../testing/registryPreview'

const ASSET = '1:native'

const chosen = importReducer(INITIAL_IMPORT, { type: 'fileChosen', name: 'pay.csv', base64: 'YQ==' })

describe('import dialog', () => {
  it('a chosen file is read with no overrides, then reviewed', () => {
    expect(importStep(chosen)).toBe('reading')
    expect(previewRequest(chosen, ASSET)).toEqual({ fileName: 'pay.csv', contentBase64: 'YQ==', assetId: ASSET })
    const loaded = importReducer(chosen, { type: 'loaded', preview: preview({}) })
    expect(importStep(loaded)).toBe('review')
    expect(canImport(loaded)).toBe(true)
  })

  it('changing the encoding or delimiter re-reads the file with that override and keeps the others', () => {
    let s: ImportState = importReducer(chosen, { type: 'loaded', preview: preview({ encodingAssumed: true }) })
    s = importReducer(s, { type: 'setEncoding', encoding: 'windows-1252' })
    expect(s.loading).toBe(true)
    s = importReducer(s, { type: 'setDelimiter', delimiter: ';' })
    expect(previewRequest(s, ASSET)?.options).toEqual({ encoding: 'windows-1252', delimiter: ';' })
  })

  it('a file with several sheets asks which one; choosing a sheet drops a mapping made for another', () => {
    let s: ImportState = importReducer(chosen, {
      type: 'loaded',
      preview: preview({ needs: 'sheet', sheets: ['Jan', 'Feb'] })
    })
    expect(importStep(s)).toBe('sheet')
    expect(canImport(s)).toBe(false)
    s = importReducer(s, { type: 'mapColumn', field: 'address', column: 'C' })
    s = importReducer(s, { type: 'setSheet', sheet: 'Feb' })
    expect(s.options).toEqual({ sheet: 'Feb' })
  })

  it('mapping one column keeps the columns main already uses for the other fields', () => {
    let s: ImportState = importReducer(chosen, {
      type: 'loaded',
      preview: preview({ needs: 'mapping', mapping: { address: 'A' } })
    })
    expect(importStep(s)).toBe('mapping')
    s = importReducer(s, { type: 'mapColumn', field: 'amount', column: 'C' })
    expect(s.options.mapping).toEqual({ address: 'A', amount: 'C' })
    s = importReducer(s, { type: 'mapColumn', field: 'address', column: '' })
    expect(s.options.mapping).toEqual({ amount: 'C' })
  })

  it('a new file forgets the last file overrides', () => {
    const s = importReducer(
      { ...chosen, options: { delimiter: ';' } },
      { type: 'fileChosen', name: 'b.xlsx', base64: 'Yg==' }
    )
    expect(s.options).toEqual({})
  })

  it('a file main could not read shows its error and cannot be imported', () => {
    const s = importReducer(chosen, {
      type: 'loaded',
      preview: preview({ error: { code: 'file_too_large', message: 'Too big' } })
    })
    expect(importStep(s)).toBe('failed')
    expect(canImport(s)).toBe(false)
    const failed = importReducer(chosen, { type: 'failed', error: { code: 'internal_error', message: 'x' } })
    expect(importStep(failed)).toBe('failed')
  })

  it('options cannot change before a file is chosen', () => {
    expect(importReducer(INITIAL_IMPORT, { type: 'setDelimiter', delimiter: ';' })).toBe(INITIAL_IMPORT)
  })

  it('offers the decimal separator when amounts were read with one or refused for want of one', () => {
    expect(decimalSeparatorMatters(preview({}), {})).toBe(false)
    expect(decimalSeparatorMatters(preview({}), { decimalSeparator: ',' })).toBe(true)
    expect(
      decimalSeparatorMatters(preview({ amountReadings: [{ sourceRow: 2, text: '1,5', readAs: '1.5' }] }), {})
    ).toBe(true)
    // Main says whether any row of the file (not only the rows the preview carries) was refused for want of one.
    expect(decimalSeparatorMatters(preview({ ambiguousAmounts: true }), {})).toBe(true)
  })

  it('accepts spreadsheet and text extensions only', () => {
    expect(isAcceptedFile('Payroll.XLSX')).toBe(true)
    expect(isAcceptedFile('list.ods')).toBe(true)
    expect(isAcceptedFile('virus.exe')).toBe(false)
  })
})

describe('the notices listed under the counts', () => {
  const assumed = { code: 'encoding_assumed', message: 'Read as Windows-1252' }
  const other = { code: 'amounts_read_as', message: 'Amounts read with ","' }

  it('leave out the assumed encoding, which the options already show beside the encoding to change', () => {
    expect(listedNotices(preview({ encodingAssumed: true, notices: [assumed, other] }))).toEqual([other])
  })

  it("give the reader's own words about the assumed encoding to the options that show it", () => {
    expect(encodingNotice(preview({ encodingAssumed: true, notices: [other, assumed] }))).toBe('Read as Windows-1252')
    expect(encodingNotice(preview({ notices: [other] }))).toBeNull()
  })

  it('keep every notice when the encoding was not assumed', () => {
    expect(listedNotices(preview({ notices: [assumed, other] }))).toEqual([assumed, other])
  })
})
