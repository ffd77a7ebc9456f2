// Runs in: benchmarks (plain Node). Memory over a working session: a 100,000-row draft opened,
// edited and saved 50 times in a row in a process of its own (bench/draftCycles.ts); the resident
// memory after the last cycle against after the fifth (the first ones fill caches and prepared
// statements that are then reused).
import { spawnSync } from 'node:child_process'
import { UNIT, type Figure } from './figure'
import type { RegistrySizes } from './registryBench'

const CYCLES = 50
const SETTLED_CYCLE = 5
const GROWTH_LIMIT = 1.1

export function memoryFigure(size: RegistrySizes): Figure {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/draftCycles.ts', String(size.rows), String(CYCLES)],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024
    }
  )
  if (r.status !== 0) throw new Error(`The draft cycles crashed: ${r.stderr}`)
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as { rssMiB: number[]; heapMiB: number[] }
  if (out.rssMiB.length !== CYCLES) throw new Error(`The draft cycles ran ${out.rssMiB.length} of ${CYCLES} cycles`)
  const settled = out.rssMiB[SETTLED_CYCLE - 1]!
  const last = out.rssMiB[CYCLES - 1]!
  const ratio = last / settled
  const every10 = (xs: number[]): string =>
    xs
      .filter((_, i) => (i + 1) % 10 === 0 || i === 0)
      .map((x) => x.toFixed(0))
      .join(', ')
  return {
    figure: `Memory: a ${size.rows.toLocaleString('en')}-row draft opened, edited and saved ${CYCLES} times`,
    ours: `RSS after cycle ${CYCLES}`,
    baseline: `RSS after cycle ${SETTLED_CYCLE}`,
    unit: UNIT.mib,
    oursValue: last,
    baselineValue: settled,
    ratio,
    target: `<= ${GROWTH_LIMIT}x`,
    met: ratio <= GROWTH_LIMIT,
    note: `main's process (createTreasury), after a full GC each cycle; RSS after cycles 1, 10, 20, ..., 50: ${every10(out.rssMiB)} MiB; heap used ${every10(out.heapMiB)} MiB`
  }
}
