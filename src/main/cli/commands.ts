// Runs in: main (plain Node). What each command does, through dispatch like every other caller of
// the contract. Drafting runs as the command line's source (the computer's user), so the payout
// records where it came from. Each command returns its value (printed as JSON with --json) and the
// text a person reads.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import type { MethodName, Outputs, TreasuryApi } from '../../shared/api'
import { AMOUNT_UNITS, canonicalRecipients, type AmountUnit } from '../automation/amounts'
import { callContract } from '../automation/contract'
import type { AutomatedSource } from '../automation/origin'
import { draftFromRegistry } from '../automation/registryDraft'
import type { Treasury } from '../treasury'
import { intOption, requireOption, usageError, type CliArgs } from './args'
import * as show from './format'

export interface CommandResult {
  readonly value: unknown
  readonly text: string
  /** Set when the command ran but its answer is a failure (a broken audit log). */
  readonly exitCode?: number
}

export interface CommandContext {
  readonly treasury: Treasury
  /** The computer's user, named as the source of what the command line drafts. */
  readonly user: string
  /** Decimals of an asset id, for canonical amounts. */
  readonly assetDecimals: (assetId: string) => number | undefined
}

const call = <M extends MethodName>(api: TreasuryApi, method: M, input: unknown): Promise<Outputs[M]> =>
  callContract(api, method, input, () => undefined)

export async function runCommand(ctx: CommandContext, args: CliArgs): Promise<CommandResult> {
  const [group, action, ...rest] = args.words
  const o = args.options
  const app = ctx.treasury
  switch (group) {
    case 'networks': {
      const networks = await call(app, 'listNetworks', {})
      return { value: networks, text: show.networks(networks) }
    }
    case 'assets': {
      const chainId = intOption(o.chain, 'chain')
      const assets = await call(app, 'listAssets', chainId === undefined ? {} : { chainId })
      return { value: assets, text: show.assets(assets) }
    }
    case 'audit': {
      if (action !== 'verify') throw usageError('Did you mean "treasury audit verify"?')
      const result = await call(app, 'verifyAuditLog', {})
      return { value: result, text: show.audit(result), ...(result.ok ? {} : { exitCode: 6 }) }
    }
    case 'payouts':
      return payouts(ctx, action, rest, args)
    default:
      throw usageError(group === undefined ? 'Name a command.' : `"${group}" is not a command.`)
  }
}

