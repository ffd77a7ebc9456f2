// Runs in: a worker thread started by inWorker.ts (plain Node, no Electron).
// Reads one untrusted registry file away from the main thread: if the file exhausts this thread's
// memory or time, only this thread dies and the app reports it. Bundled as its own entry
// (registryWorker.js beside the main bundle); from sources it is loaded through workerBootstrap.mjs.
import { parentPort, workerData } from 'node:worker_threads'
import { readRegistry } from './read'
import { type ReadRegistryOptions, type RegistryAsset } from './types'

export interface WorkerJob {
  readonly bytes: Uint8Array
  readonly fileName: string
  readonly asset: RegistryAsset
  readonly options: ReadRegistryOptions
}

export type WorkerReply =
  | { readonly ok: true; readonly result: ReturnType<typeof readRegistry> }
  | { readonly ok: false; readonly message: string }

function isJob(value: unknown): value is WorkerJob {
  if (typeof value !== 'object' || value === null) return false
  const job = value as Record<string, unknown>
  return job.bytes instanceof Uint8Array && typeof job.fileName === 'string' && typeof job.asset === 'object' && job.asset !== null && typeof job.options === 'object'
}

function run(): void {
  if (parentPort === null) return
  let reply: WorkerReply
  try {
    if (!isJob(workerData)) reply = { ok: false, message: 'The registry reader was started without a file.' }
    else reply = { ok: true, result: readRegistry(workerData.bytes, workerData.fileName, workerData.asset, workerData.options) }
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) }
  }
  parentPort.postMessage(reply)
}

run()
