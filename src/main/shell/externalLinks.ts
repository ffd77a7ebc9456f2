// Runs in: main. The only URLs the app will hand to the user's browser: transaction, address and
// token pages on the block explorers of the catalogue's networks. Everything else is refused.
import { createCatalogue } from '../domain/catalogue'

const EXPLORER_PATH = /^\/(tx\/0x[0-9a-fA-F]{64}|address\/0x[0-9a-fA-F]{40}|token\/0x[0-9a-fA-F]{40})\/?$/

const explorerOrigins = new Set(
  createCatalogue()
    .networks.map((n) => n.explorerUrl)
    .filter((u): u is string => u !== null)
    .map((u) => new URL(u).origin)
)

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.search === '' &&
    url.hash === '' &&
    explorerOrigins.has(url.origin) &&
    EXPLORER_PATH.test(url.pathname)
  )
}
