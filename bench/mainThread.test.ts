// The stall figures rest on this instrument: a stretch of synchronous work must show as at least
// its own length, wherever in the measured work it falls (first thing, or after an await).
import { describe, expect, it } from 'vitest'
import { measureBlocking } from './mainThread'

const BLOCK_MS = 300

function busy(ms: number): void {
  const until = Date.now() + ms
  while (Date.now() < until) {
    // holds the thread, as a long synchronous call does
  }
}

describe('measureBlocking', () => {
  it('sees work that blocks before its first await', async () => {
    const b = await measureBlocking(async () => busy(BLOCK_MS))
    expect(b.longestMs).toBeGreaterThanOrEqual(BLOCK_MS - 10)
  })

  it('sees work that blocks after an await', async () => {
    const b = await measureBlocking(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      busy(BLOCK_MS)
      return 7
    })
    expect(b.value).toBe(7)
    expect(b.longestMs).toBeGreaterThanOrEqual(BLOCK_MS - 10)
  })
})
