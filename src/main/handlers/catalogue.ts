// Runs in: main (plain Node). The networks and currencies a payout can use, as the renderer sees them.
import type { Catalogue } from '../domain/catalogue'
import type { HandlersOf } from './owners'

export function catalogueHandlers(catalogue: Catalogue): HandlersOf<'catalogue'> {
  return {
    async listNetworks() {
      return catalogue.publicNetworks()
    },
    async listAssets({ chainId }) {
      return catalogue.assets(chainId).map(({ transferReturnsNoValue: _internal, ...asset }) => asset)
    }
  }
}
