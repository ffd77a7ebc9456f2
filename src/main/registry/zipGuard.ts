// Runs in: main (pure computation, no file or network I/O) and the registry worker thread.
// XLSX and ODS are zip archives. Before the spreadsheet library inflates anything, this reads the
// archive's central directory and refuses archives whose entries would expand too far (a zip bomb),
// then inflates each entry with a hard output cap, so an entry that lies about its size is caught
// too. Only what an office file needs is accepted: stored or deflated entries, no ZIP64.
// While each part is inflated anyway, it also says whether any worksheet hides a row or a column
// (see hasHiddenLine): the spreadsheet library reads row and column properties only at a cost on
// every cell, so it is asked to only for a workbook that has one.
import { inflateRawSync } from 'node:zlib'
import { LIMITS } from './types'

export type ZipCheck =
  | {
      readonly ok: true
      readonly entries: ReadonlyArray<ZipEntryInfo>
      /** Some worksheet hides a row (by hand, or filtered out by a filter) or a column; in an ODS, any table does. */
      readonly hiddenLines: boolean
      /** An ODS's content.xml when it hides lines, to find which (odsHiddenLines.ts). */
      readonly odsContent?: Uint8Array
    }
  | { readonly ok: false; readonly code: string; readonly message: string }

export interface ZipEntryInfo {
  readonly name: string
  readonly compressedSize: number
  readonly uncompressedSize: number
}

export interface ZipLimits {
  readonly maxUncompressedBytes: number
  readonly maxExpansionRatio: number
  readonly ratioCheckAboveBytes: number
  readonly maxEntries: number
}

