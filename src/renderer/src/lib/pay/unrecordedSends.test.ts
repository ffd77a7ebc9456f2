// Runs in: Vitest (node). Reading main's unrecorded_sends refusal into what a person must look at.
import { describe, expect, it } from 'vitest'
import { unrecordedSendsOf } from './unrecordedSends'

const ACCOUNT = `0x${'a'.repeat(40)}`

describe('unrecordedSendsOf', () => {
  it('reads the account, its count and the rows named', () => {
    expect(
      unrecordedSendsOf({
        code: 'unrecorded_sends',
        message: 'm',
        details: { account: ACCOUNT, through: 3, agreed: 3, rows: [2, 5] }
      })
    ).toEqual({ account: ACCOUNT, through: 3, agreed: 3, rows: [2, 5] })
  })

  it('reads the count every endpoint agrees on, and takes a missing or impossible one as agreeing', () => {
    const of = (agreed: unknown) =>
      unrecordedSendsOf({ code: 'unrecorded_sends', message: 'm', details: { account: ACCOUNT, through: 40, agreed } })
    expect(of(2)?.agreed).toBe(2)
    expect(of(undefined)?.agreed).toBe(40)
    expect(of(41)?.agreed).toBe(40)
    expect(of(-1)?.agreed).toBe(40)
    expect(of('2')?.agreed).toBe(40)
  })

  it('is null for another error, or details that do not say what to look at', () => {
    expect(unrecordedSendsOf(null)).toBeNull()
    expect(
      unrecordedSendsOf({ code: 'paid_on_chain', message: 'm', details: { account: ACCOUNT, through: 3 } })
    ).toBeNull()
    expect(unrecordedSendsOf({ code: 'unrecorded_sends', message: 'm' })).toBeNull()
    expect(
      unrecordedSendsOf({ code: 'unrecorded_sends', message: 'm', details: { account: 'x', through: 3 } })
    ).toBeNull()
    expect(
      unrecordedSendsOf({ code: 'unrecorded_sends', message: 'm', details: { account: ACCOUNT, through: 0 } })
    ).toBeNull()
    expect(
      unrecordedSendsOf({ code: 'unrecorded_sends', message: 'm', details: { account: ACCOUNT, through: 1.5 } })
    ).toBeNull()
  })
})
