// `npm start` / `npm run dev`: builds and starts the desktop app, fetching Electron's runtime
// first if `npm install` could not, and rebuilding native modules for Electron. What stops it (an
// old Node, no Electron runtime, a failed step) is said in a sentence, not a stack trace.
import { spawnSync } from 'node:child_process'
import { fetchElectron, HOW_TO_FIX } from './fetch-electron.mjs'
import { appNodeProblem } from './nodeVersion.mjs'

const dev = process.argv.includes('--dev')
const tooOld = appNodeProblem(process.version)
if (tooOld !== null) {
  console.error(tooOld)
  process.exit(1)
}
if (!fetchElectron()) {
  console.error(`\n${HOW_TO_FIX}\n`)
  process.exit(1)
}
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  if (r.status !== 0) {
    console.error(`\n${what} did not finish (${r.error?.message ?? `exit code ${r.status}`}); see the lines above.`)
    process.exit(r.status ?? 1)
  }
}
run(process.execPath, ['scripts/native.mjs', 'electron'], 'Rebuilding the native modules for Electron')
run(npx, ['electron-vite', dev ? 'dev' : 'preview'], 'Starting the app')
