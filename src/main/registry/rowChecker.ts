// Runs in: main (plain Node).
// Checks a large payout's rows in a worker thread while main stores them: saving 100,000 rows is
// SQLite's inserts on main plus validation (checksums, amounts, labels, duplicates), and with the
// two on different cores the save costs little more than its inserts. The save happens inside one
// SQLite transaction, which must not yield to the event loop (another write would join it), so main
// waits for each answer without it: it sleeps on a shared word the worker counts its answers in
// (Atomics.wait) and takes the answer off the port directly (receiveMessageOnPort).
//
// The worker is a helper, never a judge: any failure (no answer in time, a crash, an answer that
// does not fit the rows asked about) throws RowCheckFailed, the caller's transaction rolls back and
// the rows are checked on main as before. A worker that failed is stopped and the next run starts
// another, unless it never answered at all: then the checker is not tried again in this session.
import { existsSync } from 'node:fs'
import {
  MessageChannel,
  Worker,
  receiveMessageOnPort,
  type MessagePort,
  type ResourceLimits
} from 'node:worker_threads'
import type { Issue, RecipientInput } from '../../shared/api'
import { DEFAULT_WORKER_LIMITS, locateWorkerFile } from './inWorker'
import { rowBatchOf, type CheckedBatch } from './rowBatch'
import {
  ROW_CHECKER_ROLE,
  type RowCheckReply,
  type RowCheckRequest,
  type RowCheckerWorkerData
} from './rowCheckerWorker'
import type { RegistryAsset } from './types'

/** Rows per batch: large enough that a batch's round trip is a small part of it, small enough to start storing early. */
export const ROW_CHECK_BATCH = 10_000
/** The first batch's rows (see batchStarts). */
const FIRST_BATCH_ROWS = 1_000
/** Batches sent ahead of the one being stored, so the worker is never idle while main inserts. */
const BATCHES_AHEAD = 2
/** The first answer includes starting the thread (loading the reader's code). */
const FIRST_ANSWER_TIMEOUT_MS = 20_000
/** Checking one batch takes tens of milliseconds; this much silence means the worker is gone. */
const ANSWER_TIMEOUT_MS = 15_000

export class RowCheckFailed extends Error {
  override readonly name = 'RowCheckFailed'
}

export interface RowCheckRun {
  /** Each batch's checked rows in order, waiting (blocking this thread) for each. */
  batches(): Generator<CheckedBatch>
  /** Every duplicate over the rows, per 0-based position; only after every batch was read. */
  duplicates(): ReadonlyArray<readonly [number, Issue]>
}

export interface RowChecker {
  /** Checks rows numbered 1..n by position; none may be blank (a payout never stores one). */
  check(inputs: readonly RecipientInput[], asset: RegistryAsset): RowCheckRun
  /** Threads started so far: how tests see reuse and replacement. */
  startedWorkers(): number
  close(): Promise<void>
}

export interface RowCheckerOptions {
  /** Absolute path of the registry worker script; found automatically when omitted. */
  readonly workerFile?: string
  readonly resourceLimits?: ResourceLimits
  readonly batchRows?: number
  readonly firstAnswerTimeoutMs?: number
  readonly answerTimeoutMs?: number
  /** Whether this thread may block on Atomics.wait (threadMayWait() when omitted); without it every check fails at once. */
  readonly mayWait?: boolean
}

interface Thread {
  readonly worker: Worker
  readonly port: MessagePort
  readonly signal: Int32Array
  /** Answers taken so far. */
  taken: number
  /** Whether it has answered at all (the first answer pays for starting it). */
  answered: boolean
}

/**
 * Where each batch of `count` rows starts, and `count` last. Batches start small and double up to
 * `batchRows`: main waits for the first with nothing to store, and checking a batch takes the
 * worker a fraction of the time storing the one before takes main, so main never waits again.
 */
export function batchStarts(count: number, batchRows: number): number[] {
  const starts = [0]
  let size = Math.min(FIRST_BATCH_ROWS, batchRows)
  let next = size
  while (next < count) {
    starts.push(next)
    size = Math.min(batchRows, size * 2)
    next += size
  }
  if (count > 0) starts.push(count)
  return starts
}

/**
 * Whether this thread may block on Atomics.wait. Node's threads may; an embedder can forbid it on
 * its main thread (browsers do), and then the wait throws before it compares: a probe whose value
 * never matches answers at once either way.
 */
export function threadMayWait(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)), 0, 1, 0)
    return true
  } catch {
    return false
  }
}

