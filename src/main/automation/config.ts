// Runs in: main (plain Node). Automation's settings: the REST API (off by default, its port), the
// inbox folder and how it tells a file is complete, the outbox folder. Kept in the settings table
// beside the desk's settings; a change is written with its audit entry in one transaction.
import { accessSync, constants, statSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import type { InboxReadiness } from '../../shared/automation'
import { INBOX_READINESS } from '../../shared/automation'
import { AppFailure } from '../../shared/errors'
import { appendAudit } from '../store/auditLog'
import { inTransaction, type ReadDb, type WriteDb } from '../store/db'
import { readRawSetting, writeRawSetting } from '../store/settingsRepo'

export interface AutomationConfig {
  readonly apiEnabled: boolean
  readonly apiPort: number
  readonly inboxFolder: string | null
  readonly inboxReadiness: InboxReadiness
  readonly outboxFolder: string | null
}

export const DEFAULT_API_PORT = 47_800

const KEYS = {
  apiEnabled: 'automation.apiEnabled',
  apiPort: 'automation.apiPort',
  inboxFolder: 'automation.inboxFolder',
  inboxReadiness: 'automation.inboxReadiness',
  outboxFolder: 'automation.outboxFolder'
} as const satisfies Record<keyof AutomationConfig, string>

export function readAutomationConfig(db: ReadDb | WriteDb): AutomationConfig {
  const apiEnabled = readRawSetting(db, KEYS.apiEnabled)
  const apiPort = readRawSetting(db, KEYS.apiPort)
  const inboxFolder = readRawSetting(db, KEYS.inboxFolder)
  const readiness = readRawSetting(db, KEYS.inboxReadiness)
  const outboxFolder = readRawSetting(db, KEYS.outboxFolder)
  return {
    apiEnabled: apiEnabled === true,
    apiPort: typeof apiPort === 'number' ? apiPort : DEFAULT_API_PORT,
    inboxFolder: typeof inboxFolder === 'string' ? inboxFolder : null,
    inboxReadiness: INBOX_READINESS.find((r) => r === readiness) ?? 'stable_size',
    outboxFolder: typeof outboxFolder === 'string' ? outboxFolder : null
  }
}

/** Checks and writes a change; folders must exist and be writable, and the two must differ. */
export function writeAutomationConfig(db: WriteDb, patch: Partial<AutomationConfig>, actor: string): AutomationConfig {
  const before = readAutomationConfig(db)
  const next = { ...before, ...definedOnly(patch) }
  if (patch.inboxFolder !== undefined && patch.inboxFolder !== null) assertUsableFolder(patch.inboxFolder, 'inbox')
  if (patch.outboxFolder !== undefined && patch.outboxFolder !== null) assertUsableFolder(patch.outboxFolder, 'outbox')
  if (next.inboxFolder !== null && next.outboxFolder !== null && overlaps(next.inboxFolder, next.outboxFolder))
    throw new AppFailure(
      'automation_folder_invalid',
      'The inbox and outbox folders must be separate folders, neither inside the other: status files would be read as registries.'
    )
  const changed = (Object.keys(KEYS) as (keyof AutomationConfig)[]).filter((k) => before[k] !== next[k])
  if (changed.length === 0) return before
  inTransaction(db, () => {
    for (const key of changed) writeRawSetting(db, KEYS[key], next[key])
    appendAudit(db, {
      actor,
      action: 'settings_changed',
      payoutId: null,
      detail: changed.map((k) => `${k}: ${JSON.stringify(before[k])} -> ${JSON.stringify(next[k])}`).join('; ')
    })
  })
  return next
}

function definedOnly(patch: Partial<AutomationConfig>): Partial<AutomationConfig> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<AutomationConfig>
}

function overlaps(a: string, b: string): boolean {
  const inside = (parent: string, child: string): boolean => {
    const r = relative(resolve(parent), resolve(child))
    return r === '' || (!r.startsWith('..') && !isAbsolute(r))
  }
  return inside(a, b) || inside(b, a)
}

function assertUsableFolder(folder: string, role: 'inbox' | 'outbox'): void {
  const fail = (why: string): never => {
    throw new AppFailure('automation_folder_invalid', `The ${role} folder ${folder} ${why}`)
  }
  if (!isAbsolute(folder)) fail("is not a full path. Give the folder's full path, e.g. /srv/payouts/inbox.")
  let isFolder = false
  try {
    isFolder = statSync(folder).isDirectory()
  } catch {
    fail('does not exist. Create it first (on a shared or synced drive if another machine writes to it).')
  }
  if (!isFolder) fail('is a file, not a folder.')
  try {
    accessSync(folder, constants.R_OK | constants.W_OK)
  } catch {
    fail('cannot be read and written by Treasury. Give this user read and write access to it.')
  }
}
