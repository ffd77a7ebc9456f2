// Runs in: main (plain Node). The real device: @ledgerhq/hw-transport-node-hid, loaded lazily so
// that tests and the demo never load node-hid's native module. Also relays hot-plug events.

import type Transport from '@ledgerhq/hw-transport'
import { createRequire } from 'node:module'

interface DescriptorEvent {
  readonly type: 'add' | 'remove'
}
interface NodeHidTransportClass {
  create(openTimeout?: number, listenTimeout?: number): Promise<Transport>
  listen(observer: { next: (e: DescriptorEvent) => void; error: (e: unknown) => void; complete: () => void }): {
    unsubscribe: () => void
  }
}

let loaded: NodeHidTransportClass | null = null
function nodeHid(): NodeHidTransportClass {
  if (loaded) return loaded
  const req = createRequire(__filename)
  const mod = req('@ledgerhq/hw-transport-node-hid') as { default?: NodeHidTransportClass } & NodeHidTransportClass
  loaded = mod.default ?? mod
  return loaded
}

const OPEN_TIMEOUT_MS = 3_000
const LISTEN_TIMEOUT_MS = 3_000

/** Opens the first Ledger plugged in over USB; rejects (NoDeviceFound) when there is none. */
export function openNodeHidTransport(): Promise<Transport> {
  return nodeHid().create(OPEN_TIMEOUT_MS, LISTEN_TIMEOUT_MS)
}

/**
 * Calls `onChange` whenever a Ledger is plugged in or removed (node-hid's USB listening); returns
 * the unsubscribe function. Listening errors are reported once and end the subscription.
 */
export function watchNodeHidDevices(
  onChange: (event: 'add' | 'remove') => void,
  onError: (error: unknown) => void = () => {}
): () => void {
  const subscription = nodeHid().listen({ next: (e) => onChange(e.type), error: onError, complete: () => {} })
  return () => subscription.unsubscribe()
}
