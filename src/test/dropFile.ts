// Runs in: tests (plain Node). Another program writing into a watched folder: a child process that
// writes a file in chunks with pauses between them, then optionally its ".ready" marker, the way a
// backend or a sync client fills a shared folder. Each piece is visible to the watcher's stat as
// soon as it is written; it is not synced to the disk, since a sync on a disk the test suite's
// databases keep busy can stall the writer longer than the settling time the test counts on.
import { spawn } from 'node:child_process'

const WRITER = `
const fs = require('fs')
const [file, b64, chunks, pauseMs, marker] = process.argv.slice(1)
const data = Buffer.from(b64, 'base64')
const n = Number(chunks)
const fd = fs.openSync(file, 'w')
let i = 0
const step = () => {
  fs.writeSync(fd, data.subarray(Math.floor((data.length * i) / n), Math.floor((data.length * (i + 1)) / n)))
  i++
  if (i < n) return setTimeout(step, Number(pauseMs))
  fs.closeSync(fd)
  if (marker === '1') fs.writeFileSync(file + '.ready', '')
}
step()
`

export interface DropOptions {
  /** Pieces the file is written in (1: at once). */
  readonly chunks?: number
  /** Pause between pieces, in ms. */
  readonly pauseMs?: number
  /** Writes "<file>.ready" once the file is complete. */
  readonly marker?: boolean
}

/** Resolves when the writing process has exited. */
export function dropFile(file: string, content: string | Buffer, options: DropOptions = {}): Promise<void> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content
  const child = spawn(
    process.execPath,
    [
      '-e',
      WRITER,
      file,
      bytes.toString('base64'),
      String(options.chunks ?? 1),
      String(options.pauseMs ?? 0),
      options.marker === true ? '1' : '0'
    ],
    { stdio: 'ignore' }
  )
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the writer exited with ${code}`))))
  })
}
