// Runs in: main (plain Node).
// The registry worker's script runs in two kinds of thread: one reads imported files
// (inWorker.ts), the other checks a large save's rows while main stores them (rowChecker.ts).
// Both start from the same script, found the same way, and are closed together.
import { createRegistryReader, type RegistryReader } from './inWorker'
import { createRowChecker, type RowChecker } from './rowChecker'

export interface RegistryThreads {
  /** Started on the first import and kept for the next ones. */
  readonly reader: RegistryReader
  /** Started on the first large save and kept for the next ones. */
  readonly rowChecker: RowChecker
  close(): Promise<void>
}

/** `workerFile`: the registry worker's script; found beside the main bundle (or the sources) when omitted. */
export function createRegistryThreads(workerFile?: string): RegistryThreads {
  const run = workerFile === undefined ? {} : { workerFile }
  const reader = createRegistryReader(run)
  const rowChecker = createRowChecker(run)
  return {
    reader,
    rowChecker,
    async close() {
      await reader.close()
      await rowChecker.close()
    }
  }
}
