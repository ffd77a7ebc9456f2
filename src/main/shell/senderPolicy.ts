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
 * Where the app's page comes from: its own origin (app://treasury, see appProtocol.ts) or, in
 * development only, the dev server's origin.
 */
export interface TrustedPage {
  readonly appOrigin?: string
  readonly devOrigin?: string
}

/** The scheme and host of `url` as an origin string; the URL parser gives custom schemes no origin of their own. */
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`
}

export function isTrustedSender(sender: SenderFacts, trusted: TrustedPage): boolean {
  if (!sender.isMainFrame) return false
  let url: URL
  try {
    url = new URL(sender.frameUrl)
  } catch {
    return false
  }
  if (trusted.appOrigin !== undefined && url.username === '' && url.password === '' && url.port === '')
    if (originOf(url) === trusted.appOrigin) return true
  if (trusted.devOrigin !== undefined && (url.protocol === 'http:' || url.protocol === 'https:')) {
    return url.origin === new URL(trusted.devOrigin).origin
  }
  return false
}
