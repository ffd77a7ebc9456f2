// Runs in: main. The guards on the window's web contents: no navigation away from our page, no
// redirects, no new windows (explorer links go to the user's browser), no webviews. Electron types
// only, so the guards are tested under plain Node with a stand-in for WebContents.
import type { WebContents } from 'electron'
import { isAllowedExternalUrl } from './externalLinks'

type GuardedContents = Pick<WebContents, 'setWindowOpenHandler' | 'on' | 'getURL'>

export function lockDownContents(contents: GuardedContents, openExternal: (url: string) => void): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event, url) => {
    if (url !== contents.getURL()) event.preventDefault()
  })
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
