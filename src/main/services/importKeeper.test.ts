// A preview's rows are kept for the import only: the latest few, within a budget of rows, until a save takes them or the time runs out.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { EMPTY_PACKED, type PackedRows } from '../registry/packedRows'
import { createImportKeeper, IMPORT_KEPT_MS, KEPT_ROWS_BUDGET, MAX_KEPT_IMPORTS } from './importKeeper'

const EXPIRED = expect.objectContaining({ code: 'import_expired' })

/** Only the row count matters to the keeper. */
function rowsOf(count: number): PackedRows {
  return { ...EMPTY_PACKED, count }
}

describe('importKeeper', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('keeps an earlier preview beside a later one (the window and automation preview apart), until a save takes it', () => {
    const keeper = createImportKeeper()
    const atWindow = keeper.keep('1:native', rowsOf(500))
    const byAutomation = keeper.keep('1:native', rowsOf(20))
    expect(keeper.get(atWindow)).toMatchObject({ id: atWindow, assetId: '1:native' })
    expect(keeper.take(byAutomation).id).toBe(byAutomation)
    expect(() => keeper.take(byAutomation)).toThrow(EXPIRED)
    expect(keeper.take(atWindow).packed.count).toBe(500)
  })

  it('forgets the oldest previews beyond the count kept', () => {
    const keeper = createImportKeeper()
    const ids = Array.from({ length: MAX_KEPT_IMPORTS + 1 }, () => keeper.keep('1:native', rowsOf(1)))
    expect(() => keeper.get(ids[0]!)).toThrow(EXPIRED)
    for (const id of ids.slice(1)) expect(keeper.get(id).id).toBe(id)
  })

  it('holds no more rows than the budget over all previews, but always the latest one', () => {
    const keeper = createImportKeeper()
    const small = keeper.keep('1:native', rowsOf(10))
    const large = keeper.keep('1:native', rowsOf(KEPT_ROWS_BUDGET - 10))
    expect(keeper.get(small).id).toBe(small)
    const larger = keeper.keep('1:native', rowsOf(KEPT_ROWS_BUDGET + 1))
    expect(() => keeper.get(small)).toThrow(EXPIRED)
    expect(() => keeper.get(large)).toThrow(EXPIRED)
    expect(keeper.get(larger).packed.count).toBe(KEPT_ROWS_BUDGET + 1)
  })

  it('forgets each preview once its own time is up, and all when closed', () => {
    vi.useFakeTimers()
    const keeper = createImportKeeper()
    const id = keeper.keep('1:native', EMPTY_PACKED)
    vi.advanceTimersByTime(IMPORT_KEPT_MS / 2)
    const later = keeper.keep('1:native', EMPTY_PACKED)
    vi.advanceTimersByTime(IMPORT_KEPT_MS / 2 - 1)
    expect(keeper.get(id).id).toBe(id)
    vi.advanceTimersByTime(1)
    expect(() => keeper.get(id)).toThrow(EXPIRED)
    expect(keeper.get(later).id).toBe(later)
    keeper.close()
    expect(() => keeper.get(later)).toThrow(EXPIRED)
  })
})
