// Runs in: Vitest (Node). How the history names who acted, and why a payout is back in Draft.
import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../../shared/api'
import { actorOf, approvalRequiredAtSubmission, reopenedBecause } from './timeline'

const BORIS = '0x463e4e114AA57F54f2Fd2C3ec03572C6f75d84C2'
const entry = (id: number, action: string, patch: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  at: '2026-03-01T10:00:00Z',
  actor: 'Front desk',
  actorAddress: null,
  action,
  fromStatus: null,
  toStatus: null,
  detail: '',
  exact: '',
  ...patch
})

describe('timeline actors', () => {
  it('names a signed act from the roster and keeps the address that signed it', () => {
    expect(actorOf({ actor: 'Boris', actorAddress: BORIS })).toEqual({ kind: 'signed', name: 'Boris', address: BORIS })
  })

  it('leaves a signer the roster does not know unnamed rather than repeating the address as a name', () => {
    expect(actorOf({ actor: BORIS, actorAddress: BORIS })).toEqual({ kind: 'signed', name: null, address: BORIS })
  })

  it('labels unsigned acts with the desk’s label, and the app’s own acts as the app’s', () => {
    expect(actorOf({ actor: 'Front desk', actorAddress: null })).toEqual({ kind: 'desk', label: 'Front desk' })
    expect(actorOf({ actor: 'system', actorAddress: null })).toEqual({ kind: 'system' })
  })
})

describe('why a payout is back in Draft', () => {
  const timeline = [
    entry(1, 'created'),
    entry(2, 'submitted'),
    entry(3, 'reopened', { detail: 'Edited after submission: approvals voided; submit again' }),
    entry(4, 'submitted'),
    entry(5, 'reopened', { detail: 'The approval policy changed', actor: 'system' })
  ]

  it('is the last reopening of a draft', () => {
    expect(reopenedBecause({ status: 'draft', timeline })?.detail).toBe('The approval policy changed')
  })

  it('is nothing for a payout not in Draft, or a draft never submitted', () => {
    expect(reopenedBecause({ status: 'pending', timeline })).toBeNull()
    expect(reopenedBecause({ status: 'draft', timeline: [entry(1, 'created')] })).toBeNull()
  })
})

describe('whether approval was required', () => {
  it('reads the last submission: Pending means approval was required', () => {
    expect(
      approvalRequiredAtSubmission({ timeline: [entry(1, 'created'), entry(2, 'submitted', { toStatus: 'pending' })] })
    ).toBe(true)
    expect(
      approvalRequiredAtSubmission({
        timeline: [entry(1, 'created'), entry(2, 'submitted', { toStatus: 'in_progress' })]
      })
    ).toBe(false)
  })

  it('is unknown for a payout never submitted, or reopened since its last submission', () => {
    expect(approvalRequiredAtSubmission({ timeline: [entry(1, 'created')] })).toBeNull()
    expect(
      approvalRequiredAtSubmission({
        timeline: [entry(2, 'submitted', { toStatus: 'pending' }), entry(3, 'reopened')]
      })
    ).toBeNull()
  })
})
