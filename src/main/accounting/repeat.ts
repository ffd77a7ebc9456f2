// Runs in: main (plain Node). "Repeat": the input of a new draft with the same recipients, amounts,
// purpose and columns as an existing payout, every row (whatever became of it), in row order. It
// goes through createPayout like any draft, so every check runs again (addresses, look-alikes,
// first payments, approvals); nothing of the old payout's approvals or status carries over.
// Amounts are written in the exact form the amount parser reads back to the same base units.
import type { PayoutKind } from '../../shared/statuses'
import type { Catalogue } from '../domain/catalogue'
import { formatAmountUnambiguous } from '../domain/money'
import { AppFailure } from '../../shared/errors'
import { notFound } from '../errors'
import type { ReadDb, WriteDb } from '../store/db'
import { getItems, getPayoutRow } from '../store/payoutRepo'
import type { SavedRowInput } from '../registry/rowBatch'
import { savedRowOf } from '../services/payoutRows'

/** A recipient row as createPayout takes it, with the accounting columns the schema is to carry. */
export interface RepeatRecipient extends SavedRowInput {
  readonly category?: string
  readonly costCenter?: string
}

export interface RepeatPayoutInput {
  readonly kind: PayoutKind
  readonly assetId: string
  readonly description: string
  readonly recipients: RepeatRecipient[]
}

export function repeatInput(db: ReadDb | WriteDb, catalogue: Catalogue, payoutId: string): RepeatPayoutInput {
  const payout = getPayoutRow(db, payoutId)
  if (payout === undefined) throw notFound('Payout', payoutId)
  const asset = catalogue.asset(payout.assetId)
  if (asset === undefined)
    throw new AppFailure(
      'repeat_asset_unknown',
      `Payout ${payoutId} paid in ${payout.assetId}, which this version no longer offers. Create the new payout in a listed currency.`
    )
  const recipients = getItems(db, payoutId).map((it): RepeatRecipient => {
    const saved = savedRowOf(it)
    const row: { -readonly [K in keyof RepeatRecipient]: RepeatRecipient[K] } = {
      address: it.address ?? it.addressInput,
      amount: it.amount === null ? it.amountInput : formatAmountUnambiguous(it.amount, asset.decimals)
    }
    if (it.name !== '') row.name = it.name
    if (it.reference !== '') row.reference = it.reference
    if (it.note !== '') row.note = it.note
    if ((it.category ?? '') !== '') row.category = it.category!
    if ((it.costCenter ?? '') !== '') row.costCenter = it.costCenter!
    // A problem the text does not show (an amount the desk could not read) stays with the text.
    if (saved.issues !== undefined) row.issues = saved.issues
    return row
  })
  return { kind: payout.kind, assetId: asset.id, description: payout.description, recipients }
}
