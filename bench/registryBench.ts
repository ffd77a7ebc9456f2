// Runs in: benchmarks (plain Node). What every registry figure shares: its sizes, the asset it
// imports for, and the worker exactly as the app ships it (npm run bench builds first).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createTreasury, type Treasury } from '../src/main/treasury'

export interface RegistrySizes {
  readonly rows: number
  readonly million: number
  readonly runs: number
}

export const USDC = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
export const USDC_DECIMALS = 6
export const BUNDLED_WORKER = resolve('out/main/registryWorker.js')

/** A treasury on a fresh data directory, removed after `use` returns. */
export async function withTreasury<T>(use: (t: Treasury, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'))
  const t = createTreasury({ dataDir: dir, registryWorkerFile: BUNDLED_WORKER })
  try {
    return await use(t, dir)
  } finally {
    await t.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
