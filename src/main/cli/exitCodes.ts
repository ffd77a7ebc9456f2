// Runs in: main (plain Node). The command line's exit codes, so a script can tell "you called me
// wrong" from "Treasury refused this" from "it is not there" without reading the message.
import type { ErrorCode } from '../../shared/errors'

export const EXIT = {
  ok: 0,
  /** Something went wrong inside Treasury: nothing was changed; try again, report it if it repeats. */
  internal: 1,
  /** The command line itself is wrong: unknown command or option, a missing argument. */
  usage: 2,
  /** Treasury refused the input: a malformed value, an amount, a registry with errors. */
  refused: 3,
  notFound: 4,
  /** The payout is not in a state that allows this (already cancelled, no longer editable, id taken). */
  conflict: 5,
  /** `audit verify` found the audit log changed or cut. */
  auditBroken: 6,
  /** The data folder or its database cannot be used. */
  dataFolder: 7
} as const

export function exitCodeOf(code: ErrorCode): number {
  switch (code) {
    case 'cli_usage':
      return EXIT.usage
    case 'not_found':
      return EXIT.notFound
    case 'not_editable':
    case 'illegal_transition':
    case 'external_id_taken':
    case 'idempotency_key_in_use':
    case 'idempotency_key_reused':
      return EXIT.conflict
    case 'internal_error':
      return EXIT.internal
    case 'database_from_future':
    case 'data_folder_unusable':
    case 'data_folder_read_only':
    case 'data_folder_full':
    case 'data_folder_not_a_folder':
      return EXIT.dataFolder
    default:
      return EXIT.refused
  }
}
