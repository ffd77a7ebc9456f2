// Runs in: main (plain Node). Files another program reads while Treasury writes them (status files,
// errors files): written beside their final name under a hidden temporary name, flushed to disk,
// then renamed over it, so a reader sees the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** Writes `chunks` to `file` atomically. Temporary names start with "." so folder watchers skip them. */
export function writeFileAtomic(file: string, chunks: Iterable<string | Uint8Array>): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`)
  const fd = openSync(temp, 'w', 0o644)
  try {
    for (const chunk of chunks) writeSync(fd, typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk)
    fsyncSync(fd)
  } catch (e) {
    closeSync(fd)
    rmSync(temp, { force: true })
    throw e
  }
  closeSync(fd)
  try {
    renameSync(temp, file)
  } catch (e) {
    rmSync(temp, { force: true })
    throw e
  }
}
