// Runs in: main (pure, no I/O) and the registry worker thread.
// XLSX, XLS and ODS -> a table of text cells through SheetJS (@e965/xlsx, 0.20.x). Numbers are
// taken from the cell's stored value only when that value is exactly the decimal the user typed
// (at most 15 significant digits, shown without exponent); formulas, error values and dates are
// reported per cell so the row that uses them can say which cell and why. See cellText.ts.
// Rows hidden in the workbook (by hand, or filtered out by a filter) are reported by record, so
// each is an error on its row (rowInputs.ts): a reviewer looking at the sheet never saw them. Hidden
// columns are reported too: what is read from one was never on screen either.
import type * as XLSX from '@e965/xlsx'
import { describeCell } from './cellText'
import type { OdsTableLines } from './odsHiddenLines'
import { sheetLibrary } from './sheetLibrary'
import { type CellDetail, type RawTable } from './table'
import { LIMITS } from './types'

export type SheetRead =
  | {
      readonly ok: true
      readonly kind: 'table'
      readonly table: RawTable
      readonly sheet: string
      readonly sheets: string[]
      readonly ignoredSheets: string[]
      /** The sheet read is hidden in the workbook: whoever reviewed the workbook may not have seen it. */
      readonly hidden: boolean
    }
  | { readonly ok: true; readonly kind: 'choose'; readonly sheets: string[] }
  | { readonly ok: false; readonly code: string; readonly message: string }

/**
 * `lineProperties`: read the row and column properties, which costs time on every cell: for an
 * XLSX where the zip check found a hidden row or column (zipGuard.ts), and for every XLS and XLSB,
 * whose columns cannot be checked beforehand (their rows carry the hidden flag whatever is asked).
 */
export function readWorkbook(
  bytes: Uint8Array,
  wanted: string | undefined,
  lineProperties = false,
  /** An ODS's hidden rows and columns by table (odsHiddenLines.ts): the library reads none from it. */
  odsHidden?: ReadonlyMap<string, OdsTableLines>
): SheetRead {
  const lib = sheetLibrary()
  let wb: XLSX.WorkBook
  try {
    wb = lib.read(bytes, {
      type: 'array',
      dense: true,
      cellFormula: true,
      cellNF: true,
      cellText: true,
      cellDates: false,
      cellHTML: false,
      cellStyles: lineProperties,
      bookVBA: false,
      sheetRows: LIMITS.maxRows + 2,
      WTF: false
    })
  } catch (error) {
    const detail = error instanceof Error ? error.message.slice(0, 200) : 'unknown problem'
    return {
      ok: false,
      code: 'spreadsheet_unreadable',
      message: `The spreadsheet could not be read (${detail}). Open it in Excel or LibreOffice, save it again as XLSX or CSV, and retry.`
    }
  }
  const sheets = [...wb.SheetNames]
  const withData = sheets.filter((name) => {
    const ws = ownSheet(wb, name)
    // A sheet that cannot be looked up safely counts as data, so that choosing it explains why it cannot be read.
    return (
      ws === undefined ||
      (ws['!data'] ?? []).some(
        (row) => row !== undefined && row !== null && row.some((c) => c !== undefined && c !== null && c.t !== 'z')
      )
    )
  })
  let name: string
  if (wanted !== undefined) {
    if (!sheets.includes(wanted))
      return {
        ok: false,
        code: 'sheet_not_found',
        message: `The workbook has no sheet named "${wanted}". Its sheets are: ${sheets.join(', ')}.`
      }
    name = wanted
  } else if (withData.length === 1) name = withData[0]!
  else if (withData.length === 0)
    return { ok: false, code: 'file_empty', message: 'Every sheet of the workbook is empty.' }
  else return { ok: true, kind: 'choose', sheets }
  const ws = ownSheet(wb, name)
  if (ws === undefined)
    return {
      ok: false,
      code: 'sheet_unreadable',
      message: `Sheet "${name}" cannot be read safely because of its name. Rename the sheet in Excel or LibreOffice and try again.`
    }
  const data = ws['!data'] ?? []
  if (data.length > LIMITS.maxRows + 1)
    return {
      ok: false,
      code: 'too_many_rows',
      message: `Sheet "${name}" has more than ${LIMITS.maxRows.toLocaleString('en-US')} rows. Split it into several payouts.`
    }
  const records: string[][] = []
  const sourceRows: number[] = []
  const details = new Map<number, CellDetail[]>()
  const rowInfo = ws['!rows'] ?? []
  const hiddenRows = new Set<number>()
  const hiddenColumns = new Set<number>()
  ;(ws['!cols'] ?? []).forEach((info, c) => {
    if (info?.hidden === true) hiddenColumns.add(c)
  })
  const odsLines = odsHidden?.get(name)
  const odsRows = new Set<number>()
  for (const run of odsLines?.rows ?? [])
    for (let r = run.from; r < Math.min(run.from + run.count, data.length); r++) odsRows.add(r)
  for (const run of odsLines?.columns ?? [])
    for (let c = run.from; c < Math.min(run.from + run.count, LIMITS.maxColumns); c++) hiddenColumns.add(c)
  for (let r = 0; r < data.length; r++) {
    if (rowInfo[r]?.hidden === true || odsRows.has(r)) hiddenRows.add(records.length)
    const row = data[r]
    if (row === undefined || row === null) {
      // An empty row the user sees in the sheet: kept so blank rows are counted like in text files.
      records.push([])
      sourceRows.push(r + 1)
      continue
    }
    const cells: string[] = []
    const width = Math.min(row.length, LIMITS.maxColumns)
    for (let c = 0; c < width; c++) {
      const cell = row[c]
      if (cell === undefined || cell === null) {
        cells.push('')
        continue
      }
      const described = describeCell(cell, () => lib.utils.encode_cell({ r, c }))
      if (described.text.length > LIMITS.maxCellChars) {
        return {
          ok: false,
          code: 'cell_too_large',
          message: `Cell ${lib.utils.encode_cell({ r, c })} holds ${described.text.length.toLocaleString('en-US')} characters; a cell may hold at most ${LIMITS.maxCellChars.toLocaleString('en-US')}.`
        }
      }
      cells.push(described.text)
      if (described.detail !== undefined) {
        const detail: CellDetail = { ...described.detail, column: c }
        const list = details.get(records.length)
        if (list === undefined) details.set(records.length, [detail])
        else list.push(detail)
      }
    }
    records.push(cells)
    sourceRows.push(r + 1)
  }
  return {
    ok: true,
    kind: 'table',
    table: {
      records,
      sourceRows,
      details,
      ...(hiddenRows.size === 0 ? {} : { hiddenRows }),
      ...(hiddenColumns.size === 0 ? {} : { hiddenColumns })
    },
    sheet: name,
    sheets,
    ignoredSheets: sheets.filter((s) => s !== name && withData.includes(s)),
    hidden: (wb.Workbook?.Sheets?.[sheets.indexOf(name)]?.Hidden ?? 0) !== 0
  }
}

/** A sheet stored under its own name; SheetJS keeps sheets in a plain object, so "__proto__" is not one. */
function ownSheet(wb: XLSX.WorkBook, name: string): XLSX.WorkSheet | undefined {
  return Object.prototype.hasOwnProperty.call(wb.Sheets, name) ? wb.Sheets[name] : undefined
}

/** Zip local-file signature: XLSX or ODS. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/** OLE compound file: legacy .xls (BIFF). */
export function isCompoundFile(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
  return magic.every((b, i) => bytes[i] === b)
}
