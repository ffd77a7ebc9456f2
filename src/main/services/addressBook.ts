// Runs in: main (plain Node). Recipient safety: labels for known payees, a flag on the first
// payment to an address, and look-alike (address poisoning) warnings that block a payout until
// someone acknowledges each flagged row. Known payees are the address book and every address the
// app has already paid.
import { getAddress } from 'ethers'
import type { Settings } from '../../shared/api'
import { AppFailure } from '../../shared/errors'
import { notFound } from '../errors'
import { createLookalikeIndex, type KnownPayee } from '../approvals/poisoning'
import * as bookRepo from '../store/addressBookRepo'
import { appendAudit } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { getItems, getPayoutRow } from '../store/payoutRepo'

export const MAX_LABEL_LENGTH = 100

export interface AddressBookDeps {
  readonly db: OpenedDatabase
  readonly settings: () => Settings
  readonly now: () => Date
}

export interface LookalikeWarning {
  /** The known payee this address imitates. */
  readonly address: string
  readonly label: string | null
  readonly source: KnownPayee['source']
}

export interface RecipientSafety {
  readonly row: number
  readonly address: string
  readonly label: string | null
  /** Never paid by this app before: worth a second look at where the address came from. */
  readonly firstPayment: boolean
  /** Non-empty: a blocking warning until acknowledged for this row. */
  readonly lookalikes: readonly LookalikeWarning[]
  readonly acknowledged: boolean
}

