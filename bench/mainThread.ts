// Runs in: benchmarks (plain Node). How long main's event loop was held up while something ran:
// the longest delay of a fine timer (perf_hooks' monitorEventLoopDelay), which is the longest stretch
// of synchronous work in this thread: the window's answer to any other request waits that long. Work
// in worker threads does not count; that is the point of giving it to them.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { performance } from 'node:perf_hooks'
import { deserialize, serialize } from 'node:v8'
import { dispatch } from '../src/main/dispatch'
import type { InputOf, MethodName, Outputs } from '../src/shared/api'
import type { Treasury } from '../src/main/treasury'

/** The monitor's timer period: blocks shorter than this are not told apart. */
const RESOLUTION_MS = 5
const NS_PER_MS = 1e6

export interface Blocked<T> {
  readonly value: T
  /** The longest time main's event loop could not run anything else. */
  readonly longestMs: number
  readonly totalMs: number
}

export async function measureBlocking<T>(work: () => Promise<T>): Promise<Blocked<T>> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
  histogram.enable()
  // The monitor's first period only starts its clock: the work begins once it is measuring.
  await new Promise((resolve) => setTimeout(resolve, RESOLUTION_MS * 4))
  const start = performance.now()
  try {
    const value = await work()
    // The monitor sees a block only when its timer fires after it.
    await new Promise((resolve) => setTimeout(resolve, RESOLUTION_MS * 2))
    return { value, longestMs: histogram.max / NS_PER_MS, totalMs: performance.now() - start }
  } finally {
    histogram.disable()
  }
}

/**
 * A call as the window makes it: the request arrives serialized (Electron's IPC uses V8's
 * serializer, as this does), main reads it, checks it against the contract and runs it, and the
 * answer is serialized back. Every part of that is main's work; serializing the request is the
 * renderer's and is done by the caller beforehand (`request`).
 */
export async function callAsWindow<M extends MethodName>(
  t: Treasury,
  method: M,
  request: Buffer
): Promise<{ readonly result: Outputs[M]; readonly answerBytes: number }> {
  const r = await dispatch(t, method, deserialize(request))
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`)
  const answer = serialize(r)
  return { result: r.value as Outputs[M], answerBytes: answer.byteLength }
}

export function request<M extends MethodName>(_method: M, input: InputOf<M>): Buffer {
  return serialize(input)
}