const DEFAULT_LIMITS: ZipLimits = {
  maxUncompressedBytes: LIMITS.maxUncompressedBytes,
  maxExpansionRatio: LIMITS.maxExpansionRatio,
  ratioCheckAboveBytes: LIMITS.ratioCheckAboveBytes,
  maxEntries: LIMITS.maxZipEntries
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const LOCAL_SIGNATURE = 0x04034b50
const EOCD_SIZE = 22
const MAX_COMMENT = 0xffff
const METHOD_STORED = 0
const METHOD_DEFLATED = 8
const ZIP64_MARK = 0xffffffff
const MB = 1024 * 1024

/** Parts scanned for hidden rows: every XML part, so a worksheet stored under an unusual name is not missed. */
const XML_PART = /\.xml$/i
const HIDDEN_ATTRIBUTE = Buffer.from('hidden')
const LESS_THAN = 0x3c
const GREATER_THAN = 0x3e
/** A row or column start tag's name after "<", with any namespace prefix, and the white space that ends it. */
const LINE_TAG = /^(?:[A-Za-z_][\w.-]*:)?(?:row|col)[ \t\r\n]/
const HIDDEN_VALUE = /^hidden[ \t\r\n]*=[ \t\r\n]*(["'])(1|true)\1/i
/** How much text after "hidden" is looked at for its value (room for white space around "="). */
const HIDDEN_VALUE_CHARS = 24
/** How much of a tag is looked at for its name: a namespace prefix ("x:"), "row" and a space. */
const TAG_NAME_CHARS = 32
/**
 * How far before "hidden" its tag's "<" is looked for: a row tag's attributes take a few hundred
 * bytes, and a bound keeps a part with many "hidden" words in long text from being read over and over.
 */
const MAX_ROW_TAG_BYTES = 4096
const WHITE_SPACE = new Set([0x20, 0x09, 0x0d, 0x0a])
/** The part of an OpenDocument spreadsheet that holds its tables. */
const ODS_CONTENT = 'content.xml'
const ODS_VISIBILITY = Buffer.from('table:visibility')
/** A row or column that is not shown: hidden by hand ("collapse") or by a filter ("filter"). */
const ODS_HIDDEN_VALUE = /^table:visibility[ \t\r\n]*=[ \t\r\n]*(["'])(collapse|filter)\1/
const ODS_VALUE_CHARS = 40

const broken = (detail: string): Extract<ZipCheck, { ok: false }> => ({
  ok: false,
  code: 'zip_corrupt',
  message: `The spreadsheet file is damaged (${detail}). Open it in Excel or LibreOffice and save it again.`
})

export function checkZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_LIMITS): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const eocd = findEocd(view)
  if (eocd < 0) return broken('no zip directory')
  const count = view.getUint16(eocd + 10, true)
  const dirSize = view.getUint32(eocd + 12, true)
  const dirOffset = view.getUint32(eocd + 16, true)
  if (count === 0xffff || dirOffset === ZIP64_MARK || dirSize === ZIP64_MARK) {
    return {
      ok: false,
      code: 'zip_unsupported',
      message:
        'The spreadsheet uses a 64-bit zip layout that office files of this size never need. Save it again from Excel or LibreOffice.'
    }
  }
  if (count > limits.maxEntries)
    return {
      ok: false,
      code: 'zip_too_many_entries',
      message: `The spreadsheet archive holds ${count} parts; at most ${limits.maxEntries} are accepted.`
    }
  if (dirOffset + dirSize > eocd) return broken('directory outside the file')
  const entries: Array<ZipEntryInfo & { method: number; localOffset: number }> = []
  let total = 0
  let p = dirOffset
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIGNATURE) return broken('bad directory entry')
    const method = view.getUint16(p + 10, true)
    const compressedSize = view.getUint32(p + 20, true)
    const uncompressedSize = view.getUint32(p + 24, true)
    const nameLength = view.getUint16(p + 28, true)
    const extraLength = view.getUint16(p + 30, true)
    const commentLength = view.getUint16(p + 32, true)
    const localOffset = view.getUint32(p + 42, true)
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength))
    if (compressedSize === ZIP64_MARK || uncompressedSize === ZIP64_MARK || localOffset === ZIP64_MARK) {
      return {
        ok: false,
        code: 'zip_unsupported',
        message:
          'The spreadsheet uses a 64-bit zip layout that office files of this size never need. Save it again from Excel or LibreOffice.'
      }
    }
    if (method !== METHOD_STORED && method !== METHOD_DEFLATED)
      return {
        ok: false,
        code: 'zip_unsupported',
        message: `Part "${name}" of the spreadsheet uses a compression method office files do not use. Save it again from Excel or LibreOffice.`
      }
    total += uncompressedSize
    entries.push({ name, compressedSize, uncompressedSize, method, localOffset })
    p += 46 + nameLength + extraLength + commentLength
  }
  const expansion = expansionProblem(total, bytes.byteLength, limits)
  if (expansion !== null) return expansion
  let hiddenLines = false
  let odsContent: Uint8Array | undefined
  for (const entry of entries) {
    const part = inflateEntry(bytes, view, entry)
    if (!(part instanceof Uint8Array)) return part
    if (!hiddenLines && XML_PART.test(entry.name))
      hiddenLines = entry.name === ODS_CONTENT ? hasHiddenOdsLine(part) : hasHiddenLine(part)
    if (hiddenLines && entry.name === ODS_CONTENT && odsContent === undefined) odsContent = part
  }
  return {
    ok: true,
    entries: entries.map(({ name, compressedSize, uncompressedSize }) => ({ name, compressedSize, uncompressedSize })),
    hiddenLines,
    ...(odsContent === undefined ? {} : { odsContent })
  }
}

function expansionProblem(total: number, fileBytes: number, limits: ZipLimits): ZipCheck | null {
  if (total > limits.maxUncompressedBytes) {
    return {
      ok: false,
      code: 'zip_too_large',
      message: `The spreadsheet would expand to ${Math.ceil(total / MB)} MB when opened; at most ${Math.floor(limits.maxUncompressedBytes / MB)} MB is accepted. Split the registry or save it as CSV.`
    }
  }
  if (total > limits.ratioCheckAboveBytes && total / Math.max(fileBytes, 1) > limits.maxExpansionRatio) {
    return {
      ok: false,
      code: 'zip_expansion_ratio',
      message: `The spreadsheet would expand ${Math.round(total / Math.max(fileBytes, 1))} times its size when opened, far more than a real spreadsheet does. It was not opened.`
    }
  }
  return null
}

