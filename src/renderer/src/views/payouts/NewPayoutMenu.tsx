// Runs in: renderer. "New payout" and its choice: Single (one recipient) or Mass (many). A menu
// button with the keyboard behaviour people expect: arrows move, Escape closes and returns focus.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { navigate } from '../../hooks/useRoute'
import type { Route } from '../../lib/route'

interface Choice {
  readonly route: Route
  readonly title: string
  readonly hint: string
  readonly testId: string
}

const CHOICES: readonly Choice[] = [
  { route: { name: 'newSingle' }, title: 'Single payout', hint: 'Pay one recipient', testId: 'new-single' },
  {
    route: { name: 'newMass' },
    title: 'Mass payout',
    hint: 'Many recipients: type, paste or import a file',
    testId: 'new-mass'
  }
]

export function NewPayoutMenu() {
  const [open, setOpen] = useState(false)
  const button = useRef<HTMLButtonElement>(null)
  const menu = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (!open) return
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const close = (e: MouseEvent): void => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLElement)
    if (e.key === 'Escape') {
      e.preventDefault()
      setOpen(false)
      button.current?.focus()
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const step = e.key === 'ArrowDown' ? 1 : -1
      items[(at + step + items.length) % items.length]?.focus()
    } else if (e.key === 'Tab') setOpen(false)
  }

  const choose = (choice: Choice): void => {
    setOpen(false)
    navigate(choice.route)
  }

  return (
    <div className="menu-anchor">
      <button
        ref={button}
        type="button"
        className="button button--primary"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls="new-payout-menu"
        data-testid="new-payout"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            setOpen(true)
          }
        }}
      >
        New payout <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div
          ref={menu}
          id="new-payout-menu"
          className="menu"
          role="menu"
          aria-label="Kind of payout"
          onKeyDown={onMenuKey}
        >
          {CHOICES.map((c) => (
            <button
              key={c.testId}
              type="button"
              role="menuitem"
              className="menu__item"
              data-testid={c.testId}
              onClick={() => choose(c)}
            >
              <span className="menu__title">{c.title}</span>
              <span className="menu__hint">{c.hint}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  )
}
