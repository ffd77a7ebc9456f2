// Runs in: main (plain Node). A registry file turned into a draft mass payout by automation (the
// REST API's import, the inbox folder, `treasury payouts import`): read and checked by the same
// previewRegistry the window's upload uses, then drafted with createPayout. A file with any error
// is refused whole, with every problem listed (row, column, message): another system's file is
// fixed where it was made, not row by row at this desk. Warnings do not stop it.
import type { InputOf, PayoutDetail, RegistryPreview } from '../../shared/api'
import { AppFailure } from '../../shared/errors'

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
  const problems = registryProblems(preview)
  if (problems.length > 0) throw refused(upload.fileName, problems)
  return calls.create({
    kind: 'mass',
    assetId: upload.assetId,
    description: upload.description ?? upload.fileName,
    recipients: preview.rows.map((r) => ({
      address: r.address,
      amount: r.amount,
      name: r.name,
      reference: r.reference,
      note: r.note,
      category: r.category,
      costCenter: r.costCenter
    }))
  })
}

export function refused(fileName: string, problems: readonly RegistryProblem[]): AppFailure {
  const first = problems[0]!
  const where = first.row === null ? '' : `row ${first.row}${first.column === '' ? '' : `, ${first.column}`}: `
  return new AppFailure(
    'registry_refused',
    `${fileName} was not drafted: it has ${problems.length} problem(s). First: ${where}${first.message}`,
    { problems: problems.slice(0, MAX_LISTED_PROBLEMS), problemCount: problems.length }
  )
}

/** What stops a registry from being drafted: the file unreadable or ambiguous, or rows with errors. */
export function registryProblems(preview: RegistryPreview): RegistryProblem[] {
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
  const problems: RegistryProblem[] = []
  for (const row of preview.rows)
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
