// Runs in: a child process started by safeKill.test.ts (plain Node with the tsx loader). Opens the
// real app on the case's data folder, where the payout's Safe transactions are planned and signed
// by enough owners, executes them one after the other from the desk's Ledger account, and kills
// itself with SIGKILL the moment the chosen Safe transaction's execTransaction reaches the chosen
// boundary. Each execution is step 0 of its own one-step plan, so the child tells them apart by
// the Safe transaction it is executing. To be killed with its execTransaction recorded or sent but
// not mined, it stops the node mining on its own just before that execution (HOLD_MINING), so
// the restarted app meets it still on its way. If the boundary never comes, the child exits normally.
// Usage: safeKillChild.ts '<SafeKillCase as JSON>'
import { createLedgerEmulator } from '../../main/ledger/emulator'
import { KILL_ACCOUNT, die, openKillTreasury, reached } from './payKill'
import { HOLD_MINING, setAutomine, type SafeKillCase } from './safeKill'

/** How long the child waits for one Safe transaction to show as executed before it gives up. */
const FOLLOW_MS = 30_000
const POLL_MS = 50

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as SafeKillCase
  const treasury = openKillTreasury(input.chain, input.dataDir, createLedgerEmulator({ blindSigning: true }))
  let current = -1
  const positionOf = new Map<string, number>()
  treasury.onEvent((event) => {
    if (event.type !== 'execution.progress' || event.progress.payoutId !== input.payoutId) return
    const p = event.progress
    const progress = p.type === 'signing' || p.type === 'signed' ? { ...p, step: current } : p
    if (progress.type === 'signed') positionOf.set(progress.hash, current)
    if (reached(progress, input.boundary, input.position, positionOf)) die()
  })
  const view = await treasury.getSafePayout({ id: input.payoutId })
  const payments = (view?.transactions ?? [])
    .filter((t) => t.purpose === 'payment' && t.state === 'awaiting_signatures')
    .sort((a, b) => a.position - b.position)
  for (const tx of payments) {
    current = tx.position
    if (current === input.position && HOLD_MINING.includes(input.boundary)) await setAutomine(input.chain.rpcUrl, false)
    await treasury.executeSafeTransaction({ id: input.payoutId, safeTxHash: tx.safeTxHash, accountPath: KILL_ACCOUNT })
    const deadline = Date.now() + FOLLOW_MS
    const executed = async () =>
      (await treasury.getSafePayout({ id: input.payoutId }))?.transactions.find((t) => t.safeTxHash === tx.safeTxHash)
        ?.state === 'executed'
    while (Date.now() < deadline && !(await executed())) await new Promise((r) => setTimeout(r, POLL_MS))
  }
  await treasury.close()
  process.exit(0)
}

void main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