async function payouts(
  ctx: CommandContext,
  action: string | undefined,
  rest: readonly string[],
  args: CliArgs
): Promise<CommandResult> {
  const o = args.options
  const app = ctx.treasury
  const id = (): string =>
    rest[0] ??
    (() => {
      throw usageError(`treasury payouts ${action} needs a payout id.`)
    })()
  const source = (externalId: string | undefined, requestHash: string): AutomatedSource => ({
    kind: 'cli',
    name: ctx.user,
    externalId: externalId ?? null,
    ...(o['idempotency-key'] === undefined
      ? {}
      : { idempotency: { caller: 'cli', key: o['idempotency-key'], requestHash } })
  })
  switch (action) {
    case 'list': {
      const page = await call(app, 'listPayouts', {
        ...(o.status === undefined ? {} : { status: o.status }),
        ...(o.kind === undefined ? {} : { kind: o.kind }),
        ...(o.search === undefined ? {} : { text: o.search }),
        limit: intOption(o.limit, 'limit') ?? 50,
        offset: intOption(o.offset, 'offset') ?? 0
      })
      return { value: page, text: show.payoutList(page) }
    }
    case 'show': {
      const rows = intOption(o.rows, 'rows')
      const payout = await call(app, 'getPayout', { id: id(), ...(rows === undefined ? {} : { limit: rows }) })
      return { value: payout, text: show.payout(payout) }
    }
    case 'create': {
      const assetId = requireOption(o.asset, 'asset')
      const unit = amountUnit(o['amount-unit'])
      const recipients = [
        ...(o.recipients === undefined ? [] : recipientFile(o.recipients)),
        ...(o.to ?? []).map(recipientOf)
      ]
      if (recipients.length === 0)
        throw usageError('Name at least one recipient with --to <address>=<amount> or --recipients <file.json>.')
      const decimals = ctx.assetDecimals(assetId)
      const input = {
        kind: o.kind ?? (recipients.length === 1 ? 'single' : 'mass'),
        assetId,
        description: requireOption(o.purpose, 'purpose'),
        recipients: decimals === undefined ? recipients : canonicalRecipients(recipients, decimals, unit)
      }
      const hash = createHash('sha256').update(JSON.stringify(input)).digest('hex')
      const payout = await call(app.asSource(source(o['external-id'], hash)), 'createPayout', input)
      return { value: payout, text: show.payout(payout) }
    }
    case 'import': {
      const file =
        rest[0] ??
        (() => {
          throw usageError('treasury payouts import needs a registry file.')
        })()
      const content = readFileSync(file)
      // What the import asks for: the file and the options that shape the draft, not how it is printed.
      const asked = [o.asset, o.purpose, o['external-id'], o.sheet, o['decimal-separator']]
      const hash = createHash('sha256').update(content).update(JSON.stringify(asked)).digest('hex')
      const api = app.asSource(source(o['external-id'], hash))
      const separator = o['decimal-separator']
      if (separator !== undefined && separator !== '.' && separator !== ',')
        throw usageError('--decimal-separator is "." or ",".')
      const payout = await draftFromRegistry(
        {
          preview: (input) => call(app, 'previewRegistry', input),
          readRows: (input) => call(app, 'readImportRows', input),
          create: (input) => call(api, 'createPayout', input)
        },
        {
          fileName: basename(file),
          content,
          assetId: requireOption(o.asset, 'asset'),
          description: o.purpose ?? null,
          externalId: o['external-id'] ?? null,
          options: {
            ...(o.sheet === undefined ? {} : { sheet: o.sheet }),
            ...(separator === undefined ? {} : { decimalSeparator: separator })
          }
        }
      )
      return { value: payout, text: show.payout(payout) }
    }
    case 'cancel': {
      const payout = await call(app.asSource(source(undefined, '')), 'cancelPayout', {
        id: id(),
        ...(o.reason === undefined ? {} : { reason: o.reason })
      })
      return { value: payout, text: show.payout(payout) }
    }
    case 'export':
    case 'report': {
      const format = o.format ?? 'csv'
      const method = action === 'export' ? 'exportPayout' : 'exportPayoutReport'
      const file = await call(app, method, { id: id(), format })
      const bytes = Buffer.from(file.contentBase64, 'base64')
      if (o.output !== undefined) {
        writeFileSync(o.output, bytes)
        return {
          value: { fileName: file.fileName, path: o.output, bytes: bytes.length },
          text: `Wrote ${o.output} (${bytes.length} bytes).`
        }
      }
      if (format !== 'csv') throw usageError('An XLSX file needs --output <file>: it is not text.')
      return { value: { fileName: file.fileName, content: bytes.toString('utf8') }, text: bytes.toString('utf8') }
    }
    default:
      throw usageError(action === undefined ? 'Name what to do with payouts.' : `"payouts ${action}" is not a command.`)
  }
}

function amountUnit(text: string | undefined): AmountUnit {
  if (text === undefined) return 'decimal'
  const unit = AMOUNT_UNITS.find((u) => u === text)
  if (unit === undefined) throw usageError('--amount-unit is "decimal" or "base_units".')
  return unit
}

/** A JSON list of recipients as the contract takes them ({ address, amount, name?, reference?, note? }). */
function recipientFile(path: string): unknown[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (e) {
    throw usageError(`--recipients ${path} could not be read as JSON: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (!Array.isArray(parsed)) throw usageError(`--recipients ${path} must hold a JSON list of recipients.`)
  return parsed
}

/** "--to 0xabc…=12.5" */
function recipientOf(text: string): { address: string; amount: string } {
  const at = text.indexOf('=')
  if (at <= 0 || at === text.length - 1) throw usageError(`--to takes <address>=<amount>, not "${text}".`)
  return { address: text.slice(0, at), amount: text.slice(at + 1) }
}
