// A preview's rows are kept for the import only: the latest one, until a save takes it or the time runs out.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EMPTY_PACKED } from '../registry/packedRows'
import { createImportKeeper, IMPORT_KEPT_MS } from './importKeeper'

describe('importKeeper', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('keeps the latest preview only, until a save takes it', () => {
    const keeper = createImportKeeper()
    const first = keeper.keep('1:native', EMPTY_PACKED)
    const latest = keeper.keep('1:native', EMPTY_PACKED)
    expect(() => keeper.get(first)).toThrow(expect.objectContaining({ code: 'import_expired' }))
    expect(keeper.get(latest)).toMatchObject({ id: latest, assetId: '1:native' })
    expect(keeper.take(latest).id).toBe(latest)
    expect(() => keeper.take(latest)).toThrow(expect.objectContaining({ code: 'import_expired' }))
  })

  it('forgets the rows once their time is up, and when closed', () => {
    vi.useFakeTimers()
    const keeper = createImportKeeper()
    const id = keeper.keep('1:native', EMPTY_PACKED)
    vi.advanceTimersByTime(IMPORT_KEPT_MS - 1)
    expect(keeper.get(id).id).toBe(id)
    vi.advanceTimersByTime(1)
    expect(() => keeper.get(id)).toThrow(expect.objectContaining({ code: 'import_expired' }))
    const again = keeper.keep('1:native', EMPTY_PACKED)
    keeper.close()
    expect(() => keeper.get(again)).toThrow(expect.objectContaining({ code: 'import_expired' }))
  })
})
