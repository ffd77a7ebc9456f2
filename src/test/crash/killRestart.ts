// Runs in: tests (plain Node). What the kill tests share around their child: start the child script
// on a case (plain node with the tsx loader, so the SIGKILL hits the very process that was paying)
// and, once it is dead, read the data folder it left for rows in progress that nothing covers, and
// wait, mining, for the restarted app to reach an end.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { DATABASE_FILE } from '../../main/treasury'
import type { ChainFixture } from '../chainFixture'

/** TREASURY_KILL_MATRIX=full runs every boundary of every step; otherwise a representative subset. */
export const FULL_MATRIX = process.env.TREASURY_KILL_MATRIX === 'full'
const SETTLE_STEPS = 600
const STEP_MS = 50

/** A child that neither reaches its boundary nor ends is a failure, not a hang. */
export const CHILD_DEADLINE_MS = 90_000

export interface ChildOutcome {
  readonly signal: NodeJS.Signals | null
  readonly code: number | null
  readonly stderr: string
}

export function runKillChild(script: string, input: unknown): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(input)], {
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let stderr = ''
    const deadline = setTimeout(() => child.kill('SIGKILL'), CHILD_DEADLINE_MS)
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      clearTimeout(deadline)
      resolve({ signal, code, stderr })
    })
  })
}

/** Rows in progress that no recorded payment (or cancel of one) that may still pay covers: none may exist. */
export function uncoveredRows(dataDir: string, payoutId: string): number[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true })
  try {
    return (
      db
        .prepare(
          `SELECT row FROM payout_items i WHERE payout_id = ? AND status NOT IN ('queued', 'paid') AND NOT EXISTS (
             SELECT 1 FROM transaction_items ti JOIN transactions t ON t.hash = ti.tx_hash
             WHERE ti.payout_id = i.payout_id AND ti.row = i.row AND t.purpose IN ('payment', 'cancel')
               AND t.state IN ('signed', 'broadcast', 'mined', 'unverified'))`
        )
        .all(payoutId) as Array<{ row: number }>
    ).map((r) => r.row)
  } finally {
    db.close()
  }
}

/** Mines a block at a time until `done`, as the restarted app follows what is on its way. */
export async function untilDone(fx: ChainFixture, what: string, done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < SETTLE_STEPS; i++) {
    if (await done()) return
    await fx.mine(1)
    await new Promise((r) => setTimeout(r, STEP_MS))
  }
  throw new Error(`gave up waiting until ${what}`)
}
