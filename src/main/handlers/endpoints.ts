// Runs in: main (plain Node). Each network's JSON-RPC endpoint: listed masked, set, reset, checked,
// and whether the network's other public endpoints are asked for a second opinion on payments.
import type { EndpointService } from '../services/endpointService'
import type { HandlersOf } from './owners'

export function endpointHandlers(endpoints: EndpointService): HandlersOf<'endpoints'> {
  return {
    async listEndpoints() {
      return endpoints.list()
    },
    async setEndpoint({ chainId, url }) {
      return endpoints.set(chainId, url)
    },
    async resetEndpoint({ chainId }) {
      return endpoints.reset(chainId)
    },
    async setSecondOpinion({ chainId, on }) {
      return endpoints.setSecondOpinion(chainId, on)
    },
    async checkEndpoint({ chainId }) {
      return endpoints.check(chainId)
    }
  }
}
