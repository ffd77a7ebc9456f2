// Runs in: tests and the pay-kill child (plain Node). What the kill test and its child share: the
// step boundaries a payment can be killed at, the case a child is given, and the one way both
// open the real app on the data folder (same catalogue, same emulated Ledger, same chunk size).
import { getAddress } from 'ethers'
import { DEFAULT_PLAN_LIMITS } from '../../main/chain/planTypes'
import type { LedgerEmulator } from '../../main/ledger/emulator'
import { createSessionSecretStore } from '../../main/secrets'
import { createTreasury, type Treasury } from '../../main/treasury'
import type { ExecutionProgressView } from '../../shared/execution'
import { LOCAL_CHAIN_ID, localCatalogue, type LocalChain } from '../localCatalogue'

export const KILL_CHAIN_ID = LOCAL_CHAIN_ID
export const KILL_ACCOUNT = "44'/60'/0'/0/0"
/** Rows per batch chunk: small, so a few rows make several chunks. */
export const KILL_CHUNK_ROWS = 2

/**
 * Where in a step the process dies: before its transaction is recorded (while the device signs),
 * after it is recorded, after a node accepted it, after it was seen in a block.
 */
export const BOUNDARIES = ['before_record', 'after_record', 'after_broadcast', 'after_mining'] as const
export type Boundary = (typeof BOUNDARIES)[number]

export type KillPlan = 'batch' | 'per_recipient'
export type KillAsset = 'native' | 'token'

/** The chain a case runs on, as the parent deployed it; cases pay the test stablecoin as well as ETH. */
export type KillChain = LocalChain & { readonly token: string }

/** What the child is told: pay this payout with this plan, and die at this boundary of this step. */
export interface KillCase {
  readonly chain: KillChain
  readonly dataDir: string
  readonly payoutId: string
  readonly plan: KillPlan
  readonly step: number
  readonly boundary: Boundary
}

export function killAssetId(chain: KillChain, asset: KillAsset): string {
  return asset === 'native' ? `${KILL_CHAIN_ID}:native` : `${KILL_CHAIN_ID}:${getAddress(chain.token)}`
}

/** The app as the child and the restarted parent open it: a real SQLite file in `dataDir`, the chain, the emulated Ledger. */
export function openKillTreasury(chain: KillChain, dataDir: string, emulator: LedgerEmulator): Treasury {
  return createTreasury({
    dataDir,
    catalogue: localCatalogue(chain),
    secrets: createSessionSecretStore(),
    ledger: { openTransport: () => emulator.openTransport() },
    pollIntervalMs: 50,
    recheckIntervalMs: 500,
    planLimits: { ...DEFAULT_PLAN_LIMITS, maxRowsPerChunk: KILL_CHUNK_ROWS }
  })
}

/** Ends this process as a crash or a force-quit would: no clean-up, no flush. */
export function die(): never {
  process.kill(process.pid, 'SIGKILL')
  throw new Error('SIGKILL did not end the process')
}

/** Whether `event` is the boundary `at` of step `step`; transactions are known by hash once signed. */
export function reached(
  event: ExecutionProgressView,
  at: Boundary,
  step: number,
  stepOf: Map<string, number>
): boolean {
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
