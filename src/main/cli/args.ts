// Runs in: main (plain Node). Reads the command line: `treasury [options] <command> [arguments]`.
// Unknown commands and options are refused with what to type instead (exit code 2).
import { parseArgs } from 'node:util'
import { AppFailure } from '../../shared/errors'

export const USAGE = `Usage: treasury [--json] [--data-dir=<folder>] <command>

Commands:
  networks                                  Networks a payout can use
  assets [--chain <id>]                     Currencies a payout can pay in
  payouts list [--status <s>] [--kind single|mass] [--search <text>] [--limit <n>] [--offset <n>]
  payouts show <id> [--rows <n>]            A payout with its rows and history
  payouts create --asset <id> --purpose <text> --to <address>=<amount> [--to ...]
                 [--recipients <file.json>] [--kind single|mass] [--amount-unit decimal|base_units]
                 [--external-id <id>] [--idempotency-key <key>]
  payouts import <file> --asset <id> [--purpose <text>] [--external-id <id>]
                 [--sheet <name>] [--decimal-separator .|,] [--idempotency-key <key>]
  payouts cancel <id> [--reason <text>]
  payouts export <id> [--format csv|xlsx] [--output <file>]
  payouts report <id> [--format csv|xlsx] [--output <file>]
  audit verify                              Check that the audit log is intact

Amounts are written with "." as the decimal point and no grouping (334.969), or in base units
with --amount-unit base_units. Drafts only: submitting, approving and signing happen in Treasury.
Exit codes: 0 done, 1 internal error, 2 usage, 3 refused, 4 not found, 5 conflict,
6 audit log broken, 7 data folder unusable.`

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'data-dir': { type: 'string' },
  chain: { type: 'string' },
  status: { type: 'string' },
  kind: { type: 'string' },
  search: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  rows: { type: 'string' },
  asset: { type: 'string' },
  purpose: { type: 'string' },
  to: { type: 'string', multiple: true },
  recipients: { type: 'string' },
  'amount-unit': { type: 'string' },
  'external-id': { type: 'string' },
  'idempotency-key': { type: 'string' },
  sheet: { type: 'string' },
  'decimal-separator': { type: 'string' },
  reason: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' }
} as const

export type CliOptions = {
  -readonly [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[K]['type'] extends 'boolean'
      ? boolean
      : string
}

export interface CliArgs {
  readonly words: readonly string[]
  readonly options: CliOptions
}

export function usageError(message: string): AppFailure {
  return new AppFailure('cli_usage', `${message}\n\n${USAGE}`)
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true
    })
    return { words: positionals, options: values as CliOptions }
  } catch (e) {
    throw usageError(e instanceof Error ? e.message : String(e))
  }
}

/** A whole number option, or undefined when it was not given. */
export function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!/^[0-9]{1,9}$/.test(value)) throw usageError(`--${name} takes a whole number, not "${value}".`)
  return Number(value)
}

export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw usageError(`--${name} is required here.`)
  return value
}
