// Fetches Electron's runtime binary. Run by `npm install` (postinstall) and again by `npm start`
// when missing. The electron package's own download script is switched off in package.json so that
// an install never fails on a machine that cannot reach Electron's download host; this one tries,
// and where it cannot, it explains and lets the install finish (tests and the browser harness do
// not need the binary).
import { existsSync, readFileSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)

// Looks for the binary the way the electron package records it (path.txt + dist/) without
// require('electron'), which would itself start a download when the binary is missing.
export function electronPresent() {
  const dir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(dir, 'path.txt')
  return existsSync(pathFile) && existsSync(join(dir, 'dist', readFileSync(pathFile, 'utf8').trim()))
}

/** Returns true when the binary is present afterwards. */
export function fetchElectron({ quiet = false } = {}) {
  if (electronPresent()) return true
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js')
  if (!quiet) console.log('Fetching the Electron runtime…')
  // The installer's own output on failure is a stack trace; the caller explains instead.
  const r = spawnSync(process.execPath, [installer], {
    stdio: 'ignore',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
    timeout: 5 * 60_000
  })
  return r.status === 0 && electronPresent()
}

export const HOW_TO_FIX = `The Electron runtime Treasury's desktop app runs on is not installed, and downloading it failed.
  - Check this computer's internet access (or proxy settings: HTTPS_PROXY), then run \`npm start\` again.
  - Behind a firewall, point ELECTRON_MIRROR at a reachable mirror of Electron's releases.
  - Without that access, try Treasury in a browser tab with \`npm run demo\` (a local test chain and an emulated Ledger);
    the tests run too (\`npm test\`).`

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    console.log('Electron runtime download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD is set).')
  } else if (!fetchElectron({ quiet: true })) {
    console.log(`\n${HOW_TO_FIX}\nThe install itself succeeded.\n`)
  }
}
