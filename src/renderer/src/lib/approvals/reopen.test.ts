// Runs in: Vitest (Node). Editing a pending payout asks first and sends `reopen` only after a yes.
import { describe, expect, it, vi } from 'vitest'
import type { Result } from '../../../../shared/result'
import { REOPEN_DECLINED, reopenQuestion, sendReopening } from './reopen'

const refused: Result<string> = {
  ok: false,
  error: { code: 'reopen_confirmation_required', message: 'Waiting for approval', details: { approvals: 2 } }
}

describe('reopening a pending payout', () => {
  it('asks with the number of approvals lost', () => {
    expect(reopenQuestion(2)).toBe(
      'This payout is waiting for approval. Editing returns it to Draft and voids 2 approvals. Continue?'
    )
    expect(reopenQuestion(1)).toContain('voids 1 approval.')
    expect(reopenQuestion(0)).toContain('it has none yet')
  })

  it('asks before sending when the payout is known to be pending, then sends with reopen', async () => {
    const send = vi.fn(async (reopen: boolean): Promise<Result<string>> => ({ ok: true, value: String(reopen) }))
    const confirm = vi.fn(async () => true)
    const result = await sendReopening(send, { confirm, pending: async () => 3 })
    expect(confirm).toHaveBeenCalledWith(3)
    expect(send.mock.calls).toEqual([[true]])
    expect(result).toEqual({ ok: true, value: 'true' })
  })

  it('sends nothing when the person says no, and says the edit is kept', async () => {
    const send = vi.fn(async (): Promise<Result<string>> => ({ ok: true, value: 'x' }))
    const result = await sendReopening(send, { confirm: async () => false, pending: async () => 1 })
    expect(send).not.toHaveBeenCalled()
    expect(result).toEqual({ ok: false, error: REOPEN_DECLINED })
  })

  it('asks when main refuses because the payout became pending meanwhile, then sends again with reopen', async () => {
    const send = vi.fn(async (reopen: boolean): Promise<Result<string>> =>
      reopen ? { ok: true, value: 'saved' } : refused
    )
    const confirm = vi.fn(async () => true)
    expect(await sendReopening(send, { confirm, pending: null })).toEqual({ ok: true, value: 'saved' })
    expect(confirm).toHaveBeenCalledWith(2)
    expect(send.mock.calls).toEqual([[false], [true]])
  })

  it('passes any other answer through without asking', async () => {
    const other: Result<string> = { ok: false, error: { code: 'not_editable', message: 'No' } }
    const confirm = vi.fn(async () => true)
    expect(await sendReopening(async () => other, { confirm, pending: null })).toBe(other)
    expect(confirm).not.toHaveBeenCalled()
  })
})
