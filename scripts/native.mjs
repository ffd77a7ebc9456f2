// Native modules (better-sqlite3, keytar, node-hid) are built for one runtime at a time: Node's
// ABI for tests and scripts, Electron's for the app. This switches automatically and remembers
// which build is in place, so `npm test` after `npm start` (and the reverse) just works.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const target = process.argv[2]
const MARKER = '.native-target'
const NATIVE = ['better-sqlite3', 'keytar']

if (target !== 'node' && target !== 'electron') {
  console.error('usage: node scripts/native.mjs node|electron')
  process.exit(2)
}
const current = existsSync(MARKER) ? readFileSync(MARKER, 'utf8').trim() : 'node'
if (current === target) process.exit(0)

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
if (target === 'electron') {
  console.log('Rebuilding native modules for Electron…')
  execFileSync(npx, ['electron-builder', 'install-app-deps'], { stdio: 'inherit' })
} else {
  console.log('Rebuilding native modules for Node…')
  execFileSync('npm', ['rebuild', ...NATIVE], { stdio: 'inherit' })
  for (const name of NATIVE) require(name)
}
writeFileSync(MARKER, `${target}\n`)
