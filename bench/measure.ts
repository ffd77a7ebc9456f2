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
  return timing(runsMs)
}

const MICROS_PER_MS = 1_000
/** CPU milliseconds (user + system, every thread) this process spent since `before` (a process.cpuUsage()). */
export function cpuMsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before)
  return (used.user + used.system) / MICROS_PER_MS
}

/** Peak resident set size of this process so far, in MiB (Linux reports maxRSS in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024
}

/** Runs `a` and `b` alternately, `runs` times each, so a noisy neighbour slows both alike. */
export async function interleaved(
  runs: number,
  a: () => Promise<unknown> | unknown,
  b: () => Promise<unknown> | unknown
): Promise<[Timing, Timing]> {
  const ta: number[] = []
  const tb: number[] = []
  for (let i = 0; i < runs; i++) {
    for (const [fn, into] of [
      [a, ta],
      [b, tb]
    ] as const) {
      const start = performance.now()
      await fn()
      into.push(performance.now() - start)
    }
  }
  return [timing(ta), timing(tb)]
}

export function median(xs: readonly number[]): number {
  return [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? Number.NaN
}

function timing(runsMs: number[]): Timing {
  return { medianMs: median(runsMs), runsMs }
}
