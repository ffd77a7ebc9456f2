// Runs in: main (plain Node). Owns the Ledger: opens the transport, runs every request through the
// device queue, publishes the device status (for the renderer's device panel), lists and verifies
// accounts, hands out transaction signers and signs approval messages. The transport comes from
// a factory so the same service drives a real device (nodeHidTransport.ts) or the emulator.

import type { AccountScheme, AccountView, DeviceStatusView } from '../../shared/execution'
import type Transport from '@ledgerhq/hw-transport'
import { getAddress, hexlify, toUtf8Bytes, verifyMessage } from 'ethers'
import { ledgerLivePath, legacyPath } from './bip32Path'
import { createDeviceQueue } from './deviceQueue'
import { LedgerError, toLedgerError } from './errors'
import { createEthApp, type EthApp } from './hwAppEth'
import { createLedgerSigner, type LedgerTransactionSigner } from './ledgerSigner'
import * as SW from './statusWords'
import { signTypedDataWith, type TypedDataRequest, type TypedDataSignature } from './typedDataSigner'

/** What the device is doing, as the renderer shows it: declared once, in the contract. */
export type DeviceStatus = DeviceStatusView

export interface LedgerServiceOptions {
  readonly openTransport: () => Promise<Transport>
  /** How long the user has to answer on the device before the request is abandoned. */
  readonly userTimeoutMs?: number
  /** Hot-plug source: calls back when a device appears or disappears; returns an unsubscribe. */
  readonly watchDevices?: (onChange: () => void) => () => void
}

const DEFAULT_USER_TIMEOUT_MS = 180_000
const MAX_ACCOUNTS_PER_PAGE = 50

