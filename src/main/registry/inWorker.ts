// Runs in: main (plain Node).
// The registry reader: the same result as readRegistry, computed in a worker thread with a memory
// cap and a time limit, so a hostile or pathological file cannot freeze or crash the app. One worker
// is kept warm and reused, one file at a time, because starting a thread costs more than reading a
// typical file; a worker that runs out of time or memory, or crashes, is terminated and replaced.
// Every failure comes back as a result with an error, never a throw.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import { unpackRows, type PackedChunk } from './packedRows'
import { failedResult, type PackedReadResult } from './readResult'
import type { ReadRegistryOptions, ReadRegistryResult, RegistryAsset } from './types'
import type { WorkerJob, WorkerReply } from './worker'

/** The worker's file name beside the bundled main process (an electron-vite entry of its own). */
export const BUNDLED_WORKER_FILE = 'registryWorker.js'
const SOURCE_WORKER_FILE = 'worker.ts'
const SOURCE_BOOTSTRAP_FILE = 'workerBootstrap.mjs'

/** Per file: a read that takes longer is stopped (the worker with it). */
export const DEFAULT_WORKER_TIMEOUT_MS = 60_000
/**
 * After reading a file this large the worker is replaced rather than kept: its heap has grown to
 * several times the file and an idle thread never gives it back, so a 1,000,000-row file would keep
 * hundreds of MB while main builds the preview. A new worker costs a fraction of a second, nothing
 * next to reading such a file.
 */
export const RETIRE_AFTER_BYTES = 16 * 1024 * 1024
/** The worker's heap: a 1,000,000-row file fits; a file that needs more stops the worker, not the app. */
export const DEFAULT_WORKER_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 1536,
  maxYoungGenerationSizeMb: 16,
  stackSizeMb: 8
}

export interface WorkerRunOptions {
  readonly timeoutMs?: number
  readonly resourceLimits?: ResourceLimits
  /** Absolute path of the worker script; found automatically when omitted. */
  readonly workerFile?: string
  /** Files larger than this are read by a worker that is replaced afterwards (RETIRE_AFTER_BYTES). */
  readonly retireAfterBytes?: number
}

export interface ReadJobOptions {
  /** Hand the bytes' memory to the worker instead of copying it; the caller must not use them afterwards. */
  readonly transfer?: boolean
  /** This file's time limit, instead of the reader's. */
  readonly timeoutMs?: number
}

export interface RegistryReader {
  /** Starts the worker now, so that the next file does not wait for it. */
  warm(): void
  /** Reads one file; rows stay packed (see packedRows.ts). Files queue and are read one at a time. */
  readPacked(
    bytes: Uint8Array,
    fileName: string,
    asset: RegistryAsset,
    options?: ReadRegistryOptions,
    job?: ReadJobOptions
  ): Promise<PackedReadResult>
  read(
    bytes: Uint8Array,
    fileName: string,
    asset: RegistryAsset,
    options?: ReadRegistryOptions
  ): Promise<ReadRegistryResult>
  /** Threads started so far (the first, then one per replacement): how tests see reuse and replacement. */
  startedWorkers(): number
  /** Terminates the worker; files still waiting get a result saying the reader was closed. */
  close(): Promise<void>
}

/** The compiled worker when running bundled, else the bootstrap that loads worker.ts from sources. */
export function locateWorkerFile(): string {
  // __dirname: the main bundle is CommonJS, and so is every test loader that imports this file.
  const here = __dirname
  const bundled = join(here, BUNDLED_WORKER_FILE)
  if (existsSync(bundled)) return bundled
  if (existsSync(join(here, SOURCE_WORKER_FILE))) return join(here, SOURCE_BOOTSTRAP_FILE)
  throw new Error(
    `Registry worker not found beside ${here}: the build must emit ${BUNDLED_WORKER_FILE} next to the main bundle.`
  )
}

interface Pending {
  readonly job: WorkerJob
  /** The file's size when queued (transferred bytes read as empty afterwards). */
  readonly size: number
  readonly transfer: boolean
  readonly timeoutMs: number
  readonly resolve: (result: PackedReadResult) => void
}

