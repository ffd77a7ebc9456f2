// Runs in: main (plain Node). The Ledger: its status, its accounts, and an address confirmed on it.
import type { LedgerService } from '../ledger/ledgerService'
import type { HandlersOf } from './owners'

export function deviceHandlers(ledger: () => LedgerService): HandlersOf<'device'> {
  return {
    async getDeviceStatus() {
      const service = ledger()
      // A refresh that fails is itself a status (disconnected, locked): the status says which.
      await service.refresh().catch(() => undefined)
      return service.status
    },
    async listAccounts({ scheme, start, count }) {
      return [...(await ledger().listAccounts({ scheme, start, count }))]
    },
    async verifyAccount({ path }) {
      return { path, address: await ledger().verifyAddress(path) }
    }
  }
}
