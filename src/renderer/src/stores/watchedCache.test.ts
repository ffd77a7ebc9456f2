// Runs in: Vitest (Node). A watched cache keeps what a view on screen shows: read on request while
// watched, never two reads of one key at once, an action's answer not overwritten by an older
// read, and nothing kept or read once no view watches it.
import { describe, expect, it } from 'vitest'
import type { Result } from '../api'
import { createWatchedCache } from './watchedCache'

/** A read the test answers by hand, in order. */
function manualReads() {
  const pending: { key: string; answer: (r: Result<string>) => void }[] = []
  const read = (key: string) => new Promise<Result<string>>((resolve) => pending.push({ key, answer: resolve }))
  return { read, pending }
}

const settle = () => new Promise((r) => setTimeout(r, 0))
const ok = (value: string): Result<string> => ({ ok: true, value })

describe('a watched cache', () => {
  it('reads a watched key on request and folds requests during a read into one more read', async () => {
    const { read, pending } = manualReads()
    const cache = createWatchedCache(read)
    cache.getState().watch('PO-1')
    expect(cache.getState().entries['PO-1']).toEqual({ value: null, error: null })
    cache.getState().reload('PO-1')
    cache.getState().reload('PO-1')
    cache.getState().reload('PO-1')
    expect(pending).toHaveLength(1)
    pending[0]!.answer(ok('first'))
    await settle()
    expect(cache.getState().entries['PO-1']?.value).toBe('first')
    expect(pending).toHaveLength(2)
    pending[1]!.answer(ok('second'))
    await settle()
    expect(cache.getState().entries['PO-1']?.value).toBe('second')
    expect(pending).toHaveLength(2)
  })

  it('keeps the value read before when a read fails, with the failure beside it', async () => {
    const { read, pending } = manualReads()
    const cache = createWatchedCache(read)
    cache.getState().watch('PO-1')
    cache.getState().reload('PO-1')
    pending[0]!.answer(ok('read'))
    await settle()
    cache.getState().reload('PO-1')
    pending[1]!.answer({ ok: false, error: { code: 'not_found', message: 'Payout PO-1 was not found.' } })
    await settle()
    expect(cache.getState().entries['PO-1']).toEqual({
      value: 'read',
      error: { code: 'not_found', message: 'Payout PO-1 was not found.' }
    })
  })

  it("shows an action's answer and drops a read that was already on its way", async () => {
    const { read, pending } = manualReads()
    const cache = createWatchedCache(read)
    cache.getState().watch('PO-1')
    cache.getState().reload('PO-1')
    cache.getState().update('PO-1', () => 'cancelled')
    pending[0]!.answer(ok('older'))
    await settle()
    expect(cache.getState().entries['PO-1']?.value).toBe('cancelled')
  })

  it('forgets a key when its last watcher stops, and neither reads nor shows it after', async () => {
    const { read, pending } = manualReads()
    const cache = createWatchedCache(read)
    const first = cache.getState().watch('PO-1')
    const second = cache.getState().watch('PO-1')
    cache.getState().reload('PO-1')
    first()
    first()
    expect(cache.getState().entries['PO-1']).toBeDefined()
    second()
    expect(cache.getState().entries['PO-1']).toBeUndefined()
    pending[0]!.answer(ok('late'))
    await settle()
    cache.getState().reload('PO-1')
    cache.getState().reload('PO-2')
    expect(cache.getState().entries).toEqual({})
    expect(pending).toHaveLength(1)
  })
})
