// Runs in: Vitest (node). Which endpoints witness a network's configured one: the catalogue's public
// endpoints beyond the one in use, so a desk on the default has a second opinion too; never a
// development network's listed address for a desk's own local node; and none at all for a network
// whose second opinions the desk turned off, recorded in the audit log.
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

  it('asks none once the desk turns second opinions off for that network, says so in the audit log, and asks again once on', () => {
    const { db, endpoints } = freshDesk()
    const ethereum = createCatalogue().network(1)!
    const hosts = ethereum.defaultRpcUrls.slice(1).map((u) => new URL(u).host)
    const audit = () =>
      db.read.prepare("SELECT detail FROM audit_log WHERE action = 'settings_changed' ORDER BY id").all() as Array<{
        detail: string
      }>
    expect(endpoints.list().find((e) => e.chainId === 1)?.secondOpinion).toBe(true)

    expect(endpoints.setSecondOpinion(1, false)).toMatchObject({ chainId: 1, secondOpinion: false, witnesses: hosts })
    expect(endpoints.witnesses(1)).toEqual([])
    // Other networks keep theirs; turning it off twice records it once.
    expect(endpoints.witnesses(10).length).toBeGreaterThan(0)
    endpoints.setSecondOpinion(1, false)
    expect(audit().map((a) => a.detail)).toEqual([
      `Ethereum payments are no longer cross-checked with ${hosts.join(', ')}: a payment is called paid on the configured endpoint's word alone`
    ])

    expect(endpoints.setSecondOpinion(1, true).secondOpinion).toBe(true)
    expect(endpoints.witnesses(1).map((w) => w.label)).toEqual(hosts.map((h) => `Ethereum (second opinion: ${h})`))
    expect(audit()).toHaveLength(2)
    expect(audit()[1]?.detail).toBe(`Ethereum payments are cross-checked with ${hosts.join(', ')} again`)
    db.close()
  })
})
