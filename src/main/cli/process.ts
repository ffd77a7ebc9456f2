// Runs in: main (plain Node; from `npm run cli` and from the app's binary started as the command).
// The `treasury` command as a whole process: picks the data folder as the app does (a packaged build
// ignores TREASURY_DATA_DIR), runs the command on this process's stdout and stderr, and resolves with
// the exit code once everything written has left the process, so exiting cannot cut the output.
import { chooseDataDir } from '../shell/dataDirChoice'
import { EXIT } from './exitCodes'
import { runCli } from './run'

export interface CliProcessOptions {
  /** The command's own arguments (after the program, or after --cli). */
  readonly argv: readonly string[]
  readonly isPackaged: boolean
  readonly env: Readonly<Record<string, string | undefined>>
  /** The app's per-user data folder. */
  readonly defaultDir: string
}

export async function runCliProcess(options: CliProcessOptions): Promise<number> {
  const dir = chooseDataDir({
    isPackaged: options.isPackaged,
    // chooseDataDir skips argv[0], the program.
    argv: ['treasury', ...options.argv],
    env: options.env,
    defaultDir: options.defaultDir
  })
  let code: number = EXIT.usage
  if (dir.ok)
    code = await runCli({
      argv: options.argv,
      dataDir: dir.dir,
      io: { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }
    })
  else process.stderr.write(`Error (cli_usage): ${dir.message}\n`)
  await Promise.all([flushed(process.stdout), flushed(process.stderr)])
  return code
}

/** Resolves once what was written before has been handed to the OS (writes complete in order). */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()))
}
