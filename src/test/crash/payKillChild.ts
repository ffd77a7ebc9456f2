// Runs in: a child process started by payKill.test.ts (plain Node with the tsx loader). Opens the
// real app on the case's data folder, pays the payout through the contract, and kills itself with
// SIGKILL the moment the chosen step reaches the chosen boundary, as a crash or a force-quit would:
// the app's progress events are emitted right after the journal write they report, so the kill
// lands exactly between that write and whatever would come next. If the boundary never comes, the
// child exits normally and the parent reports it.
// Usage: payKillChild.ts '<KillCase as JSON>'
import { createLedgerEmulator } from '../../main/ledger/emulator'
import { KILL_ACCOUNT, die, openKillTreasury, reached, type KillCase } from './payKill'

/** How long the child follows the payment after signing before it gives up on the boundary. */
const FOLLOW_MS = 30_000
const POLL_MS = 50

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
