// Runs in: renderer. The import dialog's state: the chosen file, the reading options the user has
// overridden (encoding, delimiter, sheet, column mapping, header row, decimal separator), main's
// preview of the file, and what the dialog shows next. A reducer, so every step is testable.
import type { InputOf, RegistryPreview } from '../../../../shared/api'

type PreviewOptions = NonNullable<InputOf<'previewRegistry'>['options']>
export type MappingField = keyof NonNullable<PreviewOptions['mapping']>
export type Encoding = NonNullable<PreviewOptions['encoding']>
export type Delimiter = NonNullable<PreviewOptions['delimiter']>

export const ENCODINGS: readonly { readonly value: Encoding; readonly label: string }[] = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-16le', label: 'UTF-16 LE' },
  { value: 'utf-16be', label: 'UTF-16 BE' },
  { value: 'windows-1252', label: 'Windows-1252 (Western European)' },
  { value: 'iso-8859-1', label: 'ISO-8859-1 (Latin-1)' },
  { value: 'iso-8859-15', label: 'ISO-8859-15 (Latin-9)' },
  { value: 'macintosh', label: 'Mac OS Roman' }
]

export const DELIMITERS: readonly { readonly value: Delimiter; readonly label: string }[] = [
  { value: ',', label: 'Comma (,)' },
  { value: ';', label: 'Semicolon (;)' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe (|)' },
  { value: ' ', label: 'Space' }
]

/** The fields a user maps to columns, in the order the mapping step lists them. */
export const MAPPING_FIELDS: readonly {
  readonly field: MappingField
  readonly label: string
  readonly required: boolean
}[] = [
  { field: 'address', label: 'Address', required: true },
  { field: 'amount', label: 'Amount', required: true },
  { field: 'name', label: 'Name', required: false },
  { field: 'reference', label: 'Reference', required: false },
  { field: 'note', label: 'Note', required: false },
  { field: 'category', label: 'Category', required: false },
  { field: 'cost_center', label: 'Cost center', required: false },
  { field: 'token_address', label: 'Token address', required: false },
  { field: 'currency', label: 'Currency', required: false }
]

/** Files the import accepts, for the file input and for refusing a dropped file early. */
export const ACCEPTED_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.xls', '.ods'] as const

export interface ImportState {
  readonly file: { readonly name: string; readonly base64: string } | null
  readonly options: PreviewOptions
  readonly preview: RegistryPreview | null
  readonly loading: boolean
  readonly error: { readonly code: string; readonly message: string } | null
}

export type ImportAction =
  | { readonly type: 'fileChosen'; readonly name: string; readonly base64: string }
  | { readonly type: 'setEncoding'; readonly encoding: Encoding }
  | { readonly type: 'setDelimiter'; readonly delimiter: Delimiter }
  | { readonly type: 'setSheet'; readonly sheet: string }
  | { readonly type: 'setDecimalSeparator'; readonly separator: '.' | ',' }
  | { readonly type: 'setHasHeader'; readonly hasHeader: boolean }
  | { readonly type: 'mapColumn'; readonly field: MappingField; readonly column: string }
  | { readonly type: 'loaded'; readonly preview: RegistryPreview }
  | { readonly type: 'failed'; readonly error: { readonly code: string; readonly message: string } }
  | { readonly type: 'reset' }

export const INITIAL_IMPORT: ImportState = { file: null, options: {}, preview: null, loading: false, error: null }

/** Actions that change how the file is read ask main for a new preview (loading becomes true). */
export function importReducer(state: ImportState, action: ImportAction): ImportState {
  switch (action.type) {
    case 'fileChosen':
      // A new file starts from what the reader detects, not from the last file's overrides.
      return {
        file: { name: action.name, base64: action.base64 },
        options: {},
        preview: null,
        loading: true,
        error: null
      }
    case 'setEncoding':
      return reread(state, { encoding: action.encoding })
    case 'setDelimiter':
      return reread(state, { delimiter: action.delimiter })
    case 'setSheet':
      // Another sheet has other columns: a mapping made for the last one does not apply.
      return reread({ ...state, options: withoutMapping(state.options) }, { sheet: action.sheet })
    case 'setDecimalSeparator':
      return reread(state, { decimalSeparator: action.separator })
    case 'setHasHeader':
      return reread(state, { hasHeader: action.hasHeader })
    case 'mapColumn': {
      // Start from what main is using now, so one change does not drop the other fields' columns.
      const current = { ...(state.preview?.mapping ?? {}), ...(state.options.mapping ?? {}) } as Record<string, string>
      if (action.column === '') delete current[action.field]
      else current[action.field] = action.column
      return reread(state, { mapping: current as PreviewOptions['mapping'] })
    }
    case 'loaded':
      return { ...state, preview: action.preview, loading: false, error: null }
    case 'failed':
      return { ...state, loading: false, error: action.error }
    case 'reset':
      return INITIAL_IMPORT
    default:
      return assertNeverAction(action)
  }
}

function reread(state: ImportState, patch: Partial<PreviewOptions>): ImportState {
  if (state.file === null) return state
  return { ...state, options: { ...state.options, ...patch }, loading: true, error: null }
}

function withoutMapping(options: PreviewOptions): PreviewOptions {
  const { mapping: _mapping, ...rest } = options
  return rest
}

function assertNeverAction(action: never): never {
  throw new Error(`Unhandled import action ${JSON.stringify(action)}`)
}

/** The request for main's previewRegistry, or null before a file is chosen. */
export function previewRequest(state: ImportState, assetId: string): InputOf<'previewRegistry'> | null {
  if (state.file === null) return null
  const hasOptions = Object.keys(state.options).length > 0
  return {
    fileName: state.file.name,
    contentBase64: state.file.base64,
    assetId,
    ...(hasOptions ? { options: state.options } : {})
  }
}

export type ImportStep = 'choose' | 'reading' | 'failed' | 'sheet' | 'mapping' | 'review'

/** Which step the dialog shows. A preview that still needs a sheet or a mapping is not importable yet. */
export function importStep(state: ImportState): ImportStep {
  if (state.file === null) return 'choose'
  if (state.preview === null) return state.error === null ? 'reading' : 'failed'
  if (state.preview.error !== null) return 'failed'
  if (state.preview.needs === 'sheet') return 'sheet'
  if (state.preview.needs === 'mapping') return 'mapping'
  return 'review'
}

export interface ImportCounts {
  readonly rows: number
  readonly accepted: number
  readonly withWarnings: number
  readonly withErrors: number
  readonly blank: number
}

export function importCounts(preview: RegistryPreview): ImportCounts {
  return {
    rows: preview.totals.rows,
    accepted: preview.totals.validRows,
    withWarnings: preview.totals.rowsWithWarnings,
    withErrors: preview.totals.rowsWithErrors,
    blank: preview.skippedBlankRows
  }
}

/**
 * True when the preview shows amounts whose decimal separator the reader had to decide, or when
 * main refused amounts that only the file's separator can decide ("1.234"): their message says to choose it.
 */
export function decimalSeparatorMatters(preview: RegistryPreview, options: ImportState['options']): boolean {
  return preview.amountReadings.length > 0 || options.decimalSeparator !== undefined || preview.ambiguousAmounts
}

/** Whether the "Import into grid" button may be used: a readable file with at least one row. */
export function canImport(state: ImportState): boolean {
  return importStep(state) === 'review' && !state.loading && (state.preview?.totals.rows ?? 0) > 0
}

/** The file's extension is one the reader handles. */
export function isAcceptedFile(name: string): boolean {
  const lower = name.toLowerCase()
  return ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext))
}

const ENCODING_ASSUMED = 'encoding_assumed'

/** The reader's words for an encoding it assumed (where and why), shown beside the encoding to change. */
export function encodingNotice(preview: RegistryPreview): string | null {
  return preview.notices.find((n) => n.code === ENCODING_ASSUMED)?.message ?? null
}

/**
 * The reader's notices to list under the counts. When the encoding was assumed, the options above
 * already say so beside the encoding to change: its notice is not listed a second time.
 */
export function listedNotices(preview: RegistryPreview): RegistryPreview['notices'] {
  return preview.encodingAssumed ? preview.notices.filter((n) => n.code !== ENCODING_ASSUMED) : preview.notices
}
