// Runs in: vitest (node). The inbox watcher's settling rule on a clock the test moves: a file is
// handed over once it stayed unchanged for the settling time while the watcher was looking, and a
// gap in the looking (a stalled process) starts the wait again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { InboxEntry } from './filing'
import { watchInbox, type InboxWatcher } from './watcher'

const SETTLE_MS = 400
/** Polls and change notices must not scan on their own: the test scans at the times it sets. */
const NEVER_MS = 3_600_000

let folder = ''
let watcher: InboxWatcher | null = null

afterEach(async () => {
  await watcher?.close()
  watcher = null
  rmSync(folder, { recursive: true, force: true })
})

function start(clock: { t: number }): InboxEntry[] {
  folder = mkdtempSync(join(tmpdir(), 'treasury-watch-'))
  writeFileSync(join(folder, 'may.csv'), 'address,amount\n')
  const handed: InboxEntry[] = []
  watcher = watchInbox({
    folder,
    readiness: 'stable_size',
    timings: { settleMs: SETTLE_MS, pollMs: NEVER_MS, retryMs: NEVER_MS },
    handle: async (entry) => {
      handed.push(entry)
    },
    onError: (e) => {
      throw e
    },
    now: () => clock.t
  })
  return handed
}

async function scanAt(clock: { t: number }, t: number): Promise<void> {
  clock.t = t
  await watcher!.scan()
}

describe('the inbox watcher', () => {
  it('hands a file over once it stayed unchanged for the settling time while watched', async () => {
    const clock = { t: 0 }
    const handed = start(clock)
    await scanAt(clock, 0)
    await scanAt(clock, 200)
    expect(handed).toEqual([])
    await scanAt(clock, SETTLE_MS)
    expect(handed.map((e) => e.name)).toEqual(['may.csv'])
  })

  it('starts the wait again after a gap in the watching longer than the settling time', async () => {
    const clock = { t: 0 }
    const handed = start(clock)
    await scanAt(clock, 0)
    await scanAt(clock, 100)
    // Stalled for longer than the settling time: the file looks unchanged, which proves nothing.
    await scanAt(clock, 1_000)
    expect(handed).toEqual([])
    await scanAt(clock, 1_000 + SETTLE_MS / 2)
    expect(handed).toEqual([])
    await scanAt(clock, 1_000 + SETTLE_MS)
    expect(handed.map((e) => e.name)).toEqual(['may.csv'])
  })

  it('starts the wait again when the file changes', async () => {
    const clock = { t: 0 }
    const handed = start(clock)
    await scanAt(clock, 0)
    // The clock moves first, so a scan the change notice starts sees the same time as the test's.
    clock.t = 300
    writeFileSync(join(folder, 'may.csv'), 'address,amount\n0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed,1\n')
    await scanAt(clock, 300)
    await scanAt(clock, 600)
    expect(handed).toEqual([])
    await scanAt(clock, 300 + SETTLE_MS)
    expect(handed.map((e) => e.name)).toEqual(['may.csv'])
  })
})
