// Runs in: renderer. The Ledger as the renderer knows it: the last status main reported (polled
// while the panel is on screen, and pushed as 'device.status' events) and the accounts read from
// it. The payer account chosen per network is a preference (stores/preferences.ts).
import { create } from 'zustand'
import type { AccountScheme, AccountView, DeviceStatusView } from '../../../shared/execution'
import { api, type AppError, type Result } from '../api'

export const ACCOUNTS_PER_PAGE = 5

interface DeviceState {
  readonly status: DeviceStatusView | null
  readonly statusError: AppError | null
  readonly accounts: Readonly<Record<AccountScheme, readonly AccountView[]>>
  readonly accountsError: AppError | null
  readonly loadingAccounts: boolean
  refresh(): Promise<void>
  setStatus(status: DeviceStatusView): void
  loadAccounts(scheme: AccountScheme, count?: number): Promise<void>
  verify(path: string): Promise<Result<{ readonly path: string; readonly address: string }>>
}

export const useDevice = create<DeviceState>()((set, get) => ({
  status: null,
  statusError: null,
  accounts: { ledgerLive: [], legacy: [] },
  accountsError: null,
  loadingAccounts: false,
  async refresh() {
    const result = await api.getDeviceStatus({})
    if (result.ok) set({ status: result.value, statusError: null })
    else set({ statusError: result.error })
  },
  setStatus(status) {
    set({ status, statusError: null })
  },
  async loadAccounts(scheme, count = ACCOUNTS_PER_PAGE) {
    set({ loadingAccounts: true })
    const result = await api.listAccounts({ scheme, start: 0, count })
    if (result.ok)
      set({ accounts: { ...get().accounts, [scheme]: result.value }, accountsError: null, loadingAccounts: false })
    else set({ accountsError: result.error, loadingAccounts: false })
  },
  verify(path) {
    return api.verifyAccount({ path })
  }
}))

/** All accounts read so far, for finding the address of a chosen path. */
export function knownAccounts(accounts: DeviceState['accounts']): readonly AccountView[] {
  return [...accounts.ledgerLive, ...accounts.legacy]
}
