// Runs in: renderer. The payouts list screen's state: filter, search text, page, and the page of
// results last loaded from main (a cache; the database is the truth). Kept in a store so going
// to a payout and back returns to the same filter and page.
import { create } from 'zustand'
import type { PayoutPage } from '../../../shared/api'
import type { PayoutStatus } from '../../../shared/statuses'
import { api, type AppError } from '../api'
import { latestOnly } from '../lib/debounce'

export type StatusFilter = PayoutStatus | 'all'

export const PAGE_SIZE = 25

interface PayoutListState {
  readonly status: StatusFilter
  readonly text: string
  readonly page: number
  readonly data: PayoutPage | null
  readonly loading: boolean
  readonly error: AppError | null
  setStatus(status: StatusFilter): void
  setText(text: string): void
  setPage(page: number): void
  load(): Promise<void>
}

const requests = latestOnly()

export const usePayoutList = create<PayoutListState>()((set, get) => ({
  status: 'all',
  text: '',
  page: 0,
  data: null,
  loading: false,
  error: null,
  setStatus(status) {
    set({ status, page: 0 })
    void get().load()
  },
  setText(text) {
    if (text === get().text) return
    set({ text, page: 0 })
    void get().load()
  },
  setPage(page) {
    set({ page: Math.max(0, page) })
    void get().load()
  },
  async load() {
    const { status, text, page } = get()
    const ticket = requests.next()
    set({ loading: true })
    const trimmed = text.trim()
    const result = await api.listPayouts({
      ...(status === 'all' ? {} : { status }),
      ...(trimmed === '' ? {} : { text: trimmed }),
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE
    })
    if (!requests.isCurrent(ticket)) return // a newer filter or page was asked for meanwhile
    if (result.ok) {
      // A page past the end (e.g. the last row of the last page was cancelled away) steps back.
      if (result.value.items.length === 0 && page > 0 && result.value.total > 0) {
        set({ page: Math.floor((result.value.total - 1) / PAGE_SIZE) })
        return get().load()
      }
      set({ data: result.value, loading: false, error: null })
    } else set({ loading: false, error: result.error })
  }
}))
