// Runs in: benchmarks, as child processes of their own so each peak memory is its own. The app
// splits a large import across processes: the renderer reads the file and sends it as base64, main
// reads and checks it, the renderer holds the rows it shows, and main stores them when the draft is
// saved. So does this benchmark:
//   million.ts write N <file.csv>            writes an N-row CSV (kept out of the measured processes)
//   million.ts read <file.csv> <rows.jsonl>  base64 of the file, previewRegistry, rows handed over
//   million.ts store <rows.jsonl>            saves them with createPayout
//   million.ts bare <rows.jsonl>             the same rows by the bare prepared insert (bareStore.ts)
// The hand-over file holds one JSON array of rows per line, so neither side builds one string of
// every row. Each phase prints one JSON line with its time and peak RSS (store and bare also their
// CPU time, steadier than the clock on a shared machine).
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createTreasury, type Treasury } from '../src/main/treasury'
import type { RecipientInput, RegistryPreview } from '../src/shared/api'
import { csvOf, rows } from './data'
import { cpuMsSince, peakRssMiB } from './measure'
import { openBareStore, type BareRow } from './bareStore'
import { baseUnitsOf } from './importFloor'
import { BUNDLED_WORKER, USDC, USDC_DECIMALS } from './registryBench'

const ROWS_PER_LINE = 10_000
const READ_CHUNK_BYTES = 4 * 1024 * 1024

function write(count: number, file: string): void {
  writeFileSync(file, csvOf(rows(count, 7)))
}

/** The rows the renderer would hold, read from main a page of ROWS_PER_LINE at a time and written a line per page. */
async function handOver(t: Treasury, preview: RegistryPreview, file: string): Promise<void> {
  const fd = openSync(file, 'w')
  try {
    for (let offset = 0; offset < preview.totals.rows; offset += ROWS_PER_LINE) {
      const page = await t.readImportRows({ importId: preview.importId ?? '', offset, limit: ROWS_PER_LINE })
      const line: RecipientInput[] = page.rows.map((r) => ({
        address: r.address,
        amount: r.amount,
        name: r.name,
        reference: r.reference
      }))
      writeSync(fd, `${JSON.stringify(line)}\n`)
    }
  } finally {
    closeSync(fd)
  }
}

function takeOver(file: string): RecipientInput[] {
  const out: RecipientInput[] = []
  const fd = openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(READ_CHUNK_BYTES)
    let carry = ''
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null)
      const text = carry + buffer.toString('utf8', 0, n)
      const lines = text.split('\n')
      carry = n === 0 ? '' : lines.pop()!
      for (const line of lines) if (line !== '') for (const r of JSON.parse(line) as RecipientInput[]) out.push(r)
      if (n === 0) return out
    }
  } finally {
    closeSync(fd)
  }
}

async function read(csvFile: string, rowsFile: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'))
  const t = createTreasury({ dataDir: dir, registryWorkerFile: BUNDLED_WORKER })
  // As the renderer sends it: the file as base64, which main holds while it reads.
  let request: { fileName: string; contentBase64: string; assetId: string } | null = {
    fileName: 'big.csv',
    contentBase64: readFileSync(csvFile).toString('base64'),
    assetId: USDC
  }
  const start = performance.now()
  const preview = await t.previewRegistry(request)
  const ms = performance.now() - start
  request = null // the call is over: main no longer holds the file
  if (preview.error !== null) throw new Error(preview.error.message)
  await handOver(t, preview, rowsFile)
  await t.close()
  rmSync(dir, { recursive: true, force: true })
  console.log(JSON.stringify({ rows: preview.totals.rows, ms, peakRssMiB: peakRssMiB() }))
}

async function store(rowsFile: string): Promise<void> {
  const recipients = takeOver(rowsFile)
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'))
  const t = createTreasury({ dataDir: dir, registryWorkerFile: BUNDLED_WORKER })
  const cpu = process.cpuUsage()
  const start = performance.now()
  const saved = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'bench', recipients })
  const ms = performance.now() - start
  const cpuMs = cpuMsSince(cpu)
  await t.close()
  rmSync(dir, { recursive: true, force: true })
  console.log(JSON.stringify({ rows: saved.recipientCount, ms, cpuMs, peakRssMiB: peakRssMiB() }))
}

/** The storage floor of the same rows: their values computed before the clock starts, then one bare insert loop. */
function bare(rowsFile: string): void {
  const recipients = takeOver(rowsFile)
  const values: BareRow[] = recipients.map((r) => ({
    address: r.address,
    amountInput: r.amount,
    baseUnits: baseUnitsOf(r.amount, USDC_DECIMALS),
    name: r.name ?? '',
    reference: r.reference ?? ''
  }))
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'))
  const store = openBareStore(dir)
  const cpu = process.cpuUsage()
  const start = performance.now()
  store.store(values.length, (i) => values[i]!)
  const ms = performance.now() - start
  const cpuMs = cpuMsSince(cpu)
  store.close()
  rmSync(dir, { recursive: true, force: true })
  console.log(JSON.stringify({ rows: values.length, ms, cpuMs, peakRssMiB: peakRssMiB() }))
}

async function main(): Promise<void> {
  const [phase, a, b] = process.argv.slice(2)
  if (phase === 'write' && a !== undefined && b !== undefined) write(Number.parseInt(a, 10), b)
  else if (phase === 'read' && a !== undefined && b !== undefined) await read(a, b)
  else if (phase === 'store' && a !== undefined) await store(a)
  else if (phase === 'bare' && a !== undefined) bare(a)
  else
    throw new Error(
      'usage: million.ts write N <file.csv> | read <file.csv> <rows.jsonl> | store <rows.jsonl> | bare <rows.jsonl>'
    )
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
