// Runs in: test runner (plain Node). Where Electron's binary is installed, the e2e specs launch the
// real app; where it is not (machines that cannot download it), they run the same renderer in
// Chromium through the harness, and say so.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(__filename)

/**
 * Path of the Electron binary, or null with the reason it is not usable. Reads the electron
 * package's own record (path.txt, dist/) rather than require('electron'), which would try to
 * download a missing binary.
 */
export function electronBinary(): { path: string } | { path: null; reason: string } {
  if (process.env.TREASURY_E2E_TARGET === 'browser') return { path: null, reason: 'TREASURY_E2E_TARGET=browser' }
  const dir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile))
    return {
      path: null,
      reason: 'the electron package has no binary (its download was skipped or could not reach the network)'
    }
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? { path: binary } : { path: null, reason: `the Electron binary ${binary} is missing` }
}
