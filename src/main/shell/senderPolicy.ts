// Runs in: main. Which IPC senders are the app itself: only the top frame of our own window,
// showing our own page. A frame inside the page, or the window after navigating elsewhere, is not.
// Types only from electron, so this stays testable under plain Node.

export interface SenderFacts {
  /** URL of the frame that sent the message. */
  readonly frameUrl: string
  /** True when the sending frame is the window's main (top) frame. */
  readonly isMainFrame: boolean
}

/**
 * The app's page is either a file inside the packaged renderer folder or, in development, the
 * dev server's origin. `trusted` is that file URL's folder or the dev origin.
 */
export function isTrustedSender(
  sender: SenderFacts,
  trusted: { readonly fileRoot?: string; readonly devOrigin?: string }
): boolean {
  if (!sender.isMainFrame) return false
  let url: URL
  try {
    url = new URL(sender.frameUrl)
  } catch {
    return false
  }
  if (url.protocol === 'file:' && trusted.fileRoot !== undefined) {
    const root = new URL(trusted.fileRoot.endsWith('/') ? trusted.fileRoot : `${trusted.fileRoot}/`)
    return url.pathname.startsWith(root.pathname) && url.host === ''
  }
  if (trusted.devOrigin !== undefined && (url.protocol === 'http:' || url.protocol === 'https:')) {
    return url.origin === new URL(trusted.devOrigin).origin
  }
  return false
}
