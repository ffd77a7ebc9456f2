// Runs in: main (Electron). Binds each contract method to its own IPC channel. Every call is
// checked twice before it reaches the Treasury: the sender (our top frame, our page), then the
// input (the contract's schema, inside dispatch). The answer is always a Result.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { EVENT_CHANNEL, IPC_PREFIX, METHOD_NAMES } from '../../shared/methods'
import { err } from '../../shared/result'
import { dispatch } from '../dispatch'
import type { Treasury } from '../treasury'
import { isTrustedSender, type TrustedPage } from './senderPolicy'

export function bindTreasuryIpc(ipcMain: IpcMain, treasury: Treasury, trusted: TrustedPage): () => void {
  for (const name of METHOD_NAMES) {
    ipcMain.handle(`${IPC_PREFIX}${name}`, async (event: IpcMainInvokeEvent, input: unknown) => {
      const frame = event.senderFrame
      const facts = { frameUrl: frame?.url ?? '', isMainFrame: frame !== null && frame === event.sender.mainFrame }
      if (!isTrustedSender(facts, trusted))
        return err('untrusted_sender', "This request did not come from Treasury's own window and was refused.")
      return dispatch(treasury, name, input)
    })
  }
  return () => {
    for (const name of METHOD_NAMES) ipcMain.removeHandler(`${IPC_PREFIX}${name}`)
  }
}

/** Forwards the Treasury's events to the window's page. */
export function forwardEvents(treasury: Treasury, contents: WebContents): () => void {
  return treasury.onEvent((event) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event)
  })
}