export function createRowChecker(options: RowCheckerOptions = {}): RowChecker {
  const batchRows = options.batchRows ?? ROW_CHECK_BATCH
  const mayWait = options.mayWait ?? threadMayWait()
  let broken = false
  let thread: Thread | null = null
  let started = 0
  let nextRun = 1

  function start(): Thread {
    const file = options.workerFile ?? locateWorkerFile()
    // A missing script would only be noticed by the timeout below: main cannot hear the thread's error while it waits.
    if (!existsSync(file)) throw new RowCheckFailed(`The row checker's script ${file} is missing.`)
    const signal = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
    const { port1, port2 } = new MessageChannel()
    const workerData: RowCheckerWorkerData = { role: ROW_CHECKER_ROLE, port: port2, signal }
    const worker = new Worker(file, {
      workerData,
      transferList: [port2],
      execArgv: [],
      resourceLimits: options.resourceLimits ?? DEFAULT_WORKER_LIMITS,
      stdout: false,
      stderr: false
    })
    started++
    const t: Thread = { worker, port: port1, signal, taken: 0, answered: false }
    // An idle checker never keeps the process alive, and its failures are met by the timeouts below.
    worker.unref()
    port1.unref()
    worker.on('error', () => retire(t))
    worker.on('exit', () => retire(t))
    thread = t
    return t
  }

  function retire(t: Thread): void {
    if (thread === t) thread = null
    // A thread that never answered will not do better next time (a broken install, say): rather
    // than wait for one at every save, later saves are checked on main.
    if (!t.answered) broken = true
    t.port.close()
    void t.worker.terminate()
  }

  /** The next answer, waited for without the event loop. */
  function take(t: Thread, run: number): RowCheckReply {
    const timeout = t.answered
      ? (options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS)
      : (options.firstAnswerTimeoutMs ?? FIRST_ANSWER_TIMEOUT_MS)
    const deadline = Date.now() + timeout
    while (Atomics.load(t.signal, 0) <= t.taken) {
      const left = deadline - Date.now()
      if (left <= 0) throw new RowCheckFailed(`The row checker did not answer within ${timeout} ms.`)
      Atomics.wait(t.signal, 0, t.taken, left)
    }
    const got = receiveMessageOnPort(t.port)
    if (got === undefined) throw new RowCheckFailed('The row checker counted an answer it did not send.')
    t.taken++
    t.answered = true
    const reply = got.message as RowCheckReply
    if (reply.run !== run) throw new RowCheckFailed(`The row checker answered run ${reply.run} during run ${run}.`)
    if (reply.kind === 'failed') throw new RowCheckFailed(`The row checker failed: ${reply.message}`)
    return reply
  }

  return {
    check(inputs, asset) {
      if (!mayWait) throw new RowCheckFailed('This thread may not wait for the row checker.')
      if (broken) throw new RowCheckFailed('The row checker never answered in this session.')
      const t = thread ?? start()
      const run = nextRun++
      let finished = false
      const send = (request: RowCheckRequest): void => t.port.postMessage(request)
      const starts = batchStarts(inputs.length, batchRows)
      const batchCount = starts.length - 1
      let sent = 0
      const sendNext = (): void => {
        send({ kind: 'batch', run, batch: rowBatchOf(inputs, starts[sent]!, starts[sent + 1]!) })
        sent++
      }
      let found: ReadonlyArray<readonly [number, Issue]> | null = null
      return {
        *batches() {
          try {
            send({ kind: 'begin', run, asset })
            while (sent < batchCount && sent < BATCHES_AHEAD + 1) sendNext()
            for (let k = 0; k < batchCount; k++) {
              const reply = take(t, run)
              const from = starts[k]!
              const size = starts[k + 1]! - from
              if (reply.kind !== 'checked' || reply.batch.first !== from || reply.batch.address.length !== size)
                throw new RowCheckFailed(`The row checker's answer does not fit rows ${from + 1} to ${from + size}.`)
              if (sent < batchCount) sendNext()
              yield reply.batch
            }
            send({ kind: 'end', run })
            const reply = take(t, run)
            if (reply.kind !== 'duplicates') throw new RowCheckFailed('The row checker gave no duplicates at the end.')
            found = reply.issues
            finished = true
          } finally {
            // Answers still on their way belong to a run nobody reads: the thread is not reused.
            if (!finished) retire(t)
          }
        },
        duplicates() {
          if (found === null) throw new RowCheckFailed('Duplicates were asked for before every batch was read.')
          return found
        }
      }
    },
    startedWorkers: () => started,
    async close() {
      const t = thread
      thread = null
      if (t !== null) {
        t.port.close()
        await t.worker.terminate()
      }
    }
  }
}
