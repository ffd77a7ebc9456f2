// Runs in: main (plain Node). Where an inbox file goes once it has been handled: processed/ when
// its payout was drafted, failed/ with "<name>.errors.csv" (row, column, message) when it was
// refused. Its sidecar and ready marker go with it. A name already taken there gets " (2)", " (3)".
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { extname, join } from 'node:path'
import { csvText, text } from '../../accounting/exports/csvWriter'
import { writeFileAtomic } from '../atomicFile'
import type { RegistryProblem } from '../registryDraft'

export const PROCESSED_FOLDER = 'processed'
export const FAILED_FOLDER = 'failed'
export const READY_SUFFIX = '.ready'
export const ERRORS_SUFFIX = '.errors.csv'

export interface InboxEntry {
  readonly folder: string
  /** The registry file's name in the inbox. */
  readonly name: string
  /** Its sidecar's name, when it has one. */
  readonly sidecar: string | null
}

/** Moves the file (and sidecar, and drops its marker) into processed/ or failed/; returns its new name. */
export function fileAway(entry: InboxEntry, into: typeof PROCESSED_FOLDER | typeof FAILED_FOLDER): string {
  const target = join(entry.folder, into)
  mkdirSync(target, { recursive: true })
  const name = freeName(target, entry.name)
  renameSync(join(entry.folder, entry.name), join(target, name))
  if (entry.sidecar !== null && existsSync(join(entry.folder, entry.sidecar)))
    renameSync(join(entry.folder, entry.sidecar), join(target, freeName(target, `${name}.sidecar.json`)))
  rmSync(join(entry.folder, `${entry.name}${READY_SUFFIX}`), { force: true })
  return name
}

/** Refuses the file: it goes to failed/ with its problems beside it. */
export function refuseFile(entry: InboxEntry, problems: readonly RegistryProblem[]): string {
  const name = fileAway(entry, FAILED_FOLDER)
  const rows = problems.map((p) => [text(p.row === null ? '' : String(p.row)), text(p.column), text(p.message)])
  writeFileAtomic(join(entry.folder, FAILED_FOLDER, `${name}${ERRORS_SUFFIX}`), [
    csvText(['row', 'column', 'message'], rows, { bom: true })
  ])
  return name
}

function freeName(folder: string, name: string): string {
  if (!existsSync(join(folder, name))) return name
  const ext = extname(name)
  const stem = name.slice(0, name.length - ext.length)
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`
    if (!existsSync(join(folder, candidate))) return candidate
  }
}
