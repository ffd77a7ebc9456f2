import { describe, expect, it } from 'vitest'
import { decodeText } from './decode'

const utf16 = (text: string, bigEndian: boolean, bom: boolean): Uint8Array => {
  const out: number[] = bom ? (bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : []
  for (const ch of text) {
    const c = ch.charCodeAt(0)
    out.push(...(bigEndian ? [c >> 8, c & 0xff] : [c & 0xff, c >> 8]))
  }
  return Uint8Array.from(out)
}

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM, dropping the BOM', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9]))).toMatchObject({
      ok: true,
      text: 'aé',
      encoding: 'utf-8',
      assumed: false
    })
    expect(decodeText(new TextEncoder().encode('aé'))).toMatchObject({
      ok: true,
      text: 'aé',
      encoding: 'utf-8',
      assumed: false
    })
  })

  it('reads UTF-16 LE and BE from their BOM', () => {
    expect(decodeText(utf16('name\tZoë', false, true))).toMatchObject({
      ok: true,
      text: 'name\tZoë',
      encoding: 'utf-16le',
      assumed: false
    })
    expect(decodeText(utf16('name\tZoë', true, true))).toMatchObject({
      ok: true,
      text: 'name\tZoë',
      encoding: 'utf-16be',
      assumed: false
    })
  })

  it('recognises BOM-less UTF-16 by its NUL bytes and says it assumed so', () => {
    const decoded = decodeText(utf16('address,amount\n0x1,2\n', false, false))
    expect(decoded).toMatchObject({ ok: true, text: 'address,amount\n0x1,2\n', encoding: 'utf-16le', assumed: true })
    if (decoded.ok) expect(decoded.message).toContain('UTF-16LE')
  })

  it('reads bytes that are not UTF-8 as Windows-1252 and says so, naming the line', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('name\n'), 0x4a, 0x6f, 0x73, 0xe9])
    const decoded = decodeText(bytes)
    expect(decoded).toMatchObject({ ok: true, text: 'name\nJosé', encoding: 'windows-1252', assumed: true })
    if (decoded.ok) expect(decoded.message).toMatch(/Windows-1252.*line 2|line 2.*Windows-1252/)
  })

  it('reads the euro sign, curly quotes and dashes of Windows-1252 (bytes 0x80-0x9F) as those characters', () => {
    // "O’Brien – €5 “bonus”" as Excel on Windows saves it.
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode('name\nO'),
      0x92,
      ...new TextEncoder().encode('Brien '),
      0x96,
      0x20,
      0x80,
      0x35,
      0x20,
      0x93,
      ...new TextEncoder().encode('bonus'),
      0x94,
      0x8a,
      0x9f
    ])
    expect(decodeText(bytes)).toMatchObject({
      ok: true,
      text: 'name\nO’Brien – €5 “bonus”ŠŸ',
      encoding: 'windows-1252'
    })
    for (const label of ['windows-1252', 'latin1', 'iso-8859-1'])
      expect(decodeText(Uint8Array.from([0x80, 0x85, 0x99, 0x81]), label)).toMatchObject({
        ok: true,
        text: '€…™\u0081',
        encoding: 'windows-1252'
      })
  })

  it('uses the encoding the user chose', () => {
    expect(decodeText(Uint8Array.from([0x4a, 0xe9]), 'iso-8859-15')).toMatchObject({
      ok: true,
      text: 'Jé',
      encoding: 'iso-8859-15',
      assumed: false
    })
  })

  it('refuses an encoding label it does not know, and binary that is not text', () => {
    expect(decodeText(Uint8Array.from([0x61]), 'klingon')).toMatchObject({ ok: false, code: 'encoding_unknown' })
    expect(decodeText(Uint8Array.from([0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0xff, 0x00, 0x13]))).toMatchObject({
      ok: false,
      code: 'file_not_text'
    })
  })
})