export function createRegistryReader(run: WorkerRunOptions = {}): RegistryReader {
  const timeoutMs = run.timeoutMs ?? DEFAULT_WORKER_TIMEOUT_MS
  const retireAfterBytes = run.retireAfterBytes ?? RETIRE_AFTER_BYTES
  let worker: Worker | null = null
  let started = 0
  let nextId = 1
  let closed = false
  let current: { pending: Pending; timer: NodeJS.Timeout; chunks: PackedChunk[] } | null = null
  const queue: Pending[] = []

  function start(): Worker {
    const w = new Worker(run.workerFile ?? locateWorkerFile(), {
      execArgv: [],
      resourceLimits: run.resourceLimits ?? DEFAULT_WORKER_LIMITS,
      stdout: false,
      stderr: false
    })
    started++
    worker = w
    w.on('message', (reply: WorkerReply) => {
      if (w !== worker || current === null || reply.id !== current.pending.job.id) return
      if ('chunk' in reply) {
        current.chunks.push(reply.chunk)
        return
      }
      const { job, size } = current.pending
      const result = reply.ok
        ? withChunks(reply.result, current.chunks, reply.chunks, job.fileName)
        : failure('registry_worker_failed', `Reading ${job.fileName} failed unexpectedly: ${reply.message}`)
      if (size <= retireAfterBytes) {
        settle(result)
        return
      }
      // The result is handed on only once the worker's heap is gone, so the two never add up.
      clearTimeout(current.timer)
      worker = null
      void w.terminate().then(
        () => settle(result),
        () => settle(result)
      )
    })
    w.on('error', (error: Error & { code?: string }) => {
      if (w !== worker) return
      retire(w)
      if (current === null) return
      const { fileName } = current.pending.job
      settle(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? failure(
              'registry_out_of_memory',
              `Reading ${fileName} needed more memory than a registry may use, so it was stopped. Save the file as CSV, or split it, and try again.`
            )
          : failure('registry_worker_failed', `Reading ${fileName} failed unexpectedly: ${error.message}`)
      )
    })
    w.on('exit', (code) => {
      if (w !== worker) return
      worker = null
      if (current !== null)
        settle(
          failure(
            'registry_worker_failed',
            `The file reader stopped (exit code ${code}) before finishing ${current.pending.job.fileName}.`
          )
        )
    })
    // An idle worker never keeps the process alive; it is referenced only while it reads.
    w.unref()
    return w
  }

  /** A worker that failed or overran is never reused: it is stopped, and the next file gets a new one. */
  function retire(w: Worker): void {
    if (worker === w) worker = null
    void w.terminate()
  }

  function settle(result: PackedReadResult): void {
    if (current === null) return
    const { pending, timer } = current
    current = null
    clearTimeout(timer)
    worker?.unref()
    pending.resolve(result)
    if (queue.length > 0) dispatch()
  }

  function dispatch(): void {
    if (current !== null || closed) return
    const pending = queue.shift()
    if (pending === undefined) return
    let w: Worker
    try {
      w = worker ?? start()
    } catch (error) {
      pending.resolve(
        failure(
          'registry_worker_failed',
          `The file reader could not start: ${error instanceof Error ? error.message : String(error)}`
        )
      )
      dispatch()
      return
    }
    const { fileName } = pending.job
    const { timeoutMs } = pending
    const timer = setTimeout(() => {
      retire(w)
      settle(
        failure(
          'registry_timeout',
          `Reading ${fileName} took longer than ${Math.max(1, Math.ceil(timeoutMs / 1000))} s and was stopped. Save the file as CSV, or split it, and try again.`
        )
      )
    }, timeoutMs)
    current = { pending, timer, chunks: [] }
    w.ref()
    const bytes = pending.job.bytes
    w.postMessage(pending.job, pending.transfer && ownsWholeBuffer(bytes) ? [bytes.buffer as ArrayBuffer] : [])
  }

  function readPacked(
    bytes: Uint8Array,
    fileName: string,
    asset: RegistryAsset,
    options: ReadRegistryOptions = {},
    job: ReadJobOptions = {}
  ): Promise<PackedReadResult> {
    if (closed)
      return Promise.resolve(failure('registry_closed', `The file reader is closed; ${fileName} was not read.`))
    return new Promise((resolve) => {
      queue.push({
        job: { id: nextId++, bytes, fileName, asset, options },
        size: bytes.byteLength,
        transfer: job.transfer === true,
        timeoutMs: job.timeoutMs ?? timeoutMs,
        resolve
      })
      dispatch()
    })
  }

  return {
    warm() {
      if (closed || worker !== null) return
      try {
        start()
      } catch {
        // Reported to the first file read, which tries again.
      }
    },
    readPacked,
    async read(bytes, fileName, asset, options = {}) {
      const { packed, ...rest } = await readPacked(bytes, fileName, asset, options)
      return { ...rest, rows: unpackRows(packed) }
    },
    startedWorkers: () => started,
    async close() {
      closed = true
      for (const pending of queue.splice(0))
        pending.resolve(
          failure('registry_closed', `The file reader was closed before ${pending.job.fileName} was read.`)
        )
      const w = worker
      worker = null
      if (current !== null) {
        const { pending, timer } = current
        current = null
        clearTimeout(timer)
        pending.resolve(failure('registry_closed', `The file reader was closed while reading ${pending.job.fileName}.`))
      }
      if (w !== null) await w.terminate()
    }
  }
}

/** One file in a worker of its own, closed afterwards (tests, and callers that read once). */
export async function readRegistryInWorker(
  bytes: Uint8Array,
  fileName: string,
  asset: RegistryAsset,
  options: ReadRegistryOptions = {},
  run: WorkerRunOptions = {}
): Promise<ReadRegistryResult> {
  const reader = createRegistryReader(run)
  try {
    return await reader.read(bytes, fileName, asset, options)
  } finally {
    await reader.close()
  }
}

/** The rows sent batch by batch put back into the result; a result that does not account for them all is refused. */
function withChunks(
  result: PackedReadResult,
  chunks: PackedChunk[],
  expected: number,
  fileName: string
): PackedReadResult {
  if (result.packed.count === 0) return result
  const rows = chunks.reduce((n, c) => n + c.rows, 0)
  if (chunks.length !== expected || rows !== result.packed.count)
    return failure(
      'registry_worker_failed',
      `Reading ${fileName} failed unexpectedly: ${rows} of ${result.packed.count} rows arrived.`
    )
  return { ...result, packed: { ...result.packed, chunks } }
}

/** Transferring a view's buffer hands over all of it: only done when the view is the whole buffer. */
function ownsWholeBuffer(bytes: Uint8Array): boolean {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
}

function failure(code: string, message: string): PackedReadResult {
  return failedResult({ encoding: 'utf-8', notices: [] }, code, message)
}
