// Runs in: main (plain Node). A registry file turned into a draft mass payout by automation (the
// REST API's import, the inbox folder, `treasury payouts import`): read and checked by the same
// previewRegistry the window's upload uses, every row read a page at a time as the window reads
// them (the preview answers with its first rows only), then drafted with createPayout by the
// import's id, so main stores its own copy of the rows. A file with any error is refused whole,
// with every problem listed (row, column, message): another system's file is fixed where it was
// made, not row by row at this desk. Warnings do not stop it.
import {
  MAX_IMPORT_PAGE_ROWS,
  type ImportRowsPage,
  type InputOf,
  type PayoutDetail,
  type RegistryPreview,
  type RegistryPreviewRow
} from '../../shared/api'
import { AppFailure } from '../../shared/errors'
import { createClaim } from '../../shared/rowsDigest'
import { atRow } from '../../shared/rowPrefix'

type PreviewOptions = NonNullable<InputOf<'previewRegistry'>['options']>

export interface RegistryUpload {
  readonly fileName: string
  readonly content: Buffer
  readonly assetId: string
  /** The payout's purpose; the file's name when null. */
  readonly description: string | null
  readonly externalId: string | null
  readonly options: PreviewOptions
}

export interface RegistryCalls {
  preview(input: InputOf<'previewRegistry'>): Promise<RegistryPreview>
  readRows(input: InputOf<'readImportRows'>): Promise<ImportRowsPage>
  create(input: InputOf<'createPayout'>): Promise<PayoutDetail>
}

export interface RegistryProblem {
  /** The row as numbered in the file (header = 1); null for the file as a whole. */
  readonly row: number | null
  /** The column as the file names it (its header), or its letter. */
  readonly column: string
  readonly code: string
  readonly message: string
}

/** Problems listed in an error's details; a file with more is summarised by the count. */
const MAX_LISTED_PROBLEMS = 1_000

export async function draftFromRegistry(calls: RegistryCalls, upload: RegistryUpload): Promise<PayoutDetail> {
  const preview = await calls.preview({
    fileName: upload.fileName,
    contentBase64: upload.content.toString('base64'),
    assetId: upload.assetId,
    options: upload.options
  })
  const fileProblems = fileLevelProblems(preview)
  if (fileProblems.length > 0) throw refused(upload.fileName, fileProblems)
  const draft = { kind: 'mass', assetId: upload.assetId, description: upload.description ?? upload.fileName } as const
  // Nothing kept: a file of headers only, drafted empty as it always was.
  if (preview.importId === null) return calls.create({ ...draft, recipients: [] })
  const importId = preview.importId
  // Every problem is counted; only the first are kept to list (a broken 1,000,000-row file has a million).
  const problems: RegistryProblem[] = []
  let problemCount = 0
  const claim = createClaim()
  const take = (rows: readonly RegistryPreviewRow[]): void => {
    for (const row of rows) {
      claim.add(row)
      if (row.issues.length === 0) continue
      for (const problem of rowProblems(preview, row)) {
        problemCount++
        if (problems.length < MAX_LISTED_PROBLEMS) problems.push(problem)
      }
    }
  }
  take(preview.rows)
  let read = preview.rows.length
  while (read < preview.totals.rows) {
    const page = await calls.readRows({ importId, offset: read, limit: MAX_IMPORT_PAGE_ROWS })
    if (page.rows.length === 0)
      throw new AppFailure(
        'import_changed',
        `Only ${read} of the ${preview.totals.rows} rows of ${upload.fileName} could be read. Send the file again.`
      )
    take(page.rows)
    read += page.rows.length
  }
  if (problemCount > 0) throw refused(upload.fileName, problems, problemCount)
  return calls.create({ ...draft, recipients: [], imported: { importId, ...claim.claim() } })
}

export function refused(
  fileName: string,
  problems: readonly RegistryProblem[],
  problemCount = problems.length
): AppFailure {
  const first = problems[0]!
  const where = first.row === null ? '' : `row ${first.row}${first.column === '' ? '' : `, ${first.column}`}: `
  // The row is named once, where the problem is placed; the message's own "Row 3: " would repeat it.
  const message = first.row === null ? first.message : atRow(first.message)
  return new AppFailure(
    'registry_refused',
    `${fileName} was not drafted: it has ${problemCount} problem(s). First: ${where}${message}`,
    { problems: problems.slice(0, MAX_LISTED_PROBLEMS), problemCount }
  )
}

/** What stops a whole file from being drafted: unreadable, or ambiguous (which sheet, which columns). */
function fileLevelProblems(preview: RegistryPreview): RegistryProblem[] {
  if (preview.error !== null)
    return [{ row: null, column: '', code: preview.error.code, message: preview.error.message }]
  if (preview.needs === 'sheet')
    return [
      {
        row: null,
        column: '',
        code: 'registry_needs_sheet',
        message: `The workbook has several sheets (${preview.sheets.join(', ')}). Name the one to read (sheet).`
      }
    ]
  if (preview.needs === 'mapping')
    return [
      {
        row: null,
        column: '',
        code: 'registry_needs_mapping',
        message:
          'The address and amount columns could not be recognised. Give the columns the headers address and amount.'
      }
    ]
  return []
}

/** A row's errors, each named by the row's number in the file and its column's header. */
function rowProblems(preview: RegistryPreview, row: RegistryPreviewRow): RegistryProblem[] {
  const problems: RegistryProblem[] = []
  for (const issue of row.issues)
    if (issue.severity === 'error')
      problems.push({
        row: row.sourceRow,
        column: columnName(preview, issue.field),
        code: issue.code,
        message: issue.message
      })
  return problems
}

function columnName(preview: RegistryPreview, field: string): string {
  const letter = preview.mapping[field]
  if (letter === undefined) return field
  const header = preview.headers[preview.columns.indexOf(letter)]
  return header === undefined || header.trim() === '' ? letter : header
}
