// Runs in: main (plain Node). Paying from a Safe multisig: the Safes this desk pays from, a
// payout's Safe plan options and Safe transactions, owners' signatures on this desk's Ledger or
// from files, execution once the threshold is met, cancellation, and the Transaction Builder file.
import type { SafeAccounts } from '../services/safeAccounts'
import type { SafeExecution } from '../services/safeExecution'
import type { SafePlanning } from '../services/safePlanning'
import type { SafeSigning } from '../services/safeSigning'
import type { HandlersOf } from './owners'

export interface SafeHandlerDeps {
  readonly accounts: SafeAccounts
  readonly planning: SafePlanning
  readonly signing: SafeSigning
  readonly execution: SafeExecution
}

const bytesOf = (base64: string): Uint8Array => Buffer.from(base64, 'base64')

export function safeHandlers({ accounts, planning, signing, execution }: SafeHandlerDeps): HandlersOf<'safe'> {
  return {
    async addSafeAccount({ chainId, address }) {
      return accounts.add(chainId, address)
    },
    async listSafeAccounts() {
      return accounts.list()
    },
    async removeSafeAccount({ safeId }) {
      return accounts.remove(safeId)
    },
    async quoteSafePayout({ id, safeId }) {
      return planning.quote(id, safeId)
    },
    async planSafePayout({ id, safeId, route, replanConfirmed }) {
      return planning.plan(id, { safeId, route, replanConfirmed: replanConfirmed === true })
    },
    async getSafePayout({ id }) {
      return execution.view(id)
    },
    async exportSafeTransaction({ id, safeTxHash }) {
      return signing.exportTransaction(id, safeTxHash)
    },
    async importSafeTransaction({ fileName, contentBase64 }) {
      return signing.importTransaction(fileName, bytesOf(contentBase64))
    },
    async signSafeTransaction({ id, safeTxHash, accountPath }) {
      return signing.sign(id, safeTxHash, accountPath)
    },
    async exportSafeSignature({ id, safeTxHash, signer }) {
      return signing.exportSignature(id, safeTxHash, signer)
    },
    async importSafeSignature({ id, fileName, contentBase64 }) {
      return signing.importSignature(id, fileName, bytesOf(contentBase64))
    },
    async executeSafeTransaction({ id, safeTxHash, accountPath }) {
      return execution.execute(id, safeTxHash, accountPath)
    },
    async cancelSafeTransaction({ id, safeTxHash }) {
      return execution.cancel(id, safeTxHash)
    },
    async exportTransactionBuilder({ id, safeTxHash }) {
      return execution.transactionBuilder(id, safeTxHash)
    }
  }
}
