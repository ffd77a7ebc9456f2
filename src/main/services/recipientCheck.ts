// Runs in: main (plain Node). One recipient checked on its own (the single payout form, before
// anything is saved), with the same validator as registry rows.
import type { RecipientCheck, RecipientInput } from '../../shared/api'
import type { Catalogue } from '../domain/catalogue'
import { validateRows } from '../registry/validate'
import { registryAsset } from './payoutRows'

export function checkRecipient(catalogue: Catalogue, assetId: string, recipient: RecipientInput): RecipientCheck {
  const asset = catalogue.requireAsset(assetId)
  const row = validateRows([{ ...recipient, sourceRow: 1 }], registryAsset(asset)).rows[0]
  if (row === undefined)
    return {
      address: null,
      amountBaseUnits: null,
      issues: [{ field: 'row', severity: 'error', code: 'row_blank', message: 'Enter an address and an amount.' }]
    }
  const addressValid = !row.issues.some((i) => i.field === 'address' && i.severity === 'error')
  // One recipient has no row number to name: the shared validator's "Row 1: " prefix is dropped.
  const issues = row.issues.map((i) => ({ ...i, message: i.message.replace(/^Row 1: /, '') }))
  return {
    address: addressValid ? row.address : null,
    amountBaseUnits: row.amount === null ? null : row.amount.toString(),
    issues
  }
}
