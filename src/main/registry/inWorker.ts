// Runs in: main (plain Node).
// readRegistryInWorker: the same result as readRegistry, computed in a worker thread with a memory
// cap and a time limit, so a hostile or pathological file cannot freeze or crash the app. Every
// failure (out of memory, timeout, crash) comes back as a result with an error, never a throw.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import { totalsOf } from './validate'
import type { ReadRegistryOptions, ReadRegistryResult, RegistryAsset } from './types'
import type { WorkerJob, WorkerReply } from './worker'

/** The worker's file name beside the bundled main process (an electron-vite entry of its own). */
export const BUNDLED_WORKER_FILE = 'registryWorker.js'
const SOURCE_WORKER_FILE = 'worker.ts'
const SOURCE_BOOTSTRAP_FILE = 'workerBootstrap.mjs'

export const DEFAULT_WORKER_TIMEOUT_MS = 60_000
export const DEFAULT_WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1536, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 }

export interface WorkerRunOptions {
  readonly timeoutMs?: number
  readonly resourceLimits?: ResourceLimits
  /** Absolute path of the worker script; found automatically when omitted. */
  readonly workerFile?: string
}

/** The compiled worker when running bundled, else the bootstrap that loads worker.ts from sources. */
export function locateWorkerFile(): string {
  // __dirname: the main bundle is CommonJS, and so is every test loader that imports this file.
  const here = __dirname
  const bundled = join(here, BUNDLED_WORKER_FILE)
  if (existsSync(bundled)) return bundled
  if (existsSync(join(here, SOURCE_WORKER_FILE))) return join(here, SOURCE_BOOTSTRAP_FILE)
  throw new Error(`Registry worker not found beside ${here}: the build must emit ${BUNDLED_WORKER_FILE} next to the main bundle.`)
}

export function readRegistryInWorker(
  bytes: Uint8Array,
  fileName: string,
  asset: RegistryAsset,
  options: ReadRegistryOptions = {},
  run: WorkerRunOptions = {}
): Promise<ReadRegistryResult> {
  return new Promise((resolve) => {
    let settled = false
    const finish = (result: ReadRegistryResult): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      void worker?.terminate()
      resolve(result)
    }
    const timeoutMs = run.timeoutMs ?? DEFAULT_WORKER_TIMEOUT_MS
    const timer = setTimeout(() => {
      finish(failure('registry_timeout', `Reading ${fileName} took longer than ${Math.max(1, Math.ceil(timeoutMs / 1000))} s and was stopped. Save the file as CSV, or split it, and try again.`))
    }, timeoutMs)
    let worker: Worker | undefined
    try {
      const job: WorkerJob = { bytes, fileName, asset, options }
      worker = new Worker(run.workerFile ?? locateWorkerFile(), { execArgv: [], workerData: job, resourceLimits: run.resourceLimits ?? DEFAULT_WORKER_LIMITS, stdout: false, stderr: false })
    } catch (error) {
      finish(failure('registry_worker_failed', `The file reader could not start: ${error instanceof Error ? error.message : String(error)}`))
      return
    }
    worker.on('message', (reply: WorkerReply) => {
      finish(reply.ok ? reply.result : failure('registry_worker_failed', `Reading ${fileName} failed unexpectedly: ${reply.message}`))
    })
    worker.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        finish(failure('registry_out_of_memory', `Reading ${fileName} needed more memory than a registry may use, so it was stopped. Save the file as CSV, or split it, and try again.`))
      } else finish(failure('registry_worker_failed', `Reading ${fileName} failed unexpectedly: ${error.message}`))
    })
    worker.on('exit', (code) => {
      finish(failure('registry_worker_failed', `The file reader stopped (exit code ${code}) before finishing ${fileName}.`))
    })
  })
}

function failure(code: string, message: string): ReadRegistryResult {
  return { encoding: 'utf-8', amountReadings: [], rows: [], skippedBlankRows: 0, totals: totalsOf([]), notices: [], error: { code, message } }
}
