// Runs in: main (plain Node; called from index.ts before anything else). Whether the app was started
// as the `treasury` command rather than as a window. The installed app has no Node runtime of its
// own to run the command with (the RunAsNode fuse is off), so the app's binary runs it: the
// launchers in resources/bin start it with `--cli <command>`, and a packaged app started directly
// with a command word first (`treasury payouts list` on Linux, where the .deb names the binary so)
// runs it too.

/** Everything after this switch is the command line's own arguments. */
export const CLI_SWITCH = '--cli'

/** The first words the command line understands; any other first argument opens the window. */
export const CLI_COMMAND_WORDS = ['payouts', 'networks', 'assets', 'audit', 'help'] as const

export interface CliLaunch {
  /** The process's arguments (process.argv). */
  readonly argv: readonly string[]
  /** False when Electron runs the app from a folder (argv[1] is then that folder). */
  readonly isPackaged: boolean
}

/** The command line's arguments when the app was started as the command, or null for the window. */
export function cliArguments({ argv, isPackaged }: CliLaunch): string[] | null {
  const at = argv.indexOf(CLI_SWITCH)
  if (at >= 1) return argv.slice(at + 1)
  const first = argv[isPackaged ? 1 : 2]
  if (isPackaged && CLI_COMMAND_WORDS.some((word) => word === first)) return argv.slice(1)
  return null
}
