// Runs in: benchmarks (plain Node). The shape of one benchmark figure (our path against a baseline
// measured in the same run) and how it is judged against its target. Shared by run.ts and the
// chain figures so every figure lands in the same table and JSON file.
import { readFileSync } from 'node:fs'

export const UNIT = {
  ms: 'ms',
  mib: 'MiB',
  gasPerRecipient: 'gas/recipient',
  gasPerExtraRecipient: 'gas/extra recipient',
  fastLzBytes: 'FastLZ bytes'
} as const
export type Unit = (typeof UNIT)[keyof typeof UNIT]

export interface Figure {
  readonly figure: string
  readonly ours: string
  readonly baseline: string
  readonly unit: Unit
  /** Median (or the single deterministic value) of our path, in `unit`. */
  readonly oursValue: number | null
  readonly baselineValue: number | null
  readonly ratio: number | null
  readonly target: string
  readonly met: boolean | null
  readonly note?: string
}

export type FigureInput = Omit<Figure, 'ratio' | 'met'>

/** A ratio figure; `limit` is the highest ratio that meets the target (null: no ratio target). */
export function ratioFigure(f: FigureInput, limit: number | null): Figure {
  const ratio = f.oursValue !== null && f.baselineValue !== null ? f.oursValue / f.baselineValue : null
  return { ...f, ratio, met: ratio === null || limit === null ? null : ratio <= limit }
}

/** Peak resident memory of a child process we started (VmHWM), in MiB; null once it has exited. */
export function childPeakRssMiB(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1]
    return kib === undefined ? null : Number(kib) / 1024
  } catch {
    return null
  }
}
