// Runs in: tests (plain Node, Vitest). Nonce allocation from the node's pending and latest nonces
// and the journal's highest: never a nonce already claimed, never one behind a gap nobody here can fill.
import { describe, expect, it } from 'vitest'
import { CHAIN_ERROR, isChainError } from './errors'
import { MAX_UNRECORDED_PENDING, nextNonce } from './nonces'

describe('the next nonce', () => {
  it('is the pending nonce when the journal knows nothing newer', () => {
    expect(nextNonce({ pending: 7, latest: 5 }, undefined)).toBe(7)
    expect(nextNonce({ pending: 7, latest: 5 }, 4)).toBe(7)
  })

  it('is one past the journal when the endpoint lags behind it', () => {
    expect(nextNonce({ pending: 3, latest: 3 }, 9)).toBe(10)
  })

  it('is never below the mined nonce, whatever the pending one says', () => {
    expect(nextNonce({ pending: 2, latest: 6 }, undefined)).toBe(6)
  })

  it(`allows up to ${MAX_UNRECORDED_PENDING} pending transactions the journal does not know`, () => {
    expect(nextNonce({ pending: 5 + MAX_UNRECORDED_PENDING, latest: 5 }, undefined)).toBe(5 + MAX_UNRECORDED_PENDING)
    // Nonces 5 to 9 are the journal's own (signed, waiting): only what lies past them counts.
    expect(nextNonce({ pending: 10 + MAX_UNRECORDED_PENDING, latest: 5 }, 9)).toBe(10 + MAX_UNRECORDED_PENDING)
  })

  it('refuses a pending nonce further ahead, saying how many and which numbers', () => {
    const error = (() => {
      try {
        return nextNonce({ pending: 1_005, latest: 5 }, 6)
      } catch (e) {
        return e
      }
    })()
    expect(isChainError(error, CHAIN_ERROR.nonceGap)).toBe(true)
    expect(String((error as Error).message)).toContain('998 transactions')
    expect(String((error as Error).message)).toContain('next number 1005, last processed 5')
  })
})
