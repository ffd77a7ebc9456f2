// Runs in: main (pure, no I/O). The history's line for a policy version taking effect, written
// when it is adopted and read back to check the stored chain against it: the policy tables can be
// cut back by whoever holds the database file (an older version, or none, in force again), while
// the audit log is hash-chained and anchored in what people sign.
import { AppFailure } from '../../shared/errors'
import { peopleTime } from '../domain/auditText'

export interface AdoptionRecord {
  readonly sequence: number
  readonly hash: string
}

/** The audit detail of an adoption; `adoptionIn` reads the version back from it. */
export function adoptionDetail(sequence: number, hash: string, signers: readonly string[]): string {
  return `Policy version ${sequence} (${hash}) took effect, signed by ${signers.join(', ')}`
}

const ADOPTION = /^Policy version (\d+) \((0x[0-9a-f]{64})\) took effect/

export function adoptionIn(detail: string): AdoptionRecord | null {
  const m = ADOPTION.exec(detail)
  return m === null ? null : { sequence: Number(m[1]), hash: m[2]! }
}

/**
 * Refuses (policy_chain_broken) when an adoption the history records is not in the stored chain:
 * versions were removed, so an older policy (or none) would be in force. Every adoption counts, not
 * only the newest: versions deleted and an older team file imported again record newer adoptions
 * of older versions.
 */
export function assertChainHoldsAdoptions(
  stored: ReadonlyArray<{ readonly hash: string; readonly document: { readonly sequence: number } }>,
  recorded: ReadonlyArray<AdoptionRecord & { readonly at: string }>
): void {
  const held = new Set(stored.map((v) => v.hash))
  const missing = recorded.filter((r) => !held.has(r.hash))
  if (missing.length === 0) return
  const newest = missing.reduce((a, b) => (b.sequence > a.sequence ? b : a))
  const head = stored.at(-1)
  throw new AppFailure(
    'policy_chain_broken',
    `The approval policy stored at this desk is behind its own history: version ${newest.sequence} (${newest.hash}) took effect here on ${peopleTime(newest.at)} and is no longer stored, so ${head === undefined ? 'no policy' : `version ${head.document.sequence}`} would be in force. It was removed outside Treasury. Nothing can be submitted, approved or paid, and no policy change made, until the team's policy file is imported from another desk (Settings, Approvals).`,
    { adopted: newest.hash }
  )
}
