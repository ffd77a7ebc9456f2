// Runs in: renderer. Shows an error Result from main: the message a person can act on, with the
// code small beside it for support. Announced by screen readers and focusable so it is not missed.
import { useEffect, useRef } from 'react'

interface Props {
  /** An AppError from main, or a file-level refusal of the registry reader: shown, never branched on. */
  readonly error: { readonly code: string; readonly message: string }
  readonly title?: string
  /** Moves keyboard focus to the alert when it appears (after a failed action). */
  readonly focus?: boolean
  readonly onRetry?: () => void
}

export function ErrorAlert({ error, title = 'Something went wrong', focus = false, onRetry }: Props) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (focus) ref.current?.focus()
  }, [focus, error])
  return (
    <div
      ref={ref}
      className="alert alert--error"
      role="alert"
      tabIndex={-1}
      data-testid="error-alert"
      data-code={error.code}
    >
      <p className="alert__title">{title}</p>
      <p className="alert__message">{error.message}</p>
      <p className="alert__code">
        Code: <code>{error.code}</code>
      </p>
      {onRetry === undefined ? null : (
        <button type="button" className="button button--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  )
}