/** Inflates one entry with its declared size as a hard cap: an entry that lies about its size fails here. */
function inflateEntry(
  bytes: Uint8Array,
  view: DataView,
  entry: { name: string; method: number; localOffset: number; compressedSize: number; uncompressedSize: number }
): Uint8Array | Extract<ZipCheck, { ok: false }> {
  const at = entry.localOffset
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL_SIGNATURE)
    return broken(`part "${entry.name}" not found`)
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  const end = start + entry.compressedSize
  if (end > bytes.byteLength) return broken(`part "${entry.name}" is cut short`)
  if (entry.method === METHOD_STORED)
    return entry.compressedSize === entry.uncompressedSize
      ? bytes.subarray(start, end)
      : broken(`part "${entry.name}" has inconsistent sizes`)
  try {
    const out = inflateRawSync(bytes.subarray(start, end), { maxOutputLength: Math.max(entry.uncompressedSize, 1) })
    return out.byteLength === entry.uncompressedSize ? out : broken(`part "${entry.name}" has the wrong size`)
  } catch (error) {
    if (error instanceof RangeError || (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      return {
        ok: false,
        code: 'zip_size_mismatch',
        message: `Part "${entry.name}" of the spreadsheet expands beyond the size it declares, as a zip bomb does. It was not opened.`
      }
    }
    return broken(`part "${entry.name}" cannot be decompressed`)
  }
}

/**
 * Whether a worksheet's XML has a row or column start tag (`<row ...>`, perhaps `<x:row ...>`, or
 * `<col ...>`) with hidden="1" or hidden="true": how Excel and LibreOffice store a row hidden by hand
 * or filtered out by a filter, and a hidden column. A part without "hidden" anywhere costs one byte search. Attribute values cannot hold
 * "<", so the nearest "<" before an attribute starts the tag it belongs to (text between tags is
 * never inside a row tag).
 */
export function hasHiddenLine(xml: Uint8Array): boolean {
  const text = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength)
  for (let at = text.indexOf(HIDDEN_ATTRIBUTE); at >= 0; at = text.indexOf(HIDDEN_ATTRIBUTE, at + 1)) {
    if (at === 0 || !WHITE_SPACE.has(text[at - 1]!)) continue
    if (!HIDDEN_VALUE.test(text.toString('latin1', at, at + HIDDEN_VALUE_CHARS))) continue
    const from = Math.max(0, at - MAX_ROW_TAG_BYTES)
    const back = text.subarray(from, at).lastIndexOf(LESS_THAN)
    if (back < 0) continue
    const open = from + back
    if (LINE_TAG.test(text.toString('latin1', open + 1, Math.min(open + 1 + TAG_NAME_CHARS, at)))) return true
  }
  return false
}

/**
 * Whether an OpenDocument spreadsheet's content has a row or column that is not shown
 * (`table:visibility="collapse"` or `"filter"`; the attribute belongs to rows and columns only).
 */
export function hasHiddenOdsLine(xml: Uint8Array): boolean {
  const text = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength)
  for (let at = text.indexOf(ODS_VISIBILITY); at >= 0; at = text.indexOf(ODS_VISIBILITY, at + 1)) {
    if (!ODS_HIDDEN_VALUE.test(text.toString('latin1', at, at + ODS_VALUE_CHARS))) continue
    // Inside a tag (its "<" comes after the last ">"), not in a cell's text.
    const before = text.subarray(Math.max(0, at - MAX_ROW_TAG_BYTES), at)
    if (before.lastIndexOf(LESS_THAN) > before.lastIndexOf(GREATER_THAN)) return true
  }
  return false
}

function findEocd(view: DataView): number {
  const min = Math.max(0, view.byteLength - EOCD_SIZE - MAX_COMMENT)
  for (let p = view.byteLength - EOCD_SIZE; p >= min; p--) if (view.getUint32(p, true) === EOCD_SIGNATURE) return p
  return -1
}
