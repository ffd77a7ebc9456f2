// Runs in: renderer. The warnings a submitter acknowledges before a payout leaves Draft, as the
// confirmation and the approver's review show them: which kinds are still unacknowledged, the one
// sentence an acknowledgement box says, and an acknowledgement as one line (names from src/shared).
import { WARNING_KIND_TITLES, type SubmissionWarningView, type WarningKind } from '../../../../shared/approvals'
import { rowsText } from '../../../../shared/rowList'

/** Kinds listed in the confirmation that the submitter has not ticked yet. */
export function unacknowledgedKinds(
  warnings: readonly SubmissionWarningView[],
  acknowledged: ReadonlySet<WarningKind>
): WarningKind[] {
  return warnings.filter((w) => !acknowledged.has(w.kind)).map((w) => w.kind)
}

/** The acknowledgement box's sentence: what the submitter says by ticking it. */
export function acknowledgementText(warning: Pick<SubmissionWarningView, 'rows'>): string {
  const count = new Set(warning.rows).size
  return count === 1 ? 'I checked this row and it is right.' : `I checked these ${count} rows and they are right.`
}

/** "Same address on several rows: rows 2, 5" for an acknowledgement recorded with a submission. */
export function acknowledgementLine(ack: { readonly kind: WarningKind; readonly rows: readonly number[] }): string {
  return `${WARNING_KIND_TITLES[ack.kind]}: ${rowsText(ack.rows)}`
}
