// Runs in: renderer. Networks and their currencies, loaded once from main and cached: the
// catalogue ships with the app and does not change while it runs.
import { create } from 'zustand'
import type { Asset, Network } from '../../../shared/api'
import { api, type AppError } from '../api'

interface CatalogueState {
  readonly networks: readonly Network[] | null
  readonly assetsByChain: Readonly<Record<number, readonly Asset[]>>
  /** Every currency of every network (for rules and files that name any of them); null until loaded. */
  readonly allAssets: readonly Asset[] | null
  readonly error: AppError | null
  loadNetworks(): Promise<void>
  loadAssets(chainId: number): Promise<void>
  loadAllAssets(): Promise<void>
}

export const useCatalogue = create<CatalogueState>()((set, get) => ({
  networks: null,
  assetsByChain: {},
  allAssets: null,
  error: null,
  async loadNetworks() {
    if (get().networks !== null) return
    const result = await api.listNetworks({})
    if (result.ok) set({ networks: result.value, error: null })
    else set({ error: result.error })
  },
  async loadAssets(chainId) {
    if (get().assetsByChain[chainId] !== undefined) return
    const result = await api.listAssets({ chainId })
    if (result.ok) set({ assetsByChain: { ...get().assetsByChain, [chainId]: result.value }, error: null })
    else set({ error: result.error })
  },
  async loadAllAssets() {
    if (get().allAssets !== null) return
    const result = await api.listAssets({})
    if (result.ok) set({ allAssets: result.value, error: null })
    else set({ error: result.error })
  }
}))

/** "USDC on Ethereum", or the id itself for a currency this desk does not know. */
export function currencyName(
  assetId: string,
  assets: readonly Asset[] | null,
  networks: readonly Network[] | null
): string {
  const asset = assets?.find((a) => a.id === assetId)
  if (asset === undefined) return assetId
  const network = networks?.find((n) => n.chainId === asset.chainId)
  return `${asset.symbol} on ${network?.name ?? `chain ${asset.chainId}`}`
}
