// Runs in: the registry worker thread, started in the row checker's role (rowChecker.ts).
// Checks a payout's rows batch by batch while main stores the batches already checked, and finds
// duplicates over all of them at the end. Each answer is posted on the port main reads without its
// event loop (main waits inside its SQLite transaction), then counted in the shared signal word
// main sleeps on.
import type { MessagePort } from 'node:worker_threads'
import type { Issue } from '../../shared/api'
import { createBatchDuplicates, type BatchDuplicates } from './batchDuplicates'
import { checkRowBatch, type CheckedBatch, type RowBatch } from './rowBatch'
import type { RegistryAsset } from './types'

/** `workerData.role` of a registry worker started as the row checker. */
export const ROW_CHECKER_ROLE = 'row-checker'

export interface RowCheckerWorkerData {
  readonly role: typeof ROW_CHECKER_ROLE
  readonly port: MessagePort
  /** One Int32 word: the number of answers posted so far. */
  readonly signal: Int32Array
}

/** Main to worker: a run starts, its batches follow in order, then its end. */
export type RowCheckRequest =
  | { readonly kind: 'begin'; readonly run: number; readonly asset: RegistryAsset }
  | { readonly kind: 'batch'; readonly run: number; readonly batch: RowBatch }
  | { readonly kind: 'end'; readonly run: number }

/** Worker to main: one answer per batch, then the duplicates; or why the run cannot go on. */
export type RowCheckReply =
  | { readonly kind: 'checked'; readonly run: number; readonly batch: CheckedBatch }
  | { readonly kind: 'duplicates'; readonly run: number; readonly issues: ReadonlyArray<readonly [number, Issue]> }
  | { readonly kind: 'failed'; readonly run: number; readonly message: string }

export function isRowCheckerWorkerData(data: unknown): data is RowCheckerWorkerData {
  return typeof data === 'object' && data !== null && (data as { role?: unknown }).role === ROW_CHECKER_ROLE
}

export function serveRowChecks({ port, signal }: RowCheckerWorkerData): void {
  let current: { run: number; asset: RegistryAsset; duplicates: BatchDuplicates } | null = null
  const reply = (message: RowCheckReply): void => {
    port.postMessage(message)
    Atomics.add(signal, 0, 1)
    Atomics.notify(signal, 0)
  }
  const answer = (request: RowCheckRequest): RowCheckReply | null => {
    switch (request.kind) {
      case 'begin':
        current = { run: request.run, asset: request.asset, duplicates: createBatchDuplicates() }
        return null
      case 'batch':
        if (current?.run !== request.run) return { kind: 'failed', run: request.run, message: 'batch of no open run' }
        return {
          kind: 'checked',
          run: request.run,
          batch: checkRowBatch(request.batch, current.asset, current.duplicates)
        }
      case 'end': {
        if (current?.run !== request.run) return { kind: 'failed', run: request.run, message: 'end of no open run' }
        // Rows are numbered by position, from 1.
        const issues = current.duplicates.issues((index) => index + 1)
        current = null
        return { kind: 'duplicates', run: request.run, issues }
      }
      default: {
        const unknown: never = request
        return { kind: 'failed', run: -1, message: `unknown request ${JSON.stringify(unknown)}` }
      }
    }
  }
  port.on('message', (request: RowCheckRequest) => {
    let out: RowCheckReply | null
    try {
      out = answer(request)
    } catch (error) {
      current = null
      out = { kind: 'failed', run: request.run, message: error instanceof Error ? error.message : String(error) }
    }
    if (out !== null) reply(out)
  })
}
