// Runs in: main (plain Node). Drafting payouts and their rows: one recipient checked on its own,
// create, edit, read (and read a large payout's rows a page at a time), list, cancel, and grid edits
// saved a few rows at a time.
import type { Catalogue } from '../domain/catalogue'
import type { PayoutService } from '../services/payoutService'
import { checkRecipient } from '../services/recipientCheck'
import type { HandlersOf } from './owners'

export function draftHandlers(catalogue: Catalogue, payouts: PayoutService): HandlersOf<'drafts'> {
  return {
    async checkRecipient({ assetId, recipient }) {
      return checkRecipient(catalogue, assetId, recipient)
    },
    async createPayout(input) {
      return payouts.create(input)
    },
    async updatePayout(input) {
      return payouts.update(input)
    },
    async getPayout(input) {
      return payouts.get(input)
    },
    async getPayoutRows(input) {
      return payouts.rows(input)
    },
    async listPayouts(input) {
      return payouts.list(input)
    },
    async cancelPayout(input) {
      return payouts.cancel(input)
    },
    async patchPayoutRows(input) {
      return payouts.patchRows(input)
    }
  }
}
