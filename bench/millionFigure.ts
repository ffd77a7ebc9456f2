// Runs in: benchmarks (plain Node). The largest registry: read in one child process and stored in
// another (bench/million.ts), as the app splits it between main and the renderer; each phase's
// peak RSS is its own. The store is held against the bare insert of the same rows, run once before
// and once after it (their mean is the baseline), so a neighbour's load that rises or falls during
// the minute or two this takes weighs on both sides alike.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { UNIT, type Figure } from './figure'
import type { RegistrySizes } from './registryBench'

const PEAK_RSS_LIMIT_MIB = 1024
const STORE_RATIO_LIMIT = 1.5

export function millionFigure(size: RegistrySizes): Figure {
  const tsx = join('node_modules', 'tsx', 'dist', 'cli.mjs')
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'))
  const csvFile = join(dir, 'registry.csv')
  const rowsFile = join(dir, 'rows.jsonl')
  const run = (args: string[]): string => {
    const r = spawnSync(process.execPath, [tsx, 'bench/million.ts', ...args], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024
    })
    if (r.status !== 0) throw new Error(`The ${size.million}-row ${args[0]} crashed: ${r.stderr}`)
    return r.stdout
  }
  const phase = (name: 'read' | 'store' | 'bare', args: string[]) => {
    const out = JSON.parse(
      run([name, ...args])
        .trim()
        .split('\n')
        .pop()!
    ) as { rows: number; ms: number; cpuMs?: number; peakRssMiB: number }
    if (out.rows !== size.million) throw new Error(`The ${size.million}-row ${name} handled ${out.rows} rows`)
    return out
  }
  const cpu = (p: { cpuMs?: number }): string => (p.cpuMs ?? Number.NaN).toFixed(0)
  try {
    run(['write', String(size.million), csvFile])
    const read = phase('read', [csvFile, rowsFile])
    const loadBefore = loadavg()[0]!
    const before = phase('bare', [rowsFile])
    const store = phase('store', [rowsFile])
    const after = phase('bare', [rowsFile])
    const floorMs = (before.ms + after.ms) / 2
    const peak = Math.max(read.peakRssMiB, store.peakRssMiB)
    const ratio = store.ms / floorMs
    return {
      figure: `${size.million.toLocaleString('en')}-row CSV: store (read + validate before it)`,
      ours: 'createPayout of the rows previewRegistry read, each in its own process',
      baseline: 'bare prepared insert of the same rows into payout_items (own process, before and after ours)',
      unit: UNIT.ms,
      oursValue: store.ms,
      baselineValue: floorMs,
      ratio,
      target: `store <= ${STORE_RATIO_LIMIT}x bare insert, peak RSS < 1 GiB`,
      met: ratio <= STORE_RATIO_LIMIT && peak < PEAK_RSS_LIMIT_MIB,
      note: `read ${read.ms.toFixed(0)} ms before the store; bare insert before and after ${before.ms.toFixed(0)} / ${after.ms.toFixed(0)} ms; CPU time ours ${cpu(store)}, bare ${cpu(before)} / ${cpu(after)} ms; peak RSS: read ${read.peakRssMiB.toFixed(0)} MiB, store ${store.peakRssMiB.toFixed(0)} MiB, bare insert ${Math.max(before.peakRssMiB, after.peakRssMiB).toFixed(0)} MiB; load average ${loadBefore.toFixed(1)} to ${loadavg()[0]!.toFixed(1)}`
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
