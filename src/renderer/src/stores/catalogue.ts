// Runs in: renderer. Networks and their currencies, loaded once from main and cached: the
// catalogue ships with the app and does not change while it runs.
import { create } from 'zustand'
import type { Asset, Network } from '../../../shared/api'
import { api, type AppError } from '../api'

interface CatalogueState {
  readonly networks: readonly Network[] | null
  readonly assetsByChain: Readonly<Record<number, readonly Asset[]>>
  readonly error: AppError | null
  loadNetworks(): Promise<void>
  loadAssets(chainId: number): Promise<void>
}

export const useCatalogue = create<CatalogueState>()((set, get) => ({
  networks: null,
  assetsByChain: {},
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
  }
}))
