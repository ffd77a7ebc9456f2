// Runs in: plain Node through tsx (`npm run cli -- <command>`): the `treasury` command from the
// sources, on the same data folder `npm start` uses unless --data-dir or TREASURY_DATA_DIR says
// otherwise.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { chooseDataDir } from '../shell/dataDirChoice'
import { runCli } from './run'
import { EXIT } from './exitCodes'

/** Electron's userData folder for an app named Treasury, as `npm start` uses it. */
function defaultDataDir(): string {
  const env = process.env
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Treasury')
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Treasury')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Treasury')
}

async function main(): Promise<number> {
  const dir = chooseDataDir({
    isPackaged: false,
    argv: process.argv.slice(1),
    env: process.env,
    defaultDir: defaultDataDir()
  })
  if (!dir.ok) {
    process.stderr.write(`Error (cli_usage): ${dir.message}\n`)
    return EXIT.usage
  }
  return runCli({
    argv: process.argv.slice(2),
    dataDir: dir.dir,
    io: { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }
  })
}

void main().then((code) => {
  process.exitCode = code
})