export function createAddressBook(deps: AddressBookDeps) {
  const { db } = deps
  const stamp = (): string => deps.now().toISOString()
  const operator = (): string => deps.settings().operatorName

  function knownIndex() {
    const book = bookRepo
      .listLabels(db.write)
      .map((l): KnownPayee => ({ address: l.address, label: l.label, source: 'address_book' }))
    const paid = bookRepo
      .paidAddresses(db.write)
      .map((address): KnownPayee => ({ address, label: null, source: 'paid_before' }))
    const paidSet = new Set(paid.map((p) => p.address.toLowerCase()))
    return {
      index: createLookalikeIndex([...book, ...paid]),
      paidSet,
      labels: new Map(book.map((b) => [b.address.toLowerCase(), b.label]))
    }
  }

  function checkRows(payoutId: string): RecipientSafety[] {
    if (getPayoutRow(db.write, payoutId) === undefined) throw notFound('Payout', payoutId)
    const { index, paidSet, labels } = knownIndex()
    const acks = bookRepo.acknowledgementsFor(db.write, payoutId)
    const out: RecipientSafety[] = []
    for (const it of getItems(db.write, payoutId)) {
      if (it.address === null) continue
      const lookalikes = index.lookalikes(it.address).map(({ address, label, source }) => ({ address, label, source }))
      out.push({
        row: it.row,
        address: it.address,
        label: labels.get(it.address.toLowerCase()) ?? null,
        firstPayment: !paidSet.has(it.address.toLowerCase()),
        lookalikes,
        acknowledged: lookalikes.length > 0 && acks.has(`${it.row}:${it.address}`)
      })
    }
    return out
  }

  return {
    list(): bookRepo.AddressLabel[] {
      return bookRepo.listLabels(db.write)
    },

    setLabel(address: string, label: string): bookRepo.AddressLabel {
      const a = checkedAddress(address)
      const text = label.trim()
      if (text === '' || text.length > MAX_LABEL_LENGTH)
        throw new AppFailure('label_invalid', `A label is 1 to ${MAX_LABEL_LENGTH} characters.`)
      const at = stamp()
      inTransaction(db.write, () => {
        const before = bookRepo.getLabel(db.write, a)
        bookRepo.upsertLabel(db.write, a, text, at)
        appendAudit(db.write, {
          actor: operator(),
          action: 'address_labelled',
          payoutId: null,
          at,
          detail: before === undefined ? `${a} added as "${text}"` : `${a} relabelled "${before.label}" -> "${text}"`
        })
      })
      return bookRepo.getLabel(db.write, a)!
    },

    removeLabel(address: string): void {
      const a = checkedAddress(address)
      inTransaction(db.write, () => {
        const before = bookRepo.getLabel(db.write, a)
        if (before === undefined || !bookRepo.deleteLabel(db.write, a))
          throw new AppFailure('label_not_found', `${a} is not in the address book.`)
        appendAudit(db.write, {
          actor: operator(),
          action: 'address_label_removed',
          payoutId: null,
          at: stamp(),
          detail: `${a} "${before.label}" removed`
        })
      })
    },

    /** One address on its own (the single payout form, before saving). */
    checkAddress(address: string): Omit<RecipientSafety, 'row' | 'acknowledged'> {
      const a = checkedAddress(address)
      const { index, paidSet, labels } = knownIndex()
      return {
        address: a,
        label: labels.get(a.toLowerCase()) ?? null,
        firstPayment: !paidSet.has(a.toLowerCase()),
        lookalikes: index.lookalikes(a).map(({ address: x, label, source }) => ({ address: x, label, source }))
      }
    },

    /** Every row with a valid address: label, first payment, look-alike warnings and whether acknowledged. */
    checkPayout: checkRows,

    /** Records that someone checked the flagged address of `row` and means it; covers that address in that row only. */
    acknowledge(payoutId: string, row: number): RecipientSafety {
      const current = checkRows(payoutId).find((r) => r.row === row)
      if (current === undefined || current.lookalikes.length === 0)
        throw new AppFailure('no_lookalike_warning', `Row ${row} has no look-alike address warning to acknowledge.`)
      const at = stamp()
      inTransaction(db.write, () => {
        bookRepo.insertAcknowledgement(db.write, {
          payoutId,
          row,
          address: current.address,
          lookalike: current.lookalikes.map((l) => l.address).join(','),
          acknowledgedBy: operator(),
          acknowledgedAt: at
        })
        appendAudit(db.write, {
          actor: operator(),
          action: 'lookalike_acknowledged',
          payoutId,
          at,
          detail: `row ${row}: ${current.address} resembles ${current.lookalikes.map((l) => (l.label === null ? l.address : `${l.label} ${l.address}`)).join(', ')}`
        })
      })
      return { ...current, acknowledged: true }
    },

    /**
     * The submitter's acknowledgement of every look-alike row at once (in the submission's
     * transaction): recorded per row, by the submitter's address, like a row acknowledged on its own.
     */
    acknowledgeAllLookalikes(payoutId: string, by: string, at: string): void {
      for (const r of checkRows(payoutId)) {
        if (r.lookalikes.length === 0 || r.acknowledged) continue
        bookRepo.insertAcknowledgement(db.write, {
          payoutId,
          row: r.row,
          address: r.address,
          lookalike: r.lookalikes.map((l) => l.address).join(','),
          acknowledgedBy: by,
          acknowledgedAt: at
        })
      }
    },

    /** Rows whose look-alike warning nobody has acknowledged; a payout with any must not be submitted or paid. */
    unacknowledgedRows(payoutId: string): number[] {
      return checkRows(payoutId)
        .filter((r) => r.lookalikes.length > 0 && !r.acknowledged)
        .map((r) => r.row)
    },

    /** Throws `lookalike_unacknowledged` naming the rows, for submit and execute to call. */
    assertAcknowledged(payoutId: string): void {
      const rows = checkRows(payoutId)
        .filter((r) => r.lookalikes.length > 0 && !r.acknowledged)
        .map((r) => r.row)
      if (rows.length > 0) {
        throw new AppFailure(
          'lookalike_unacknowledged',
          `Row${rows.length === 1 ? '' : 's'} ${rows.slice(0, 10).join(', ')}${rows.length > 10 ? ` and ${rows.length - 10} more` : ''} pay an address that looks like a known payee's but is different (a common scam). Check each against a trusted source and acknowledge it, or correct it.`,
          { rows }
        )
      }
    }
  }
}

export type AddressBook = ReturnType<typeof createAddressBook>

function checkedAddress(address: string): string {
  try {
    return getAddress(address.trim())
  } catch {
    throw new AppFailure('address_invalid', `${address} is not a valid address.`)
  }
}
