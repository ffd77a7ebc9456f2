// Runs in: main (plain Node, Vitest). The app's secret store is chosen once, on first use: a store
// given to the app is used as it is, with nothing to tell the user, and every caller gets the same one.
import { describe, expect, it } from 'vitest'
import { secretStoreOnFirstUse } from './openSecretStore'
import { createSessionSecretStore } from './sessionStore'

describe('the secret store chosen on first use', () => {
  it('uses a given store as it is, with no notice, and the same store for every caller', async () => {
    const given = createSessionSecretStore()
    const secrets = secretStoreOnFirstUse(given)
    expect(await secrets.store()).toBe(given)
    expect(await secrets.notice()).toBeNull()
    await (await secrets.store()).set('rpc-endpoint:one', 'https://rpc.example/')
    expect(await given.get('rpc-endpoint:one')).toBe('https://rpc.example/')
  })

  it('opens one store however many callers ask at once', async () => {
    const secrets = secretStoreOnFirstUse()
    const [a, b] = await Promise.all([secrets.store(), secrets.store()])
    expect(a).toBe(b)
  })
})
