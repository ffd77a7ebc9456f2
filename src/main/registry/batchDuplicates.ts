// Runs in: the registry worker thread (and main in tests); pure, no I/O.
// Duplicates across the batches of a large file. Each batch is validated on its own (validate.ts,
// told to leave duplicates to its caller); this finds them over the whole file with validation's
// rules and messages: the same reference twice is an error, the same valid address twice a warning. Keys are fingerprinted (duplicateKeys.ts), so a million
// distinct rows cost a few typed-array entries each, and groups are marked in linear time.
import type { Issue } from '../../shared/api'
import { DuplicateKeys } from './duplicateKeys'
import { duplicateIssueInGroup, type DuplicateKind } from './validate'
import { SEVERITY_ERROR, type RegistryRow } from './types'

/**
 * Address errors that validation reports about an address it did read (the token contract, the
 * payer's own account): such an address still counts for duplicates. Any other address error means
 * it was not read, and an unread address is nobody's duplicate.
 */
const ERRORS_OF_A_READ_ADDRESS: ReadonlySet<string> = new Set(['address_is_token_contract', 'address_is_payer'])

export interface BatchDuplicates {
  /** Records the row's keys under `index` (0-based over the file). */
  track(index: number, row: RegistryRow): void
  /** Every duplicate over the file: per row index, its issues in the order validation gives them (references, then addresses). */
  issues(sourceRowOf: (index: number) => number): Array<readonly [number, Issue]>
}

export function createBatchDuplicates(): BatchDuplicates {
  // Keyed as validation keys them: an address by its checksummed form (one per account), a reference regardless of case.
  const byAddress = new DuplicateKeys(false)
  const byReference = new DuplicateKeys(true)
  return {
    track(index, row) {
      if (row.reference !== undefined) byReference.add(row.reference, index)
      const addressRead = !row.issues.some(
        (i) => i.field === 'address' && i.severity === SEVERITY_ERROR && !ERRORS_OF_A_READ_ADDRESS.has(i.code)
      )
      if (addressRead) byAddress.add(row.address, index)
    },
    issues(sourceRowOf) {
      const out: Array<readonly [number, Issue]> = []
      const mark = (seen: DuplicateKeys, kind: DuplicateKind): void => {
        for (const indexes of seen.groups()) {
          const groupRows = indexes.map(sourceRowOf)
          for (let k = 0; k < indexes.length; k++)
            out.push([indexes[k]!, duplicateIssueInGroup(kind, groupRows[k]!, groupRows)])
        }
      }
      mark(byReference, 'reference')
      mark(byAddress, 'address')
      return out
    }
  }
}
