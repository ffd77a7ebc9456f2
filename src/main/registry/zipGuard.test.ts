import { describe, expect, it } from 'vitest'
import { filteredPayroll, googleSheetsXlsx, lyingZip, zipBomb, zipOf } from './fixtures'
import { checkZip, hasHiddenLine, hasHiddenOdsLine } from './zipGuard'

const xml = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('checkZip', () => {
  it('accepts a real workbook and lists its parts', () => {
    const check = checkZip(googleSheetsXlsx())
    expect(check.ok).toBe(true)
    if (check.ok) expect(check.entries.map((e) => e.name)).toContain('xl/workbook.xml')
  })

  it('says whether a worksheet hides a row or a column, deflated or stored', () => {
    expect(checkZip(filteredPayroll())).toMatchObject({ ok: true, hiddenLines: true })
    expect(checkZip(filteredPayroll([2]))).toMatchObject({ ok: true, hiddenLines: true })
    expect(checkZip(filteredPayroll([]))).toMatchObject({ ok: true, hiddenLines: false })
    expect(checkZip(googleSheetsXlsx())).toMatchObject({ ok: true, hiddenLines: false })
    const sheet = xml(
      '<worksheet><sheetData><row r="2" spans="1:2" hidden="1"><c r="A2"/></row></sheetData></worksheet>'
    )
    const stored = zipOf([
      { name: 'xl/worksheets/sheet1.xml', data: sheet, uncompressedSize: sheet.byteLength, deflated: false }
    ])
    expect(checkZip(stored)).toMatchObject({ ok: true, hiddenLines: true })
  })

  it('finds a hidden row or column only in a row or column start tag, with "1" or "true"', () => {
    expect(hasHiddenLine(xml('<row r="7" hidden="true" x14ac:dyDescent="0.25">'))).toBe(true)
    expect(hasHiddenLine(xml("<x:row r='7'\n  hidden = '1'>"))).toBe(true)
    expect(hasHiddenLine(xml('<row r="7" x14ac:dyDescent="0.25" hidden="1"/>'))).toBe(true)
    expect(hasHiddenLine(xml('<row r="7" hidden="0"><c r="A7"/></row>'))).toBe(false)
    expect(hasHiddenLine(xml('<cols><col min="2" max="2" width="0" hidden="1" customWidth="1"/></cols>'))).toBe(true)
    expect(hasHiddenLine(xml('<cols><col min="1" max="1" hidden="0"/></cols>'))).toBe(false)
    // A hidden sheet, and the word in a cell's text, are not hidden lines.
    expect(hasHiddenLine(xml('<sheet name="Old" state="hidden" r:id="rId2"/>'))).toBe(false)
    expect(hasHiddenLine(xml('<row r="2"><c r="A2" t="inlineStr"><is><t> hidden="1"</t></is></c></row>'))).toBe(false)
    expect(hasHiddenLine(xml('<rows hidden="1"/><row r="1" customhidden="1">'))).toBe(false)
  })

  it('finds an ODS row or column that is not shown, hidden by hand or by a filter', () => {
    expect(hasHiddenOdsLine(xml('<table:table-row table:visibility="collapse">'))).toBe(true)
    expect(hasHiddenOdsLine(xml("<table:table-column table:visibility = 'filter'/>"))).toBe(true)
    expect(hasHiddenOdsLine(xml('<table:table-row table:visibility="visible">'))).toBe(false)
    // The words in a cell's text are not an attribute.
    expect(hasHiddenOdsLine(xml('<table:table-row><text:p>table:visibility="collapse"</text:p>'))).toBe(false)
  })

  it('refuses an archive that declares more uncompressed bytes than allowed, before inflating it', () => {
    const check = checkZip(zipBomb(400))
    expect(check).toMatchObject({ ok: false, code: 'zip_too_large' })
    if (!check.ok) expect(check.message).toMatch(/expand to 40[01] MB when opened; at most 300 MB/)
  })

  it('refuses an archive that expands far more than real spreadsheets do', () => {
    expect(checkZip(zipBomb(64))).toMatchObject({ ok: false, code: 'zip_expansion_ratio' })
  })

  it('catches an entry that expands beyond the size it declares', () => {
    expect(checkZip(lyingZip(16))).toMatchObject({ ok: false, code: 'zip_size_mismatch' })
  })

  it('refuses damaged archives and unknown compression methods with a message to save again', () => {
    expect(checkZip(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({
      ok: false,
      code: 'zip_corrupt'
    })
    const stored = zipOf([{ name: 'a.xml', data: new Uint8Array(4), uncompressedSize: 4, deflated: false }])
    stored[8] = 12 // local header method: bzip2
    new DataView(stored.buffer).setUint16(30 + 5 + 4 + 10, 12, true) // central directory method
    expect(checkZip(stored)).toMatchObject({ ok: false, code: 'zip_unsupported' })
  })
})
