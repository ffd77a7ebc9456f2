// Runs in: main (plain Node). The app's one Ledger service, created on first use so a run that never
// touches the device opens no USB handle: over the given transport (tests and the demo pass the
// emulator's), else over USB HID, with every status change passed on.
import type Transport from '@ledgerhq/hw-transport'
import type { DeviceStatusView } from '../../shared/execution'
import { createLedgerService, type LedgerService } from './ledgerService'
import { openNodeHidTransport, watchNodeHidDevices } from './nodeHidTransport'

export interface AppLedger {
  /** The service, created on the first call. */
  (): LedgerService
  /** The service if it was ever created, for closing it. */
  readonly created: () => LedgerService | null
}

export function appLedger(
  transport: { readonly openTransport: () => Promise<Transport> } | undefined,
  onStatus: (status: DeviceStatusView) => void
): AppLedger {
  let service: LedgerService | null = null
  const get = (): LedgerService => {
    if (service !== null) return service
    service = transport
      ? createLedgerService({ openTransport: transport.openTransport })
      : createLedgerService({
          openTransport: openNodeHidTransport,
          watchDevices: (onChange) => watchNodeHidDevices(() => onChange())
        })
    service.subscribe(onStatus)
    return service
  }
  return Object.assign(get, { created: () => service })
}
