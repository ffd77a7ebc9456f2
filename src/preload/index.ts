// Runs in: preload (sandboxed, context-isolated). Exposes `window.treasury`: one named function
// per contract method, generated from the contract's list of names, plus one event subscription.
// There is deliberately no generic invoke(channel): the page can ask for nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { EVENT_CHANNEL, IPC_PREFIX, METHOD_NAMES } from '../shared/methods'

const bridge: Record<string, unknown> = {}
for (const name of METHOD_NAMES) {
  const channel = `${IPC_PREFIX}${name}`
  bridge[name] = (input: unknown) => ipcRenderer.invoke(channel, input)
}
bridge.onEvent = (listener: (event: unknown) => void) => {
  const forward = (_e: IpcRendererEvent, event: unknown) => listener(event)
  ipcRenderer.on(EVENT_CHANNEL, forward)
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, forward)
  }
}

contextBridge.exposeInMainWorld('treasury', Object.freeze(bridge))
