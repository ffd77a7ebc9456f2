// Runs in: a worker thread started by inWorker.ts (plain Node, no Electron).
// Reads untrusted registry files away from the main thread: if a file exhausts this thread's memory
// or time, only this thread dies and the app reports it. The thread stays up between files (main
// keeps one warm), reading one job at a time. Bundled as its own entry (registryWorker.js beside
// the main bundle); from sources it is loaded through workerBootstrap.mjs.
import { parentPort } from 'node:worker_threads'
import { transferablesOf } from './packedRows'
import { readRegistryPacked } from './read'
import type { PackedReadResult } from './readResult'
import { type ReadRegistryOptions, type RegistryAsset } from './types'

export interface WorkerJob {
  readonly id: number
  readonly bytes: Uint8Array
  readonly fileName: string
  readonly asset: RegistryAsset
  readonly options: ReadRegistryOptions
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: PackedReadResult }
  | { readonly id: number; readonly ok: false; readonly message: string }

function isJob(value: unknown): value is WorkerJob {
  if (typeof value !== 'object' || value === null) return false
  const job = value as Record<string, unknown>
  return typeof job.id === 'number' && job.bytes instanceof Uint8Array && typeof job.fileName === 'string' && typeof job.asset === 'object' && job.asset !== null && typeof job.options === 'object'
}

function handle(message: unknown): void {
  const id = typeof message === 'object' && message !== null && typeof (message as { id?: unknown }).id === 'number' ? (message as { id: number }).id : -1
  if (!isJob(message)) {
    parentPort?.postMessage({ id, ok: false, message: 'The registry reader was given no file.' } satisfies WorkerReply)
    return
  }
  let reply: WorkerReply
  let transfer: ArrayBuffer[] = []
  try {
    const result = readRegistryPacked(message.bytes, message.fileName, message.asset, message.options)
    transfer = transferablesOf(result.packed)
    reply = { id, ok: true, result }
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) }
  }
  parentPort?.postMessage(reply, transfer)
}

parentPort?.on('message', handle)
