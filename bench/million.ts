// Runs in: benchmarks, as a child process of its own so its peak memory is its own: reads and
// stores an N-row CSV registry through createTreasury and prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createTreasury } from '../src/main/treasury'
import { csvOf, rows } from './data'
import { peakRssMiB } from './measure'

const USDC = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
/** The worker exactly as the app ships it (npm run bench builds first). */
const BUNDLED_WORKER = resolve('out/main/registryWorker.js')

async function main(): Promise<void> {
  const count = Number.parseInt(process.argv[2] ?? '1000000', 10)
  const base64 = Buffer.from(csvOf(rows(count, 7))).toString('base64')
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'))
  const t = createTreasury({ dataDir: dir, registryWorkerFile: BUNDLED_WORKER })
  const start = performance.now()
  const preview = await t.previewRegistry({ fileName: 'big.csv', contentBase64: base64, assetId: USDC })
  const read = performance.now()
  const saved = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'bench', recipients: preview.rows.map((r) => ({ address: r.address, amount: r.amount, name: r.name, reference: r.reference })) })
  const done = performance.now()
  await t.close()
  rmSync(dir, { recursive: true, force: true })
  console.log(JSON.stringify({ rows: saved.recipientCount, errors: preview.error, readMs: read - start, storeMs: done - read, peakRssMiB: peakRssMiB() }))
}

void main()
