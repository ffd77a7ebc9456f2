// Runs in: Vitest (happy-dom), for component tests only. Mounts a component the way the app does
// (React root, act), installs a stand-in `window.treasury` bridge, and types into fields so that
// React's onChange sees the change.
import { act, type ReactNode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import type { BridgeApi } from '../../../shared/api'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

export interface Mounted {
  readonly container: HTMLElement
  /** Renders, then lets the component's first calls to the bridge answer. */
  render(node: ReactNode): Promise<void>
  byTestId(id: string): HTMLElement | null
  unmount(): Promise<void>
}

export function mountPoint(): Mounted {
  const container = document.createElement('div')
  document.body.append(container)
  const root: Root = createRoot(container)
  return {
    container,
    async render(node) {
      await act(async () => root.render(node))
      await act(async () => new Promise((r) => setTimeout(r, 0)))
    },
    byTestId: (id) => container.querySelector(`[data-testid="${id}"]`),
    async unmount() {
      await act(async () => root.unmount())
      container.remove()
    }
  }
}

/** A bridge with no events and only the methods a test gives. */
export function installBridge(overrides: Partial<BridgeApi>): void {
  const bridge: Partial<BridgeApi> = { onEvent: () => () => undefined, ...overrides }
  Object.defineProperty(window, 'treasury', { value: bridge, configurable: true, writable: true })
}

/** Sets a field's value the way typing does. */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value)
  field.dispatchEvent(new Event('input', { bubbles: true }))
}
