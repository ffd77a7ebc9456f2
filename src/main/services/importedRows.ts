// Runs in: main (plain Node). A save that stores an import's rows as main kept them from the
// preview (importKeeper.ts) instead of having the window send every row back. Main still checks
// what it stores: the rows must be the ones the window says its grid holds (count, total and the
// fingerprint of their text, src/shared/rowsDigest.ts), for the same currency. A row the preview
// found nothing wrong with keeps its validation (its address and amount read back exactly the same
// from the text the grid holds: amountRoundTrip.test.ts); a row with any issue is validated again
// by the grid's rules, and duplicates are found over the whole payout, so what is stored is exactly
// what saving the same rows sent one by one stores, with one addition: the problems the preview
// found in the file's cells (a formula, a split row) stay on the row, with their explanation, until
// the row is edited. They are main's own findings; an amount with one was not imported (its text is
// empty), so the row could not pay anyway.
import type { ParsedInputOf, RecipientInput } from '../../shared/api'
import { AppFailure } from '../../shared/errors'
import { isBlankRecipient } from '../../shared/blankRow'
import { claimOf, type ClaimRow } from '../../shared/rowsDigest'
import { forEachPackedRow } from '../registry/packedRows'
import { isCellProblem } from '../registry/table'
import type { CheckedRow, RowFields } from '../registry/validate'
import type { ImportKeeper } from './importKeeper'

export type ImportClaim = NonNullable<ParsedInputOf<'createPayout'>['imported']>

export interface ImportedRows {
  /** The rows as the grid holds them (blank rows left out, as the grid leaves them out), with their cells' problems. */
  readonly inputs: Array<RecipientInput & Pick<RowFields, 'issues'>>
  /** Per row, its validation when the preview found nothing wrong with it. */
  readonly checked: ReadonlyArray<CheckedRow | undefined>
  /** What the reader left out of the file, for the payout's history. */
  readonly leftOut: readonly string[]
}

function importChanged(reason: string): AppFailure {
  return new AppFailure(
    'import_changed',
    `The imported rows Treasury holds are not the ones on screen (${reason}), so they were not saved. Save again; if this repeats, import the file again.`
  )
}

/** Takes the kept import (it is stored once) and checks it is what the window holds. */
export function takeImportedRows(keeper: ImportKeeper, claim: ImportClaim, assetId: string): ImportedRows {
  const kept = keeper.take(claim.importId)
  if (kept.assetId !== assetId) throw importChanged('they were read for another currency')
  const inputs: Array<RecipientInput & ClaimRow & Pick<RowFields, 'issues'>> = []
  const checked: Array<CheckedRow | undefined> = []
  forEachPackedRow(kept.packed, (row) => {
    const cellProblems = row.issues.length === 0 ? [] : row.issues.filter(isCellProblem)
    const input = {
      ...(cellProblems.length === 0 ? {} : { issues: cellProblems }),
      address: row.address,
      amount: row.shownAmount,
      name: row.name,
      reference: row.reference,
      note: row.note,
      category: row.category,
      costCenter: row.costCenter,
      amountBaseUnits: row.baseUnits
    }
    if (isBlankRecipient(input)) return
    inputs.push(input)
    checked.push(
      row.issues.length === 0 && row.baseUnits !== null
        ? { address: row.address, amount: BigInt(row.baseUnits) }
        : undefined
    )
  })
  const held = claimOf(inputs)
  if (held.rows !== claim.rows) throw importChanged(`${held.rows} rows, not ${claim.rows}`)
  if (held.totalBaseUnits !== claim.totalBaseUnits) throw importChanged('their total differs')
  if (held.digest !== claim.digest) throw importChanged('their text differs')
  return { inputs, checked, leftOut: kept.leftOut }
}
