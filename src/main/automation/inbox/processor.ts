// Runs in: main (plain Node). One complete registry file in the inbox becomes a draft mass payout,
// or is refused with its problems. A file is drafted once per content and external id: the record
// of it is committed with its payout, so a copy dropped in again is refused as already drafted, and
// a file whose draft was committed just before a crash is filed away at the next start, not drafted
// again.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Asset, ImportRowsPage, InputOf, Network, PayoutDetail, RegistryPreview } from '../../../shared/api'
import { AppFailure } from '../../../shared/errors'
import { findForbiddenCharacter, forbiddenCharacterMessage, TEXT_KIND } from '../../../shared/text'
import { findInboxFile, markInboxFileFiled } from '../../store/automationRepo'
import type { OpenedDatabase } from '../../store/db'
import type { AutomatedSource } from '../origin'
import { draftFromRegistry, type RegistryProblem } from '../registryDraft'
import { fileAway, PROCESSED_FOLDER, refuseFile, type InboxEntry } from './filing'
import { parseSidecar, sidecarAsset, type Sidecar } from './sidecar'

export interface InboxDeps {
  readonly db: OpenedDatabase
  readonly catalogue: () => Promise<{ networks: readonly Network[]; assets: readonly Asset[] }>
  readonly preview: (input: InputOf<'previewRegistry'>) => Promise<RegistryPreview>
  readonly readRows: (input: InputOf<'readImportRows'>) => Promise<ImportRowsPage>
  /** Drafts as the inbox file's source, recording the file with the payout. */
  readonly create: (source: AutomatedSource, input: InputOf<'createPayout'>) => Promise<PayoutDetail>
}

export type InboxOutcome =
  | { readonly kind: 'drafted'; readonly payoutId: string; readonly filedAs: string }
  | { readonly kind: 'refused'; readonly filedAs: string; readonly problems: readonly RegistryProblem[] }

export async function processInboxFile(deps: InboxDeps, entry: InboxEntry): Promise<InboxOutcome> {
  const content = readFileSync(join(entry.folder, entry.name))
  const contentHash = createHash('sha256').update(content).digest('hex')
  let sidecar: Sidecar | null = null
  try {
    sidecar =
      entry.sidecar === null ? null : parseSidecar(entry.sidecar, readFileSync(join(entry.folder, entry.sidecar)))
  } catch (e) {
    return refuse(entry, problemsOf(e))
  }
  const externalId = sidecar?.externalId ?? ''
  const before = findInboxFile(deps.db.write, contentHash, externalId)
  if (before !== undefined && !before.filed) {
    // Drafted, then stopped before the file was moved: finish the move, draft nothing.
    const filedAs = fileAway(entry, PROCESSED_FOLDER)
    markInboxFileFiled(deps.db.write, contentHash, externalId)
    return { kind: 'drafted', payoutId: before.payoutId, filedAs }
  }
  if (before !== undefined)
    return refuse(entry, [
      problem(
        'inbox_already_drafted',
        `This file${externalId === '' ? '' : ` with external id ${externalId}`} was already drafted as payout ${before.payoutId} from ${before.fileName} on ${before.draftedAt}. It was not drafted again.`
      )
    ])
  try {
    const payout = await draft(deps, entry, content, contentHash, sidecar)
    const filedAs = fileAway(entry, PROCESSED_FOLDER)
    markInboxFileFiled(deps.db.write, contentHash, externalId)
    return { kind: 'drafted', payoutId: payout.id, filedAs }
  } catch (e) {
    if (!(e instanceof AppFailure) || e.code === 'internal_error') throw e
    return refuse(entry, problemsOf(e))
  }
}

async function draft(
  deps: InboxDeps,
  entry: InboxEntry,
  content: Buffer,
  contentHash: string,
  sidecar: Sidecar | null
): Promise<PayoutDetail> {
  const badCharacter = findForbiddenCharacter(entry.name, TEXT_KIND.label)
  if (badCharacter !== undefined)
    throw new AppFailure(
      'registry_refused',
      `The file's name: ${forbiddenCharacterMessage('the file name', badCharacter, TEXT_KIND.label)}`
    )
  if (sidecar === null)
    throw new AppFailure(
      'inbox_sidecar_invalid',
      `${entry.name} has no sidecar. Put a JSON file named ${stemOf(entry.name)}.json beside it naming at least "network" and "currency".`
    )
  const { networks, assets } = await deps.catalogue()
  const asset = sidecarAsset(sidecar, networks, assets)
  const source: AutomatedSource = {
    kind: 'inbox',
    name: entry.name,
    externalId: sidecar.externalId ?? null,
    inboxFile: { contentHash, fileName: entry.name }
  }
  return draftFromRegistry(
    { preview: deps.preview, readRows: deps.readRows, create: (input) => deps.create(source, input) },
    {
      fileName: entry.name,
      content,
      assetId: asset.id,
      description: sidecar.purpose ?? null,
      externalId: sidecar.externalId ?? null,
      options: {
        ...(sidecar.decimalSeparator === undefined ? {} : { decimalSeparator: sidecar.decimalSeparator }),
        ...(sidecar.sheet === undefined ? {} : { sheet: sidecar.sheet })
      }
    }
  )
}

function refuse(entry: InboxEntry, problems: readonly RegistryProblem[]): InboxOutcome {
  return { kind: 'refused', filedAs: refuseFile(entry, problems), problems }
}

const problem = (code: string, message: string): RegistryProblem => ({ row: null, column: '', code, message })

/** A refusal's problems: the registry's rows when it has them, else the one message. */
function problemsOf(e: unknown): RegistryProblem[] {
  if (!(e instanceof AppFailure)) return [problem('internal_error', String(e))]
  const listed = (e.details as { problems?: RegistryProblem[] } | undefined)?.problems
  return Array.isArray(listed) && listed.length > 0 ? listed : [problem(e.code, e.message)]
}

export function stemOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? name : name.slice(0, dot)
}
