// Runs in: main (plain Node). Each network's JSON-RPC endpoint: the catalogue's public default, or
// one the user configured. A configured URL (it often carries an API key) lives in the OS keychain;
// SQLite holds only its reference, and the renderer and the audit log only ever see it masked.
// The catalogue's other public endpoints of a network are its witnesses: a payment is not judged
// on the configured endpoint's silence before they were asked too (chain/nonceEvidence.ts). A team
// that does not want public endpoints to see its payments' hashes turns them off per network; then
// a receipt the configured endpoint serves is believed on its word, and its silence still proves
// nothing (rows are left for a person to check, never paid again).
import type { EndpointHealthView, EndpointView } from '../../shared/execution'
import { checkEndpoint, JsonRpcClient, type RpcTransport } from '../chain'
import type { Catalogue } from '../domain/catalogue'
import { AppFailure } from '../../shared/errors'
import { maskSecretUrl, rpcEndpointSecrets, validateRpcUrl, type SecretStore } from '../secrets'
import { appendAudit } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { deleteRawSetting, readRawSetting, writeRawSetting } from '../store/settingsRepo'

export interface EndpointServiceDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly secrets: () => Promise<SecretStore>
  readonly actor: () => string
  readonly timeoutMs?: number
  /** A network's endpoint was set or reset: what follows payments there starts again on the new one. */
  readonly changed?: (chainId: number) => void
}

const settingKey = (chainId: number) => `endpoint.${chainId}`
/** Stored (as false) only while a network's second opinions are off: on is the default. */
const secondOpinionKey = (chainId: number) => `endpoint.${chainId}.secondOpinion`
const ENDPOINT_TIMEOUT_MS = 15_000

