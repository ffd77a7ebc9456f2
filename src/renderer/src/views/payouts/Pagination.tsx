// Runs in: renderer. "Showing 26–50 of 120" with previous/next buttons.
interface Props {
  readonly page: number
  readonly pageSize: number
  readonly total: number
  readonly onPage: (page: number) => void
}

export function Pagination({ page, pageSize, total, onPage }: Props) {
  if (total === 0) return null
  const first = page * pageSize + 1
  const last = Math.min(total, (page + 1) * pageSize)
  const pages = Math.max(1, Math.ceil(total / pageSize))
  return (
    <nav className="pagination" aria-label="Pages of payouts">
      <p className="pagination__summary" aria-live="polite" data-testid="pagination-summary">
        Showing {first.toLocaleString('en-US')}–{last.toLocaleString('en-US')} of {total.toLocaleString('en-US')}
      </p>
      <div className="pagination__buttons">
        <button
          type="button"
          className="button button--small"
          disabled={page === 0}
          onClick={() => onPage(page - 1)}
          data-testid="page-prev"
        >
          ← Previous
        </button>
        <span className="pagination__page">
          Page {page + 1} of {pages}
        </span>
        <button
          type="button"
          className="button button--small"
          disabled={page + 1 >= pages}
          onClick={() => onPage(page + 1)}
          data-testid="page-next"
        >
          Next →
        </button>
      </div>
    </nav>
  )
}
