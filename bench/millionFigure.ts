// Runs in: benchmarks (plain Node). The largest registry: read in one child process and stored in
// another (bench/million.ts), as the app splits it between main and the renderer; each phase's
// peak RSS is its own.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UNIT, type Figure } from './figure'
import type { RegistrySizes } from './registryBench'

const PEAK_RSS_LIMIT_MIB = 1024

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
  const phase = (name: 'read' | 'store', args: string[]) => {
    const out = JSON.parse(
      run([name, ...args])
        .trim()
        .split('\n')
        .pop()!
    ) as { rows: number; ms: number; peakRssMiB: number }
    if (out.rows !== size.million) throw new Error(`The ${size.million}-row ${name} handled ${out.rows} rows`)
    return out
  }
  try {
    run(['write', String(size.million), csvFile])
    const read = phase('read', [csvFile, rowsFile])
    const store = phase('store', [rowsFile])
    const peak = Math.max(read.peakRssMiB, store.peakRssMiB)
    return {
      figure: `${size.million.toLocaleString('en')}-row CSV: read + validate + store`,
      ours: 'previewRegistry, then createPayout, each in its own process',
      baseline: '-',
      unit: UNIT.ms,
      oursValue: read.ms + store.ms,
      baselineValue: null,
      ratio: null,
      target: 'completes, peak RSS < 1 GiB',
      met: peak < PEAK_RSS_LIMIT_MIB,
      note: `peak RSS: read ${read.peakRssMiB.toFixed(0)} MiB, store ${store.peakRssMiB.toFixed(0)} MiB (read ${read.ms.toFixed(0)} ms, store ${store.ms.toFixed(0)} ms)`
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