export function createEndpointService(deps: EndpointServiceDeps) {
  const timeoutMs = deps.timeoutMs ?? ENDPOINT_TIMEOUT_MS

  function networkOrFail(chainId: number) {
    const network = deps.catalogue.network(chainId)
    if (network === undefined) throw new AppFailure('unknown_network', `Network ${chainId} is not in the catalogue.`)
    return network
  }

  function storedRef(chainId: number): { ref: string; masked: string } | undefined {
    const raw = readRawSetting(deps.db.write, settingKey(chainId))
    if (typeof raw !== 'object' || raw === null) return undefined
    const { ref, masked } = raw as { ref?: unknown; masked?: unknown }
    return typeof ref === 'string' && typeof masked === 'string' ? { ref, masked } : undefined
  }

  async function url(chainId: number): Promise<string> {
    const network = networkOrFail(chainId)
    const custom = storedRef(chainId)
    if (custom !== undefined) {
      try {
        return await rpcEndpointSecrets(await deps.secrets()).resolve(custom.ref)
      } catch {
        throw new AppFailure(
          'endpoint_secret_missing',
          `The ${network.name} endpoint ${custom.masked} is no longer in the keychain (it may have been kept for one session only). Enter it again in Settings.`
        )
      }
    }
    const fallback = network.defaultRpcUrls[0]
    if (fallback === undefined)
      throw new AppFailure('endpoint_missing', `No endpoint is configured for ${network.name}. Add one in Settings.`)
    return fallback
  }

  /**
   * The network's public endpoints other than the one in use. A development network's listed
   * address is no witness of a desk's own local node: two local chains share a chain id and nothing
   * else.
   */
  function witnessUrls(chainId: number): readonly string[] {
    const network = networkOrFail(chainId)
    if (storedRef(chainId) === undefined) return network.defaultRpcUrls.slice(1)
    return network.development ? [] : network.defaultRpcUrls
  }

  const secondOpinion = (chainId: number): boolean => readRawSetting(deps.db.write, secondOpinionKey(chainId)) !== false

  function view(chainId: number): EndpointView {
    const custom = storedRef(chainId)
    const common = {
      chainId,
      witnesses: witnessUrls(chainId).map((u) => new URL(u).host),
      secondOpinion: secondOpinion(chainId)
    }
    if (custom !== undefined) return { ...common, masked: custom.masked, source: 'custom' }
    const fallback = networkOrFail(chainId).defaultRpcUrls[0]
    return { ...common, masked: fallback === undefined ? '' : maskSecretUrl(fallback), source: 'default' }
  }

  async function health(chainId: number, endpointUrl: string): Promise<EndpointHealthView> {
    const network = networkOrFail(chainId)
    const r = await checkEndpoint({
      url: endpointUrl,
      label: network.name,
      expectedChainId: BigInt(chainId),
      timeoutMs
    })
    return r.ok
      ? {
          chainId,
          online: true,
          latestBlock: r.value.latestBlock.toString(),
          message: `${network.name} is reachable: block ${r.value.latestBlock}, ${r.value.latencyMs} ms.`
        }
      : { chainId, online: false, latestBlock: null, message: r.error.message }
  }

  return {
    url,
    list: (): EndpointView[] => deps.catalogue.networks.map((n) => view(n.chainId)),

    /** Checks the endpoint (reachable, right chain, recent block) before anything is stored. */
    async set(chainId: number, rawUrl: string): Promise<EndpointView> {
      const network = networkOrFail(chainId)
      let endpointUrl: string
      try {
        endpointUrl = validateRpcUrl(rawUrl)
      } catch (e) {
        throw new AppFailure('endpoint_invalid', e instanceof Error ? e.message : 'The RPC URL is not valid.')
      }
      const h = await health(chainId, endpointUrl)
      if (!h.online)
        throw new AppFailure('endpoint_check_failed', `${maskSecretUrl(endpointUrl)} was not saved: ${h.message}`)
      const endpoints = rpcEndpointSecrets(await deps.secrets())
      const previous = storedRef(chainId)
      const saved =
        previous === undefined ? await endpoints.save(endpointUrl) : await endpoints.replace(previous.ref, endpointUrl)
      inTransaction(deps.db.write, () => {
        writeRawSetting(deps.db.write, settingKey(chainId), { ref: saved.ref, masked: saved.masked })
        appendAudit(deps.db.write, {
          actor: deps.actor(),
          action: 'settings_changed',
          payoutId: null,
          detail: `${network.name} endpoint set to ${saved.masked}`
        })
      })
      deps.changed?.(chainId)
      return view(chainId)
    },

    async reset(chainId: number): Promise<EndpointView> {
      const network = networkOrFail(chainId)
      const previous = storedRef(chainId)
      if (previous !== undefined) {
        await rpcEndpointSecrets(await deps.secrets())
          .remove(previous.ref)
          .catch(() => false)
        inTransaction(deps.db.write, () => {
          deleteRawSetting(deps.db.write, settingKey(chainId))
          appendAudit(deps.db.write, {
            actor: deps.actor(),
            action: 'settings_changed',
            payoutId: null,
            detail: `${network.name} endpoint reset to the default`
          })
        })
        deps.changed?.(chainId)
      }
      return view(chainId)
    },

    /** Turns the network's second opinions on or off, in the audit log; a no-op when already so. */
    setSecondOpinion(chainId: number, on: boolean): EndpointView {
      const network = networkOrFail(chainId)
      if (secondOpinion(chainId) === on) return view(chainId)
      const hosts = witnessUrls(chainId).map((u) => new URL(u).host)
      const whom = hosts.length === 0 ? "the network's other public endpoints" : hosts.join(', ')
      inTransaction(deps.db.write, () => {
        if (on) deleteRawSetting(deps.db.write, secondOpinionKey(chainId))
        else writeRawSetting(deps.db.write, secondOpinionKey(chainId), false)
        appendAudit(deps.db.write, {
          actor: deps.actor(),
          action: 'settings_changed',
          payoutId: null,
          detail: on
            ? `${network.name} payments are cross-checked with ${whom} again`
            : `${network.name} payments are no longer cross-checked with ${whom}: a payment is called paid on the configured endpoint's word alone`
        })
      })
      return view(chainId)
    },

    async check(chainId: number): Promise<EndpointHealthView> {
      try {
        return await health(chainId, await url(chainId))
      } catch (e) {
        return {
          chainId,
          online: false,
          latestBlock: null,
          message: e instanceof Error ? e.message : 'The endpoint could not be checked.'
        }
      }
    },

    /**
     * A transport that finds the network's URL on each call, so a URL change applies to new calls;
     * `pinned()` fixes it to the URL configured now, for a tracking pass that checks its chain id first.
     */
    transport(chainId: number): RpcTransport {
      const label = networkOrFail(chainId).name
      const client = async (): Promise<JsonRpcClient> =>
        new JsonRpcClient({ url: await url(chainId), label, timeoutMs })
      return {
        label,
        request: async (method, params) => (await client()).request(method, params),
        batch: async (calls) => (await client()).batch(calls),
        pinned: client
      }
    },

    /**
     * The network's other public endpoints (the catalogue's, beyond the one in use): asked for
     * evidence before a payment is judged on the configured endpoint's silence. Each is used only
     * after its own chain id check.
     */
    witnesses(chainId: number): RpcTransport[] {
      const network = networkOrFail(chainId)
      if (!secondOpinion(chainId)) return []
      return witnessUrls(chainId).map(
        (witnessUrl) =>
          new JsonRpcClient({
            url: witnessUrl,
            label: `${network.name} (second opinion: ${new URL(witnessUrl).host})`,
            timeoutMs
          })
      )
    }
  }
}

export type EndpointService = ReturnType<typeof createEndpointService>
