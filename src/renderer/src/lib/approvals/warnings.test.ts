// Runs in: Vitest (Node). What the submission confirmation asks the submitter to acknowledge.
import { describe, expect, it } from 'vitest'
import type { SubmissionWarningView, WarningKind } from '../../../../shared/approvals'
import { WARNING_KIND_TITLES, WARNING_KINDS } from '../../../../shared/approvals'
import { acknowledgementLine, acknowledgementText, unacknowledgedKinds } from './warnings'

const warning = (kind: WarningKind, rows: number[]): SubmissionWarningView => ({
  kind,
  title: WARNING_KIND_TITLES[kind],
  advice: 'Check them.',
  rows
})

describe('submission warnings', () => {
  it('names every kind main can report in words, each differently', () => {
    const titles = WARNING_KINDS.map((kind) => WARNING_KIND_TITLES[kind])
    expect(new Set(titles).size).toBe(WARNING_KINDS.length)
    for (const t of titles) expect(t).toMatch(/^[A-Z][a-z]/)
  })

  it('lists the kinds still to acknowledge, in the order main listed them', () => {
    const warnings = [warning('duplicate_address', [1, 2]), warning('no_checksum', [3]), warning('first_payment', [1])]
    expect(unacknowledgedKinds(warnings, new Set())).toEqual(['duplicate_address', 'no_checksum', 'first_payment'])
    expect(unacknowledgedKinds(warnings, new Set(['no_checksum']))).toEqual(['duplicate_address', 'first_payment'])
    expect(unacknowledgedKinds(warnings, new Set(WARNING_KINDS))).toEqual([])
  })

  it('words the acknowledgement for one row or several', () => {
    expect(acknowledgementText({ rows: [4] })).toBe('I checked this row and it is right.')
    expect(acknowledgementText({ rows: [1, 2, 2] })).toBe('I checked these 2 rows and they are right.')
  })

  it('describes a recorded acknowledgement by kind and rows for the approver', () => {
    expect(acknowledgementLine({ kind: 'duplicate_address', rows: [1, 2, 3] })).toBe(
      'Same address on several rows: rows 1–3'
    )
  })
})
