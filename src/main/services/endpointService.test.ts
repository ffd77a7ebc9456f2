// Runs in: Vitest (node). Which endpoints witness a network's configured one: the catalogue's public
// endpoints beyond the one in use, so a desk on the default has a second opinion too.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEndpointService } from './endpointService'
import { createCatalogue } from '../domain/catalogue'
import { createSessionSecretStore } from '../secrets'
import { openDatabase } from '../store/db'
import { writeRawSetting } from '../store/settingsRepo'
import { tempDir } from '../../test/tempDir'

describe('witnesses of a network endpoint', () => {
  it("asks the catalogue's other public endpoint beside the default, and every one beside a desk's own", () => {
    const db = openDatabase(join(tempDir('treasury-endpoints-'), 'treasury.sqlite'))
    const catalogue = createCatalogue()
    const endpoints = createEndpointService({
      db,
      catalogue,
      secrets: async () => createSessionSecretStore(),
      actor: () => 'test'
    })
    const ethereum = catalogue.network(1)!
    const hostOf = (url: string) => new URL(url).host
    expect(endpoints.witnesses(1).map((w) => w.label)).toEqual(
      ethereum.defaultRpcUrls.slice(1).map((u) => `Ethereum (second opinion: ${hostOf(u)})`)
    )
    expect(endpoints.witnesses(1).length).toBeGreaterThanOrEqual(1)
    // A desk's own endpoint (only its keychain reference is in the file): every public one witnesses it.
    writeRawSetting(db.write, 'endpoint.1', { ref: 'rpc-endpoint:1', masked: 'https://eth.example/…' })
    expect(endpoints.witnesses(1).map((w) => w.label)).toEqual(
      ethereum.defaultRpcUrls.map((u) => `Ethereum (second opinion: ${hostOf(u)})`)
    )
    db.close()
  })
})
