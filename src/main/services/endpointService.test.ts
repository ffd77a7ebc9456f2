// Runs in: Vitest (node). Which endpoints witness a network's configured one: the catalogue's public
// endpoints beyond the one in use, so a desk on the default has a second opinion too; never a
// development network's listed address for a desk's own local node.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEndpointService } from './endpointService'
import { createCatalogue } from '../domain/catalogue'
import { createSessionSecretStore } from '../secrets'
import { openDatabase } from '../store/db'
import { writeRawSetting } from '../store/settingsRepo'
import { tempDir } from '../../test/tempDir'

/** A desk's database and its endpoints over the shipped catalogue. */
function freshDesk() {
  const db = openDatabase(join(tempDir('treasury-endpoints-'), 'treasury.sqlite'))
  const endpoints = createEndpointService({
    db,
    catalogue: createCatalogue(),
    secrets: async () => createSessionSecretStore(),
    actor: () => 'test'
  })
  return { db, endpoints }
}

describe('witnesses of a network endpoint', () => {
  it("asks the catalogue's other public endpoint beside the default, and every one beside a desk's own", () => {
    const { db, endpoints } = freshDesk()
    const ethereum = createCatalogue().network(1)!
    const hostOf = (url: string) => new URL(url).host
    expect(endpoints.witnesses(1).map((w) => w.label)).toEqual(
      ethereum.defaultRpcUrls.slice(1).map((u) => `Ethereum (second opinion: ${hostOf(u)})`)
    )
    expect(endpoints.witnesses(1).length).toBeGreaterThanOrEqual(1)
    expect(endpoints.list().find((e) => e.chainId === 1)?.witnesses).toEqual(
      ethereum.defaultRpcUrls.slice(1).map(hostOf)
    )
    // A desk's own endpoint (only its keychain reference is in the file): every public one witnesses it.
    writeRawSetting(db.write, 'endpoint.1', { ref: 'rpc-endpoint:1', masked: 'https://eth.example/…' })
    expect(endpoints.witnesses(1).map((w) => w.label)).toEqual(
      ethereum.defaultRpcUrls.map((u) => `Ethereum (second opinion: ${hostOf(u)})`)
    )
    expect(endpoints.list().find((e) => e.chainId === 1)?.witnesses).toEqual(ethereum.defaultRpcUrls.map(hostOf))
    db.close()
  })

  it("takes no development network's listed address as a witness of a desk's own local node", () => {
    const { db, endpoints } = freshDesk()
    writeRawSetting(db.write, 'endpoint.31337', { ref: 'rpc-endpoint:31337', masked: 'http://127.0.0.1:33431/' })
    expect(endpoints.witnesses(31337)).toEqual([])
    expect(endpoints.list().find((e) => e.chainId === 31337)?.witnesses).toEqual([])
    db.close()
  })
})
