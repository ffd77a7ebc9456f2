// Runs in: renderer. The RPC endpoint of each network as main describes it (masked: main never
// sends the key), read while Settings shows them and again when main says settings changed.
import type { EndpointView } from '../../../shared/execution'
import { api } from '../api'
import { createWatchedCache, useWatched, type WatchedView } from './watchedCache'

/** The one key of the list: it has no parameters. */
export const ENDPOINTS = 'endpoints'

export const useEndpointList = createWatchedCache<readonly EndpointView[]>(() => api.listEndpoints({}))

export interface EndpointsView extends WatchedView<readonly EndpointView[]> {
  /** Shows an endpoint main answered with after a change, in its network's place. */
  readonly replace: (next: EndpointView) => void
}

export function useEndpoints(): EndpointsView {
  const watched = useWatched(useEndpointList, ENDPOINTS)
  const replace = (next: EndpointView): void =>
    useEndpointList
      .getState()
      .update(ENDPOINTS, (list) =>
        (list ?? [])
          .map((e) => (e.chainId === next.chainId ? next : e))
          .concat(list?.some((e) => e.chainId === next.chainId) === true ? [] : [next])
      )
  return { ...watched, replace }
}
