// Runs in: main (plain Node). Recipient safety and the address book: per-row checks of a payout,
// look-alike warnings acknowledged row by row, and labels for known payees.
import type { AddressBook } from '../services/addressBook'
import type { HandlersOf } from './owners'

export function addressBookHandlers(book: AddressBook): HandlersOf<'addressBook'> {
  return {
    async getRecipientSafety({ id }) {
      return book.checkPayout(id)
    },
    async acknowledgeLookalike({ id, row }) {
      return book.acknowledge(id, row)
    },
    async listAddressBook() {
      return book.list()
    },
    async setAddressLabel({ address, label }) {
      return book.setLabel(address, label)
    },
    async removeAddressLabel({ address }) {
      book.removeLabel(address)
      return book.list()
    }
  }
}
