// Runs in: benchmarks (plain Node). Timing and memory helpers: medians of repeated runs, and the
// process's peak resident memory. Benchmarks report ratios against a baseline measured in the same
// run; nothing here asserts a time.
import { performance } from 'node:perf_hooks'

export interface Timing {
  readonly medianMs: number
  readonly runsMs: readonly number[]
}

export async function time(runs: number, fn: () => Promise<unknown> | unknown): Promise<Timing> {
  const runsMs: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await fn()
    runsMs.push(performance.now() - start)
  }
  const sorted = [...runsMs].sort((a, b) => a - b)
  return { medianMs: sorted[Math.floor(sorted.length / 2)]!, runsMs }
}

/** Peak resident set size of this process so far, in MiB (Linux reports maxRSS in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024
}
