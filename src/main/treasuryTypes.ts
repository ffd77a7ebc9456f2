// Runs in: main (plain Node). What createTreasury takes and gives: its options (each a seam for
// tests, the command line or the demo) and the object the shell, the harness and tests drive.
import type Transport from '@ledgerhq/hw-transport'
import type { TreasuryApi, TreasuryEvent } from '../shared/api'
import type { AutomationTimings } from './automation'
import type { RateLimit } from './automation/api/rateLimit'
import type { AutomatedSource } from './automation/origin'
import type { PlanLimits } from './chain'
import type { Catalogue } from './domain/catalogue'
import type { FeedDirectory } from './domain/priceFeeds'
import type { SecretStore, SecretStoreNotice } from './secrets'

export interface TreasuryOptions {
  /** Folder that holds treasury.sqlite; created when missing. */
  readonly dataDir: string
  readonly now?: () => Date
  readonly catalogue?: Catalogue
  /** The registry worker script; found beside the bundle or the sources when omitted. */
  readonly registryWorkerFile?: string
  /** Where secrets live; the OS keychain (or a session-only store when it is unavailable) by default. */
  readonly secrets?: SecretStore
  /** How to reach the Ledger; USB HID by default. Tests and the demo pass the emulator. */
  readonly ledger?: { readonly openTransport: () => Promise<Transport> }
  /** How often unsettled transactions are checked, in ms. */
  readonly pollIntervalMs?: number
  /** How often transactions whose outcome is unknown are checked again when nothing else is followed, in ms. */
  readonly recheckIntervalMs?: number
  /** Batch chunk sizes and gas targets (smaller chunks for tests); the engine's defaults when absent. */
  readonly planLimits?: PlanLimits
  /**
   * False for a short-lived process on the same data (the command line): no resuming of sent
   * transactions and no automation (API server, inbox, webhooks), which the app runs. Default true.
   */
  readonly background?: boolean
  /** Faster automation timings and rate limits, for tests. */
  readonly automation?: { readonly timings?: Partial<AutomationTimings>; readonly rateLimit?: RateLimit }
  /** Price feeds per network; the catalogue's Chainlink feeds by default. Tests add feeds they deploy. */
  readonly feeds?: FeedDirectory
  /** How often due payout schedules are looked for while the app runs, in ms. */
  readonly scheduleCheckMs?: number
}

export interface Treasury extends TreasuryApi {
  onEvent(listener: (event: TreasuryEvent) => void): () => void
  /** Set when secrets cannot be kept in the OS keychain: what the user must be told. */
  secretsNotice(): Promise<SecretStoreNotice | null>
  /** Starts the registry worker now, so the first import does not wait for it (the app calls this once its window is open). */
  prepareRegistryReader(): void
  /** The contract acting as an automation source: drafts record where they came from and who made them. */
  asSource(source: AutomatedSource): TreasuryApi
  /** Stops background work; resolves when the database is closed. */
  close(): Promise<void>
}
