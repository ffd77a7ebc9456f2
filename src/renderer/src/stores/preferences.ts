// Runs in: renderer. The desk's preferences as main keeps them: the payer account proposed per
// network and the mass payout grid's columns (one layout for every payout, so a desk's arrangement
// follows it to the next payout). Read once when the app starts; a change shows at once and is
// saved in main. Choices this page kept in localStorage before are moved to main on that first read.
import { create } from 'zustand'
import type { GridColumnPreference, Preferences } from '../../../shared/preferences'
import { api, type AppError } from '../api'
import { DEFAULT_ACCOUNT_PATH } from '../lib/approvals/accountPath'
import { forgetLocalPreferences, readLocalPreferences } from '../lib/preferences/localPreferences'

interface PreferencesState extends Preferences {
  /** True once main has answered (or failed to): screens wait for it, so nothing starts from a guess. */
  readonly loaded: boolean
  load(): Promise<void>
  choosePayer(chainId: number, path: string): void
  arrangeGrid(columns: readonly GridColumnPreference[]): void
}

let loading: Promise<void> | null = null

export const usePreferences = create<PreferencesState>()((set, get) => ({
  loaded: false,
  payerAccounts: {},
  gridColumns: null,
  load() {
    loading ??= (async () => {
      const result = await api.getPreferences({})
      // Unreadable preferences leave the defaults: the payer is still shown and checked before signing.
      if (result.ok) set({ ...(await withLocalPreferences(result.value)) })
      set({ loaded: true })
    })()
    return loading
  },
  // A failed save keeps the choice for this session, as nothing else depends on it being kept.
  choosePayer(chainId, path) {
    if (get().payerAccounts[String(chainId)] === path) return
    set({ payerAccounts: { ...get().payerAccounts, [String(chainId)]: path } })
    void api.setPayerAccount({ chainId, accountPath: path })
  },
  arrangeGrid(columns) {
    if (JSON.stringify(columns) === JSON.stringify(get().gridColumns)) return
    set({ gridColumns: columns })
    void api.setGridColumns({ columns: [...columns] })
  }
}))

/** The account proposed to pay on a network: the desk's choice, or the first Ledger Live account. */
export function payerPathOf(payers: Preferences['payerAccounts'], chainId: number): string {
  return payers[String(chainId)] ?? DEFAULT_ACCOUNT_PATH
}

export function usePayerPath(chainId: number): string {
  return usePreferences((s) => payerPathOf(s.payerAccounts, chainId))
}

/** Main refused the value itself (a network it no longer knows, a foreign shape): asking again cannot help. */
function refused(error: AppError): boolean {
  return error.code === 'unknown_network' || error.code === 'invalid_input'
}

/** Saves in main what this page kept locally and main does not have yet, then forgets the local copy. */
async function withLocalPreferences(saved: Preferences): Promise<Preferences> {
  let storage: Storage
  try {
    storage = window.localStorage
  } catch {
    return saved // storage disabled: nothing was kept there
  }
  const local = readLocalPreferences(storage)
  if (local.keys.length === 0) return saved
  let next = saved
  let complete = true
  for (const [chain, path] of Object.entries(local.payerAccounts)) {
    if (next.payerAccounts[chain] !== undefined) continue
    const result = await api.setPayerAccount({ chainId: Number(chain), accountPath: path })
    if (result.ok) next = result.value
    else complete &&= refused(result.error)
  }
  if (next.gridColumns === null && local.gridColumns !== null) {
    const result = await api.setGridColumns({ columns: [...local.gridColumns] })
    if (result.ok) next = result.value
    else complete &&= refused(result.error)
  }
  if (complete) forgetLocalPreferences(storage, local.keys)
  return next
}
