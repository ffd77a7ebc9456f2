// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The line at the top of Settings brings the part it names into view
// and moves the focus to its heading (e2e/specs/gridHabits.spec.ts holds that every part it names
// is a heading of the real page).
import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SettingsIndex } from './SettingsIndex'

let host: HTMLDivElement
let root: Root
beforeEach(() => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
})
afterEach(() => {
  act(() => root.unmount())
  host.remove()
  document.body.querySelectorAll('h2').forEach((h) => h.remove())
})

describe('the index of Settings', () => {
  it('scrolls to the heading it names and focuses it', () => {
    const heading = document.createElement('h2')
    heading.id = 'endpoints-title'
    heading.scrollIntoView = vi.fn()
    document.body.append(heading)
    act(() => root.render(<SettingsIndex />))
    act(() => (host.querySelector('[data-testid="settings-index-endpoints-title"]') as HTMLButtonElement).click())
    expect(heading.scrollIntoView).toHaveBeenCalledWith({ block: 'start' })
    expect(document.activeElement).toBe(heading)
  })
})
