// Runs in: tests (plain Node). Loads modules from inside an extracted package in a separate Node
// process, as the packed app's own require() would at start, and reports what failed to load and
// every file that loading read. A module that loads in development but not from the package names
// a dependency electron-builder left out; a file read from outside the package names one the
// package only reaches through a path that exists on this machine alone.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

export interface LoadRequest {
  /** The packed file that requires the module, relative to the package root. */
  readonly from: string
  readonly specifier: string
}

export interface LoadReport {
  readonly failures: ReadonlyArray<LoadRequest & { readonly message: string }>
  /** Every file Node's module cache holds after the loads: JavaScript, JSON and compiled modules. */
  readonly loadedFiles: readonly string[]
}

const LOAD_TIMEOUT_MS = 60_000
const REPORT_BUFFER_BYTES = 16 * 1024 * 1024

/** Runs in the child: argv holds the package root and the requests as JSON. */
const LOADER = `
const { createRequire } = require('node:module')
const { join } = require('node:path')
const [root, requests] = process.argv.slice(1)
const failures = []
for (const { from, specifier } of JSON.parse(requests)) {
  try {
    createRequire(join(root, from))(specifier)
  } catch (error) {
    failures.push({ from, specifier, message: String(error && error.message).split('\\n')[0] })
  }
}
const report = JSON.stringify({ failures, loadedFiles: Object.keys(require.cache) })
process.stdout.write(report, () => process.exit(0))
`

/**
 * Loads each request from `root` (a real path). Module search paths from the environment are
 * dropped so only the package's own node_modules (and the folders above it) are searched.
 */
export async function loadInPackage(root: string, requests: readonly LoadRequest[]): Promise<LoadReport> {
  const env = { ...process.env }
  delete env.NODE_PATH
  delete env.NODE_OPTIONS
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', LOADER, root, JSON.stringify(requests)], {
    cwd: root,
    env,
    timeout: LOAD_TIMEOUT_MS,
    maxBuffer: REPORT_BUFFER_BYTES
  })
  return JSON.parse(stdout) as LoadReport
}
