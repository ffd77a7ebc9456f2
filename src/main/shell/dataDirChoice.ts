// Runs in: main (plain Node; called from index.ts). Which folder holds the app's data. A packaged
// build uses the OS's per-user app folder and ignores TREASURY_DATA_DIR: an environment variable is
// set silently (by a launcher, a login script, another program) and would point the app at another
// database, with other payouts and another approval policy, without the user seeing it. Another
// folder is chosen only by an explicit flag on the command line, which the user sees in the
// shortcut or command that starts the app. Unpackaged (development, tests, the demo) the variable
// still works. See docs/packaging.md.
import { isAbsolute } from 'node:path'

export const DATA_DIR_FLAG = '--data-dir'
export const DATA_DIR_ENV = 'TREASURY_DATA_DIR'

export interface DataDirInputs {
  readonly isPackaged: boolean
  /** The process's arguments (process.argv). */
  readonly argv: readonly string[]
  readonly env: Readonly<Record<string, string | undefined>>
  /** The OS's per-user app folder (app.getPath('userData')). */
  readonly defaultDir: string
}

export type DataDirChoice =
  | { readonly ok: true; readonly dir: string; readonly source: 'flag' | 'env' | 'default' }
  | { readonly ok: false; readonly message: string }

export function chooseDataDir(inputs: DataDirInputs): DataDirChoice {
  const prefix = `${DATA_DIR_FLAG}=`
  // argv[0] is the executable; later arguments win, as on most command lines.
  const flags = inputs.argv.slice(1).filter((a) => a === DATA_DIR_FLAG || a.startsWith(prefix))
  const flag = flags[flags.length - 1]
  if (flag !== undefined) {
    const dir = flag.slice(prefix.length)
    if (flag === DATA_DIR_FLAG || dir.trim() === '')
      return { ok: false, message: `${DATA_DIR_FLAG} needs a folder: write it as ${DATA_DIR_FLAG}=/path/to/folder.` }
    if (!isAbsolute(dir))
      return {
        ok: false,
        message: `${DATA_DIR_FLAG}=${dir} is not a full path. Give the folder's full path (for example ${DATA_DIR_FLAG}=/home/me/treasury-data).`
      }
    return { ok: true, dir, source: 'flag' }
  }
  const fromEnv = inputs.env[DATA_DIR_ENV]
  if (!inputs.isPackaged && fromEnv !== undefined && fromEnv !== '') return { ok: true, dir: fromEnv, source: 'env' }
  return { ok: true, dir: inputs.defaultDir, source: 'default' }
}
