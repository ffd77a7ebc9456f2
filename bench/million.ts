// Runs in: benchmarks, as child processes of their own so each peak memory is its own. The app
// splits a large import across two processes: main reads and checks the file, the renderer holds
// the rows it shows, and main stores them when the draft is saved. So does this benchmark:
//   million.ts read  N <rows.json>  reads an N-row CSV through previewRegistry, hands the rows over
//   million.ts store N <rows.json>  saves them with createPayout
// Each prints one JSON line with its time and peak RSS.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createTreasury } from '../src/main/treasury'
import type { RecipientInput } from '../src/shared/api'
import { csvOf, rows } from './data'
import { peakRssMiB } from './measure'
import { BUNDLED_WORKER, USDC } from './registryBench'


async function read(count: number, handOver: string): Promise<void> {
  const base64 = Buffer.from(csvOf(rows(count, 7))).toString('base64')
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'))
  const t = createTreasury({ dataDir: dir, registryWorkerFile: BUNDLED_WORKER })
  const start = performance.now()
  const preview = await t.previewRegistry({ fileName: 'big.csv', contentBase64: base64, assetId: USDC })
  const ms = performance.now() - start
  if (preview.error !== null) throw new Error(preview.error.message)
  const recipients: RecipientInput[] = preview.rows.map((r) => ({ address: r.address, amount: r.amount, name: r.name, reference: r.reference }))
  writeFileSync(handOver, JSON.stringify(recipients))
  await t.close()
  rmSync(dir, { recursive: true, force: true })
  console.log(JSON.stringify({ rows: preview.rows.length, ms, peakRssMiB: peakRssMiB() }))
}

async function store(handOver: string): Promise<void> {
  const recipients = JSON.parse(readFileSync(handOver, 'utf8')) as RecipientInput[]
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'))
  const t = createTreasury({ dataDir: dir })
  const start = performance.now()
  const saved = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'bench', recipients })
  const ms = performance.now() - start
  await t.close()
  rmSync(dir, { recursive: true, force: true })
  console.log(JSON.stringify({ rows: saved.recipientCount, ms, peakRssMiB: peakRssMiB() }))
}

async function main(): Promise<void> {
  const [phase, count, handOver] = process.argv.slice(2)
  if (handOver === undefined) throw new Error('usage: million.ts read|store N <rows.json>')
  if (phase === 'read') await read(Number.parseInt(count ?? '0', 10), handOver)
  else if (phase === 'store') await store(handOver)
  else throw new Error(`unknown phase ${phase}`)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
