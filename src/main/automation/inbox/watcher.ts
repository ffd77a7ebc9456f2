// Runs in: main (plain Node). Watches the inbox folder (fs.watch, and a poll for shared and synced
// drives where change notices do not arrive) and hands over each registry file once it is complete:
// when its "<name>.ready" marker exists, or, in stable-size mode, when its size and time (and its
// sidecar's) have not changed for a settling time. Files are handled one at a time, in name order.
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs'
import { extname, join } from 'node:path'
import type { InboxReadiness } from '../../../shared/automation'
import { READY_SUFFIX, type InboxEntry } from './filing'
import { stemOf } from './processor'

/** Registry formats the reader takes; anything else in the folder is left alone. */
const REGISTRY_EXTENSIONS = new Set(['.csv', '.tsv', '.txt', '.xlsx', '.xls', '.ods'])

export interface InboxTimings {
  /** How long size and time must stay unchanged before a file counts as complete. */
  readonly settleMs: number
  /** How often the folder is listed even without a change notice. */
  readonly pollMs: number
  /** How long a file whose handling failed unexpectedly waits before it is tried again. */
  readonly retryMs: number
}

export const DEFAULT_INBOX_TIMINGS: InboxTimings = { settleMs: 2_000, pollMs: 1_000, retryMs: 30_000 }

export interface InboxWatcherOptions {
  readonly folder: string
  readonly readiness: InboxReadiness
  readonly timings: InboxTimings
  readonly handle: (entry: InboxEntry) => Promise<void>
  readonly onError: (e: unknown) => void
  readonly now?: () => number
}

export interface InboxWatcher {
  /** Lists the folder now and handles what is complete; resolves when that is done. */
  scan(): Promise<void>
  close(): Promise<void>
}

interface Observation {
  readonly signature: string
  /** When the file was first seen as it is now. */
  readonly since: number
  /** When it was last looked at. */
  readonly seenAt: number
}

export function watchInbox(options: InboxWatcherOptions): InboxWatcher {
  const now = options.now ?? Date.now
  const seen = new Map<string, Observation>()
  const retryAfter = new Map<string, number>()
  let closed = false
  let running: Promise<void> | null = null
  let again = false

  function signatureOf(entry: InboxEntry): string | null {
    try {
      const file = statSync(join(entry.folder, entry.name))
      if (!file.isFile() || file.size === 0) return null
      const side = entry.sidecar === null ? null : statSync(join(entry.folder, entry.sidecar))
      return `${file.size}:${file.mtimeMs}:${side === null ? '' : `${side.size}:${side.mtimeMs}`}`
    } catch {
      return null // removed or renamed meanwhile
    }
  }

  function complete(entry: InboxEntry, names: ReadonlySet<string>): boolean {
    if (names.has(`${entry.name}${READY_SUFFIX}`)) return true
    if (options.readiness === 'ready_marker') return false
    const signature = signatureOf(entry)
    if (signature === null) return false
    const known = seen.get(entry.name)
    const at = now()
    // Unchanged only counts over time this watcher was looking: after a gap longer than the
    // settling time (this process stalled, or a long handling held the scan), a writer on the same
    // loaded machine may have stalled with it, so the file's stillness proves nothing and the wait
    // starts again.
    if (known === undefined || known.signature !== signature || at - known.seenAt > options.timings.settleMs) {
      seen.set(entry.name, { signature, since: at, seenAt: at })
      return false
    }
    seen.set(entry.name, { ...known, seenAt: at })
    return at - known.since >= options.timings.settleMs
  }

  function candidates(): InboxEntry[] {
    const names = new Set(readdirSync(options.folder))
    const ready: InboxEntry[] = []
    for (const name of [...names].sort()) {
      if (name.startsWith('.') || name.startsWith('~$') || !REGISTRY_EXTENSIONS.has(extname(name).toLowerCase()))
        continue
      if ((retryAfter.get(name) ?? 0) > now()) continue
      const sidecarName = `${stemOf(name)}.json`
      const entry = { folder: options.folder, name, sidecar: names.has(sidecarName) ? sidecarName : null }
      if (complete(entry, names)) ready.push(entry)
    }
    for (const name of seen.keys()) if (!names.has(name)) seen.delete(name)
    return ready
  }

  async function scanOnce(): Promise<void> {
    for (const entry of candidates()) {
      if (closed) return
      // Still there (another Treasury on the same shared folder may have taken it).
      if (!existsSync(join(entry.folder, entry.name))) continue
      try {
        await options.handle(entry)
        seen.delete(entry.name)
      } catch (e) {
        retryAfter.set(entry.name, now() + options.timings.retryMs)
        options.onError(e)
      }
    }
  }

  function scan(): Promise<void> {
    if (running !== null) {
      again = true
      return running
    }
    running = (async () => {
      try {
        do {
          again = false
          await scanOnce()
        } while (again && !closed)
      } catch (e) {
        options.onError(e)
      } finally {
        running = null
      }
    })()
    return running
  }

  let watcher: FSWatcher | null = null
  try {
    watcher = watch(options.folder, () => void scan())
    watcher.on('error', () => undefined) // the poll below keeps working
  } catch {
    watcher = null // some network drives cannot be watched: the poll alone finds files
  }
  const poll = setInterval(() => void scan(), options.timings.pollMs)
  void scan()

  return {
    scan,
    async close() {
      closed = true
      clearInterval(poll)
      watcher?.close()
      await running
    }
  }
}
