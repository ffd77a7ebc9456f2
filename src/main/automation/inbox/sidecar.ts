// Runs in: main (plain Node). The small JSON file beside a registry in the inbox ("payroll.json"
// beside "payroll.csv") that says what the registry cannot: the network and currency to pay in,
// the payout's purpose and the id the other system gives it. Network and currency are matched
// against the catalogue the app shows (names and symbols, case-insensitive, or ids).
import { z } from 'zod'
import type { Asset, Network } from '../../../shared/api'
import { ExternalIdSchema } from '../../../shared/api'
import { AppFailure } from '../../../shared/errors'

export const SidecarSchema = z.strictObject({
  network: z.union([z.string().min(1).max(100), z.number().int().positive()]).optional(),
  currency: z.string().min(1).max(100),
  purpose: z.string().max(1000).optional(),
  externalId: ExternalIdSchema.optional(),
  decimalSeparator: z.enum(['.', ',']).optional(),
  sheet: z.string().max(255).optional()
})
export type Sidecar = z.infer<typeof SidecarSchema>

export function parseSidecar(fileName: string, bytes: Buffer): Sidecar {
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new AppFailure('inbox_sidecar_invalid', `${fileName} is not valid JSON.`)
  }
  const parsed = SidecarSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const at = issue.path.length === 0 ? '' : `${issue.path.join('.')}: `
    throw new AppFailure(
      'inbox_sidecar_invalid',
      `${fileName} is not a valid sidecar (${at}${issue.message}). It takes network, currency, purpose, externalId, decimalSeparator and sheet.`
    )
  }
  return parsed.data
}

/** The asset the sidecar names: an asset id, or a currency symbol on the named network. */
export function sidecarAsset(sidecar: Sidecar, networks: readonly Network[], assets: readonly Asset[]): Asset {
  const byId = assets.find((a) => a.id.toLowerCase() === sidecar.currency.toLowerCase())
  if (byId !== undefined) return byId
  const wanted = sidecar.network
  const network = networks.find((n) =>
    typeof wanted === 'number'
      ? n.chainId === wanted
      : n.name.toLowerCase() === wanted?.toLowerCase() || String(n.chainId) === wanted
  )
  if (network === undefined)
    throw new AppFailure(
      'inbox_currency_unknown',
      wanted === undefined
        ? `The sidecar names currency ${sidecar.currency} without a network. Add "network" (e.g. "Ethereum" or 1).`
        : `The sidecar names network ${wanted}, which Treasury does not know. Use one of: ${networks.map((n) => n.name).join(', ')}.`
    )
  const symbol = sidecar.currency.toLowerCase()
  const asset = assets.find((a) => a.chainId === network.chainId && a.symbol.toLowerCase() === symbol)
  if (asset === undefined)
    throw new AppFailure(
      'inbox_currency_unknown',
      `${network.name} has no currency ${sidecar.currency} in Treasury. Use one of: ${assets
        .filter((a) => a.chainId === network.chainId)
        .map((a) => a.symbol)
        .join(', ')}.`
    )
  return asset
}
