// Runs in: plain Node through tsx (`npm run cli -- <command>`): the `treasury` command from the
// sources, on the same data folder `npm start` uses unless --data-dir or TREASURY_DATA_DIR says
// otherwise.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { runCliProcess } from './process'

/** Electron's userData folder for an app named Treasury, as `npm start` uses it. */
function defaultDataDir(): string {
  const env = process.env
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Treasury')
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Treasury')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Treasury')
}

void runCliProcess({
  argv: process.argv.slice(2),
  isPackaged: false,
  env: process.env,
  defaultDir: defaultDataDir()
}).then((code) => {
  process.exitCode = code
})
