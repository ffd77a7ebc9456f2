// Runs in: a child process started by payKill.test.ts (plain Node with the tsx loader). Opens the
// real app on the case's data folder, pays the payout through the contract, and kills itself with
// SIGKILL the moment the chosen step reaches the chosen boundary, as a crash or a force-quit would:
// the app's progress events are emitted right after the journal write they report, so the kill
// lands exactly between that write and whatever would come next. If the boundary never comes, the
// child exits normally and the parent reports it.
// Usage: payKillChild.ts '<KillCase as JSON>'
import { createLedgerEmulator } from '../../main/ledger/emulator'
import type { ExecutionProgressView } from '../../shared/execution'
import { KILL_ACCOUNT, openKillTreasury, type Boundary, type KillCase } from './payKill'

/** How long the child follows the payment after signing before it gives up on the boundary. */
const FOLLOW_MS = 30_000
const POLL_MS = 50

function die(): never {
  process.kill(process.pid, 'SIGKILL')
  throw new Error('SIGKILL did not end the process')
}

/** Whether `event` is the boundary `at` of step `step`; transactions are known by hash once signed. */
function reached(event: ExecutionProgressView, at: Boundary, step: number, stepOf: Map<string, number>): boolean {
  switch (at) {
    case 'before_record':
      return event.type === 'signing' && event.step === step
    case 'after_record':
      return event.type === 'signed' && event.step === step
    case 'after_broadcast':
      return event.type === 'broadcast' && stepOf.get(event.hash) === step
    case 'after_mining':
      return event.type === 'mined' && stepOf.get(event.hash) === step
    default: {
      const unknown: never = at
      throw new Error(`unknown boundary ${String(unknown)}`)
    }
  }
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as KillCase
  const treasury = openKillTreasury(input.chain, input.dataDir, createLedgerEmulator({ blindSigning: true }))
  const stepOf = new Map<string, number>()
  treasury.onEvent((event) => {
    if (event.type !== 'execution.progress') return
    const progress = event.progress
    if (progress.payoutId !== input.payoutId) return
    if (progress.type === 'signed') stepOf.set(progress.hash, progress.step)
    if (reached(progress, input.boundary, input.step, stepOf)) die()
  })
  await treasury.executePayout({ id: input.payoutId, accountPath: KILL_ACCOUNT, plan: input.plan })
  const deadline = Date.now() + FOLLOW_MS
  while (Date.now() < deadline && (await treasury.getPayout({ id: input.payoutId })).status === 'in_progress')
    await new Promise((r) => setTimeout(r, POLL_MS))
  await treasury.close()
  process.exit(0)
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
