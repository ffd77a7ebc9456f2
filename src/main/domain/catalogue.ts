// Runs in: main (pure, no I/O). The networks and assets Treasury can pay on, parsed and checked
// from resources/catalogue.json (bundled at build time, so the app needs no file access for it).
import { z } from 'zod'
import { getAddress } from 'ethers'
import type { Asset, Network } from '../../shared/api'
import catalogueJson from '../../../resources/catalogue.json'
import { unknownAsset, unknownNetwork } from '../errors'

const isChecksummed = (a: string): boolean => {
  try {
    return getAddress(a) === a
  } catch {
    return false
  }
}
const AddressText = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/)
  .refine(isChecksummed, 'must be EIP-55 checksummed')

const TokenSchema = z.object({
  symbol: z.string().min(1),
  name: z.string().min(1),
  decimals: z.number().int().min(0).max(36),
  address: AddressText,
  transferReturnsNoValue: z.boolean().optional()
})

const NetworkSchema = z.object({
  chainId: z.number().int().positive(),
  name: z.string().min(1),
  nativeSymbol: z.string().min(1),
  nativeName: z.string().min(1),
  testnet: z.boolean(),
  development: z.boolean(),
  explorerUrl: z.string().url().nullable(),
  defaultRpcUrls: z.array(z.string().url()),
  batchContract: AddressText.nullable(),
  /**
   * Where MultiSendCallOnly lives when not at its published address (a development network); its
   * code is verified against the published code hash either way.
   */
  multiSendCallOnly: AddressText.nullable().optional(),
  /** Fewest blocks (its own included) before a payment is final here; the desk may ask for more, never fewer. */
  minConfirmations: z.number().int().min(1),
  /** Blocks after confirmation during which a payment's block is compared again (reorgs); 0: never. */
  reorgWatchBlocks: z.number().int().min(0),
  tokens: z.array(TokenSchema)
})

export const CatalogueSchema = z.object({ networks: z.array(NetworkSchema).min(1) })
export type CatalogueNetwork = z.infer<typeof NetworkSchema>

/** An asset with what the planner needs beyond what the renderer sees. */
export interface CatalogueAsset extends Asset {
  readonly transferReturnsNoValue: boolean
}

export const NATIVE_DECIMALS = 18

export interface Catalogue {
  readonly networks: readonly CatalogueNetwork[]
  network(chainId: number): CatalogueNetwork | undefined
  asset(assetId: string): CatalogueAsset | undefined
  /** The asset, or the one `unknown_asset` failure. */
  requireAsset(assetId: string): CatalogueAsset
  /** The network, or the one `unknown_network` failure. */
  requireNetwork(chainId: number): CatalogueNetwork
  assets(chainId?: number): CatalogueAsset[]
  publicNetworks(): Network[]
}

function throwFailure(failure: Error): never {
  throw failure
}

/** The confirmation depth used on a network: the desk's setting, raised to the network's minimum. */
export function confirmationDepth(network: Pick<CatalogueNetwork, 'minConfirmations'>, setting: number): number {
  return Math.max(network.minConfirmations, setting)
}

export function assetIdOf(chainId: number, tokenAddress: string | null): string {
  return `${chainId}:${tokenAddress === null ? 'native' : getAddress(tokenAddress)}`
}

export function createCatalogue(raw: unknown = catalogueJson): Catalogue {
  const parsed = CatalogueSchema.parse(raw)
  const byChain = new Map(parsed.networks.map((n) => [n.chainId, n]))
  if (byChain.size !== parsed.networks.length) throw new Error('Catalogue lists a chain id twice')
  const all: CatalogueAsset[] = parsed.networks.flatMap((n) => [
    {
      id: assetIdOf(n.chainId, null),
      chainId: n.chainId,
      kind: 'native' as const,
      symbol: n.nativeSymbol,
      name: n.nativeName,
      decimals: NATIVE_DECIMALS,
      tokenAddress: null,
      transferReturnsNoValue: false
    },
    ...n.tokens.map((t) => ({
      id: assetIdOf(n.chainId, t.address),
      chainId: n.chainId,
      kind: 'erc20' as const,
      symbol: t.symbol,
      name: t.name,
      decimals: t.decimals,
      tokenAddress: t.address,
      transferReturnsNoValue: t.transferReturnsNoValue === true
    }))
  ])
  const byId = new Map(all.map((a) => [a.id, a]))
  const asset = (assetId: string): CatalogueAsset | undefined => {
    const [chain, rest] = assetId.split(':')
    if (chain === undefined || rest === undefined) return undefined
    return byId.get(rest === 'native' ? assetId : assetIdOf(Number(chain), rest.toLowerCase()))
  }
  return {
    networks: parsed.networks,
    network: (chainId) => byChain.get(chainId),
    asset,
    requireAsset: (assetId) => asset(assetId) ?? throwFailure(unknownAsset(assetId)),
    requireNetwork: (chainId) => byChain.get(chainId) ?? throwFailure(unknownNetwork(chainId)),
    assets: (chainId) => (chainId === undefined ? all : all.filter((a) => a.chainId === chainId)),
    publicNetworks: () =>
      parsed.networks.map((n) => ({
        chainId: n.chainId,
        name: n.name,
        nativeSymbol: n.nativeSymbol,
        explorerUrl: n.explorerUrl,
        testnet: n.testnet,
        development: n.development,
        minConfirmations: n.minConfirmations
      }))
  }
}
