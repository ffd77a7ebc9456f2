// Runs in: the registry worker thread (and main in tests); pure, no I/O.
// Duplicates across the batches of a large file. Each batch is validated on its own (validate.ts),
// which finds the duplicates inside that batch only; this drops those and finds them again over the
// whole file with the same rules and the same messages: the same reference twice is an error, the
// same valid address twice a warning. Keys are kept once each (a first index, and a group only for
// keys seen again), so a million distinct rows cost one map entry per key.
import { DUPLICATE_CODES, duplicateIssue, type DuplicateKind } from './validate'
import { SEVERITY_ERROR, type RegistryRow, type RowIssue } from './types'

/**
 * Address errors that validation reports about an address it did read (the token contract, the
 * payer's own account): such an address still counts for duplicates. Any other address error means
 * it was not read, and an unread address is nobody's duplicate.
 */
const ERRORS_OF_A_READ_ADDRESS: ReadonlySet<string> = new Set(['address_is_token_contract', 'address_is_payer'])

class Occurrences {
  private readonly first = new Map<string, number>()
  readonly groups = new Map<string, number[]>()
  add(key: string, index: number): void {
    const first = this.first.get(key)
    if (first === undefined) {
      this.first.set(key, index)
      return
    }
    const group = this.groups.get(key)
    if (group === undefined) this.groups.set(key, [first, index])
    else group.push(index)
  }
}

export interface BatchDuplicates {
  /** The row's issues without the duplicates its batch found; records its keys under `index` (0-based over the file). */
  track(index: number, row: RegistryRow): RowIssue[]
  /** Every duplicate over the file: per row index, its issues in the order validation gives them (references, then addresses). */
  issues(sourceRowOf: (index: number) => number): Array<readonly [number, RowIssue]>
}

export function createBatchDuplicates(): BatchDuplicates {
  const byAddress = new Occurrences()
  const byReference = new Occurrences()
  return {
    track(index, row) {
      const issues = row.issues.some((i) => DUPLICATE_CODES.has(i.code)) ? row.issues.filter((i) => !DUPLICATE_CODES.has(i.code)) : row.issues
      if (row.reference !== undefined) byReference.add(row.reference.toLowerCase(), index)
      const addressRead = !issues.some((i) => i.field === 'address' && i.severity === SEVERITY_ERROR && !ERRORS_OF_A_READ_ADDRESS.has(i.code))
      // A read address is in its checksummed form, which is one per account: it is the key as it is.
      if (addressRead) byAddress.add(row.address, index)
      return issues
    },
    issues(sourceRowOf) {
      const out: Array<readonly [number, RowIssue]> = []
      const mark = (seen: Occurrences, kind: DuplicateKind): void => {
        for (const indexes of seen.groups.values()) {
          for (const index of indexes) out.push([index, duplicateIssue(kind, sourceRowOf(index), indexes.filter((i) => i !== index).map(sourceRowOf))])
        }
      }
      mark(byReference, 'reference')
      mark(byAddress, 'address')
      return out
    }
  }
}
