// Runs in: tests and the Safe kill child (plain Node). What the Safe kill test and its child share:
// the Safe's owners (accounts of the desk's emulated Ledger other than the executing one) and the
// case a child is given. The app is opened the same way as for the Ledger payments (payKill.ts).
import type { Boundary, KillChain } from './payKill'

/** Owners of the 2-of-3 Safe: the first two sign every Safe transaction, the third never does. */
export const SAFE_OWNER_PATHS = ["44'/60'/0'/0/1", "44'/60'/0'/0/2", "44'/60'/0'/0/3"] as const
export const SAFE_SIGNING_PATHS = SAFE_OWNER_PATHS.slice(0, 2)
export const SAFE_THRESHOLD = 2

/** Boundaries the child reaches with the node not mining, so the execution is still on its way when it dies. */
export const HOLD_MINING: readonly Boundary[] = ['after_record', 'after_broadcast']

/** Turns the local node's mining of each transaction as it arrives on or off (anvil's evm_setAutomine). */
export async function setAutomine(rpcUrl: string, on: boolean): Promise<void> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'evm_setAutomine', params: [on] })
  })
  const body = (await response.json()) as { error?: { message: string } }
  if (body.error) throw new Error(`evm_setAutomine failed: ${body.error.message}`)
}

/** What the child is told: execute the payout's Safe transactions in order and die at this boundary of this one. */
export interface SafeKillCase {
  readonly chain: KillChain
  readonly dataDir: string
  readonly payoutId: string
  /** Position of the Safe transaction in the payout's plan (0-based). */
  readonly position: number
  readonly boundary: Boundary
}
