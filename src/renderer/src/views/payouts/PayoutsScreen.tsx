// Runs in: renderer. The payouts list: status filter, debounced search, table, pages, and the way
// in to a new payout. The list store is refreshed when main reports that any payout changed.
import { useEffect, useState } from 'react'
import { ErrorAlert } from '../../components/ErrorAlert'
import { useDebouncedCallback } from '../../hooks/useDebounced'
import { PAGE_SIZE, usePayoutList } from '../../stores/payoutList'
import { EmptyState } from './EmptyState'
import { NewPayoutMenu } from './NewPayoutMenu'
import { Pagination } from './Pagination'
import { PayoutsTable } from './PayoutsTable'
import { StatusFilter } from './StatusFilter'

const SEARCH_DELAY_MS = 250

export function PayoutsScreen() {
  const { status, text, page, data, loading, error, setStatus, setText, setPage, load } = usePayoutList()
  const [search, setSearch] = useState(text)
  const applySearch = useDebouncedCallback(setText, SEARCH_DELAY_MS)

  useEffect(() => {
    void load()
  }, [load])

  const filtered = status !== 'all' || text.trim() !== ''
  const clearFilters = (): void => {
    applySearch.cancel()
    setSearch('')
    setText('')
    setStatus('all')
  }

  return (
    <section className="screen" aria-labelledby="payouts-title">
      <header className="screen__header">
        <h1 id="payouts-title" tabIndex={-1}>
          Payouts
        </h1>
        <NewPayoutMenu />
      </header>

      <div className="toolbar">
        <StatusFilter value={status} onChange={setStatus} />
        <label className="search">
          <span className="visually-hidden">Search payouts</span>
          <input
            type="search"
            placeholder="Search description, address, name, reference…"
            value={search}
            maxLength={200}
            data-testid="search"
            onChange={(e) => {
              setSearch(e.target.value)
              applySearch(e.target.value)
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') applySearch.flush()
            }}
          />
        </label>
      </div>

      {error === null ? null : (
        <ErrorAlert error={error} title="The payouts could not be loaded" onRetry={() => void load()} />
      )}

      {data === null ? (
        error === null ? (
          <p className="loading" role="status">
            Loading payouts…
          </p>
        ) : null
      ) : data.items.length === 0 ? (
        <EmptyState filtered={filtered} onClearFilters={clearFilters} />
      ) : (
        <>
          <PayoutsTable payouts={data.items} busy={loading} />
          <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} onPage={setPage} />
        </>
      )}
    </section>
  )
}
