// Runs in: a worker thread started by inWorker.ts (plain Node, no Electron).
// Reads untrusted registry files away from the main thread: if a file exhausts this thread's memory
// or time, only this thread dies and the app reports it. The thread stays up between files (main
// keeps one warm), reading one job at a time. Bundled as its own entry (registryWorker.js beside
// the main bundle); from sources it is loaded through workerBootstrap.mjs. Started with the row
// checker's workerData, the same script checks a payout's rows for a save instead (rowCheckerWorker.ts).
import { parentPort, workerData } from 'node:worker_threads'
import { transferablesOf, type PackedChunk } from './packedRows'
import { readRegistryPacked } from './read'
import { isRowCheckerWorkerData, serveRowChecks } from './rowCheckerWorker'
import type { PackedReadResult } from './readResult'
import { type ReadRegistryOptions, type RegistryAsset } from './types'

export interface WorkerJob {
  readonly id: number
  /** Emptied by the reader once decoded (see FileBytes in read.ts). */
  bytes: Uint8Array
  readonly fileName: string
  readonly asset: RegistryAsset
  readonly options: ReadRegistryOptions
}

export type WorkerReply =
  /** One batch of packed rows, sent while the file is still being read; the result comes last. */
  | { readonly id: number; readonly chunk: PackedChunk }
  | {
      readonly id: number
      readonly ok: true
      readonly result: PackedReadResult
      /** Chunks sent before it, in order. */ readonly chunks: number
    }
  | { readonly id: number; readonly ok: false; readonly message: string }

function isJob(value: unknown): value is WorkerJob {
  if (typeof value !== 'object' || value === null) return false
  const job = value as Record<string, unknown>
  return (
    typeof job.id === 'number' &&
    job.bytes instanceof Uint8Array &&
    typeof job.fileName === 'string' &&
    typeof job.asset === 'object' &&
    job.asset !== null &&
    typeof job.options === 'object'
  )
}

function handle(message: unknown): void {
  const id =
    typeof message === 'object' && message !== null && typeof (message as { id?: unknown }).id === 'number'
      ? (message as { id: number }).id
      : -1
  if (!isJob(message)) {
    parentPort?.postMessage({ id, ok: false, message: 'The registry reader was given no file.' } satisfies WorkerReply)
    return
  }
  let reply: WorkerReply
  let transfer: ArrayBuffer[] = []
  try {
    let chunks = 0
    // Each batch leaves as soon as it is packed, so the worker never holds every row's text at once.
    const sink = (chunk: PackedChunk): void => {
      chunks++
      parentPort?.postMessage({ id, chunk } satisfies WorkerReply)
    }
    const result = readRegistryPacked(message, message.fileName, message.asset, message.options, { sink })
    transfer = transferablesOf(result.packed)
    reply = { id, ok: true, result, chunks }
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) }
  }
  parentPort?.postMessage(reply, transfer)
}

if (isRowCheckerWorkerData(workerData)) serveRowChecks(workerData)
else parentPort?.on('message', handle)
