// Runs in: tests (plain Node). One round of the crash test: start the child on a data folder,
// SIGKILL it after a delay, and collect every line it managed to write.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { parseLine, type ChildLine } from './protocol'

export interface RoundPlan {
  readonly dataDir: string
  readonly seed: number
  /** Kill this long after spawn, or after READY when `afterReady` is set. */
  readonly delayMs: number
  readonly afterReady: boolean
}

export interface RoundOutcome {
  readonly lines: readonly ChildLine[]
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
}

/** A child that never becomes ready is a failure, not a hang. */
const READY_DEADLINE_MS = 45_000
const CHILD_SCRIPT = join(import.meta.dirname, 'crashChild.ts')

export function runRound(plan: RoundPlan): Promise<RoundOutcome> {
  return new Promise((resolve, reject) => {
    // Plain node with the tsx loader (no wrapper process), so SIGKILL hits the process that writes.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, plan.dataDir, String(plan.seed)], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const lines: ChildLine[] = []
    let pending = ''
    let stderr = ''
    let killTimer: NodeJS.Timeout | undefined
    const kill = (): void => {
      child.kill('SIGKILL')
    }
    const deadline = setTimeout(kill, READY_DEADLINE_MS)
    if (!plan.afterReady) killTimer = setTimeout(kill, plan.delayMs)
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8')
      let nl: number
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = parseLine(pending.slice(0, nl))
        pending = pending.slice(nl + 1)
        lines.push(line)
        if (line.kind === 'ready') {
          clearTimeout(deadline)
          if (plan.afterReady) killTimer = setTimeout(kill, plan.delayMs)
        }
      }
    })
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(deadline)
      clearTimeout(killTimer)
      // A line cut by the kill is not acknowledged: writes are whole lines, but be strict anyway.
      if (signal !== 'SIGKILL') reject(new Error(`the crash child ended by itself (exit ${code}): ${stderr}`))
      else resolve({ lines, signal, stderr })
    })
  })
}
