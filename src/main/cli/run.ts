// Runs in: main (plain Node; from the packaged app's --cli mode or `npm run cli`). The `treasury`
// command: opens the data folder without any background work (the app, if it runs, keeps doing
// that), runs one command, closes, and answers with an exit code. SQLite's WAL and busy timeout let
// it write beside a running app; the app notices its commits within a second.
import { userInfo } from 'node:os'
import { AppFailure } from '../../shared/errors'
import { createCatalogue } from '../domain/catalogue'
import { toErrorResult } from '../dispatch'
import { createTreasury, type Treasury } from '../treasury'
import { parseCliArgs, USAGE } from './args'
import { runCommand } from './commands'
import { EXIT, exitCodeOf } from './exitCodes'

export interface CliIo {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
}

export interface CliOptions {
  /** The command line after the program (and after --cli in the packaged app). */
  readonly argv: readonly string[]
  readonly dataDir: string
  readonly io: CliIo
  /** Where the registry worker is, when it is not found beside this code. */
  readonly registryWorkerFile?: string
}

export async function runCli(options: CliOptions): Promise<number> {
  const { io } = options
  let json = options.argv.includes('--json')
  let treasury: Treasury | null = null
  try {
    const args = parseCliArgs(options.argv)
    json = args.options.json === true
    if (args.options.help === true || args.words[0] === 'help') {
      io.stdout(`${USAGE}\n`)
      return EXIT.ok
    }
    if (args.words.length === 0) {
      io.stderr(`${USAGE}\n`)
      return EXIT.usage
    }
    const catalogue = createCatalogue()
    treasury = createTreasury({
      dataDir: options.dataDir,
      catalogue,
      background: false,
      ...(options.registryWorkerFile === undefined ? {} : { registryWorkerFile: options.registryWorkerFile })
    })
    const result = await runCommand(
      { treasury, user: userInfo().username, assetDecimals: (id) => catalogue.asset(id)?.decimals },
      args
    )
    io.stdout(json ? `${JSON.stringify(result.value, null, 2)}\n` : `${result.text}\n`)
    return result.exitCode ?? EXIT.ok
  } catch (e) {
    const result = toErrorResult(e, (x) => io.stderr(`${x instanceof Error ? (x.stack ?? x.message) : String(x)}\n`))
    const error = result.ok ? new AppFailure('internal_error', 'unreachable') : result.error
    io.stderr(json ? `${JSON.stringify({ error })}\n` : `Error (${error.code}): ${error.message}\n`)
    return exitCodeOf(error.code)
  } finally {
    await treasury?.close()
  }
}
