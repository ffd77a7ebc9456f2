import { describe, expect, it } from 'vitest'
import { googleSheetsXlsx, lyingZip, zipBomb, zipOf } from './fixtures'
import { checkZip } from './zipGuard'

describe('checkZip', () => {
  it('accepts a real workbook and lists its parts', () => {
    const check = checkZip(googleSheetsXlsx())
    expect(check.ok).toBe(true)
    if (check.ok) expect(check.entries.map((e) => e.name)).toContain('xl/workbook.xml')
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