export function createLedgerService(options: LedgerServiceOptions) {
  const queue = createDeviceQueue()
  const listeners = new Set<(status: DeviceStatus) => void>()
  const userTimeoutMs = options.userTimeoutMs ?? DEFAULT_USER_TIMEOUT_MS
  let status: DeviceStatus = { kind: 'disconnected' }
  let idle: DeviceStatus = status
  let connection: { transport: Transport; eth: EthApp } | null = null

  function publish(next: DeviceStatus, remember = true): void {
    if (remember) idle = next
    status = next
    for (const l of listeners) l(next)
  }

  function drop(): void {
    const current = connection
    connection = null
    if (current) void current.transport.close().catch(() => {})
  }

  async function connect(): Promise<{ transport: Transport; eth: EthApp }> {
    if (connection) return connection
    const transport = await options.openTransport()
    const current = { transport, eth: createEthApp(transport) }
    transport.on('disconnect', () => {
      if (connection !== current) return
      connection = null
      publish({ kind: 'disconnected' })
    })
    connection = current
    return current
  }

  /** Keeps the published status in line with what an error says about the device. */
  function noteError(error: unknown): void {
    const e = toLedgerError(error)
    switch (e.code) {
      case 'ledger_disconnected':
        drop()
        publish({ kind: 'disconnected' })
        return
      case 'ledger_locked':
        publish({ kind: 'locked' })
        return
      case 'ledger_app_not_open':
        publish({ kind: 'dashboard' })
        return
      default:
        publish(idle, false)
    }
  }

  /** Runs one device job alone; `action` is what the device panel shows meanwhile. */
  function withDevice<T>(
    action: string,
    needsUser: boolean,
    job: (c: { transport: Transport; eth: EthApp }) => Promise<T>
  ): Promise<T> {
    return queue.run(async () => {
      let timer: NodeJS.Timeout | null = null
      try {
        const c = await connect()
        publish(needsUser ? { kind: 'awaitingConfirmation', action } : { kind: 'busy', action }, false)
        const work = job(c)
        // After a timeout the abandoned request still settles (usually as a disconnect): ignore it.
        work.catch(() => {})
        const result = !needsUser
          ? await work
          : await Promise.race([
              work,
              new Promise<never>((_, reject) => {
                timer = setTimeout(() => {
                  // Closing the handle abandons the request so the next one starts clean.
                  drop()
                  reject(new LedgerError('ledger_user_timeout'))
                }, userTimeoutMs)
              })
            ])
        publish(idle, false)
        return result
      } catch (error) {
        if (!(error instanceof LedgerError && error.code === 'ledger_user_timeout')) noteError(error)
        else publish(idle, false)
        throw error
      } finally {
        if (timer) clearTimeout(timer)
      }
    })
  }

  async function readStatus(c: { transport: Transport; eth: EthApp }): Promise<DeviceStatus> {
    const r = await c.transport.send(SW.CLA_OS, SW.INS_GET_APP_AND_VERSION, 0, 0)
    const nameLength = r[1] ?? 0
    const name = r.subarray(2, 2 + nameLength).toString('ascii')
    if (name === 'BOLOS') return { kind: 'dashboard' }
    if (name !== 'Ethereum') return { kind: 'wrongApp', appName: name }
    const config = await c.eth.getAppConfiguration()
    return { kind: 'ready', appVersion: config.version, blindSigningEnabled: config.arbitraryDataEnabled !== 0 }
  }

  async function addressAt(eth: EthApp, path: string, display: boolean): Promise<string> {
    return getAddress((await eth.getAddress(path, display, false)).address)
  }

  const stopWatching = options.watchDevices?.(() => {
    void service.refresh().catch(() => {})
  })

  const service = {
    get status(): DeviceStatus {
      return status
    },
    subscribe(listener: (status: DeviceStatus) => void): () => void {
      listeners.add(listener)
      listener(status)
      return () => listeners.delete(listener)
    },
    /** Asks the device what it is doing now (app open, version, blind signing) and publishes it. */
    async refresh(): Promise<DeviceStatus> {
      try {
        const next = await queue.run(async () => readStatus(await connect()))
        publish(next)
      } catch (error) {
        noteError(error)
      }
      return status
    },
    async listAccounts(request: { scheme: AccountScheme; start: number; count: number }): Promise<AccountView[]> {
      const count = Math.min(Math.max(0, Math.floor(request.count)), MAX_ACCOUNTS_PER_PAGE)
      const pathOf = request.scheme === 'ledgerLive' ? ledgerLivePath : legacyPath
      try {
        return await withDevice('Reading accounts', false, async ({ eth }) => {
          const out: AccountView[] = []
          for (let index = request.start; index < request.start + count; index++) {
            const path = pathOf(index)
            out.push({ scheme: request.scheme, index, path, address: await addressAt(eth, path, false) })
          }
          return out
        })
      } catch (error) {
        throw toLedgerError(error)
      }
    },
    /** Shows the address on the device; resolves with it once the user confirms it there. */
    async verifyAddress(path: string): Promise<string> {
      try {
        return await withDevice('Verify the address on your Ledger', true, ({ eth }) => addressAt(eth, path, true))
      } catch (error) {
        throw toLedgerError(error)
      }
    },
    /** A TransactionSigner for the account at `path`; each signature is its own queued request. */
    async signer(path: string): Promise<LedgerTransactionSigner> {
      let address: string
      try {
        address = await withDevice('Reading account', false, ({ eth }) => addressAt(eth, path, false))
      } catch (error) {
        throw toLedgerError(error)
      }
      return createLedgerSigner({
        path,
        address,
        withEth: (job) => withDevice('Confirm the transaction on your Ledger', true, ({ eth }) => job(eth))
      })
    },
    /** EIP-191 personal_sign on the device; returns the 65-byte signature (r, s, v) as 0x hex, checked against the account. */
    async signPersonalMessage(path: string, message: string | Uint8Array): Promise<string> {
      const bytes = typeof message === 'string' ? toUtf8Bytes(message) : message
      try {
        const { address, signature } = await withDevice('Confirm the message on your Ledger', true, async ({ eth }) => {
          const address = await addressAt(eth, path, false)
          const sig = await eth.signPersonalMessage(path, hexlify(bytes).slice(2))
          return {
            address,
            signature: '0x' + sig.r.padStart(64, '0') + sig.s.padStart(64, '0') + sig.v.toString(16).padStart(2, '0')
          }
        })
        if (getAddress(verifyMessage(bytes, signature)) !== address)
          throw new LedgerError('ledger_signature_mismatch', { field: 'signer' })
        return signature
      } catch (error) {
        throw toLedgerError(error)
      }
    },
    /**
     * EIP-712 typed data on the device (full where the app supports it, the two hashes otherwise),
     * checked against the account at `path`; `action` is what the device panel says meanwhile.
     */
    async signTypedData(
      path: string,
      request: TypedDataRequest,
      action = 'Confirm on your Ledger'
    ): Promise<TypedDataSignature> {
      try {
        return await withDevice(action, true, async ({ eth }) =>
          signTypedDataWith(eth, path, request, await addressAt(eth, path, false))
        )
      } catch (error) {
        throw toLedgerError(error)
      }
    },
    async close(): Promise<void> {
      stopWatching?.()
      await queue.run(async () => drop())
      publish({ kind: 'disconnected' })
    }
  }
  return service
}

export type LedgerService = ReturnType<typeof createLedgerService>
