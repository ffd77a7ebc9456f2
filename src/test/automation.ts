// Runs in: tests (plain Node). What automation tests share: a free loopback port, waiting for a
// condition instead of for a fixed time, and an app with the REST API on and a token to call it.
import { createServer } from 'node:net'
import type { ApiScope } from '../shared/automation'
import type { Result } from '../shared/result'
import { createSessionSecretStore, type SecretStore } from '../main/secrets'
import { createTreasury, type Treasury, type TreasuryOptions } from '../main/treasury'

export const USDC_ETH = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
export const ADDRESS_A = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
export const ADDRESS_B = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'
/** Feeds move every 50 ms in tests, so a change shows within a tick or two. */
export const FAST_AUTOMATION = { timings: { tickMs: 50 } } as const

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
  /** What is awaited; a function is asked only on a timeout, to say what was seen instead. */
  what: string | (() => string | Promise<string>) = 'condition'
): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > until)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : await what()}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

export function unwrap<T>(result: Result<T> | T): T {
  const r = result as Result<T>
  if (typeof r === 'object' && r !== null && 'ok' in r) {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.value
  }
  return result as T
}

export interface ApiApp {
  readonly treasury: Treasury
  readonly url: string
  token(name: string, scopes: readonly ApiScope[]): Promise<string>
}

/** An app on `dataDir` with the REST API switched on at a free port. */
export async function openApiApp(
  dataDir: string,
  options: Partial<TreasuryOptions> = {},
  secrets: SecretStore = createSessionSecretStore()
): Promise<ApiApp> {
  const treasury = createTreasury({ dataDir, secrets, automation: FAST_AUTOMATION, ...options })
  const view = await treasury.updateAutomation({ apiEnabled: true, apiPort: await freePort() })
  const url = await waitFor(async () => (await treasury.getAutomation({})).api.url ?? undefined, 5_000, 'the API')
  if (view.api.state === 'failed') throw new Error(view.api.error ?? 'API failed')
  return {
    treasury,
    url,
    async token(name, scopes) {
      return (await treasury.createApiToken({ name, scopes: [...scopes] })).secret
    }
  }
}
