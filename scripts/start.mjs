// `npm start` / `npm run dev`: builds and starts the desktop app, fetching Electron's runtime
// first if `npm install` could not, and rebuilding native modules for Electron.
import { execFileSync } from 'node:child_process'
import { fetchElectron, HOW_TO_FIX } from './fetch-electron.mjs'

const dev = process.argv.includes('--dev')
if (!fetchElectron()) {
  console.error(`\n${HOW_TO_FIX}\n`)
  process.exit(1)
}
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' })
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
run(process.execPath, ['scripts/native.mjs', 'electron'])
run(npx, ['electron-vite', dev ? 'dev' : 'preview'])
