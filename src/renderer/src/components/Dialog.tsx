// Runs in: renderer. A modal dialog on the native <dialog> element: it traps focus, closes on
// Escape and returns focus to where it was, without a library.
import { useEffect, useId, useRef, type ReactNode } from 'react'

interface Props {
  readonly open: boolean
  readonly title: string
  readonly onClose: () => void
  readonly children: ReactNode
  readonly testId?: string
  /** For dialogs that carry a review (lists, tables): wider, and scrolls within the window. */
  readonly wide?: boolean
}

export function Dialog({ open, title, onClose, children, testId, wide = false }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (dialog === null) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog--wide' : 'dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault() // Escape: let the owner decide, so its state stays the truth
        onClose()
      }}
    >
      <h2 className="dialog__title" id={titleId}>
        {title}
      </h2>
      {open ? children : null}
    </dialog>
  )
}
