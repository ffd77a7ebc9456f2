// @vitest-environment happy-dom
// Runs in: Vitest (happy-dom). The line at the top of Settings brings the part it names into view
// and moves the focus to its heading (e2e/specs/gridHabits.spec.ts holds that every part it names
// is a heading of the real page).
import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mountPoint, type Mounted } from '../../testing/mount'
import { SettingsIndex } from './SettingsIndex'

let m: Mounted
beforeEach(() => {
  m = mountPoint()
})
afterEach(async () => {
  await m.unmount()
  document.body.querySelectorAll('h2').forEach((h) => h.remove())
})

describe('the index of Settings', () => {
  it('scrolls to the heading it names and focuses it', async () => {
    const heading = document.createElement('h2')
    heading.id = 'endpoints-title'
    heading.scrollIntoView = vi.fn()
    document.body.append(heading)
    await m.render(<SettingsIndex />)
    act(() => m.byTestId('settings-index-endpoints-title')?.click())
    expect(heading.scrollIntoView).toHaveBeenCalledWith({ block: 'start' })
    expect(document.activeElement).toBe(heading)
  })
})
