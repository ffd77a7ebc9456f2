// Runs in: main (plain Node). The composition root: wires catalogue, store and services into the
// object that implements the IPC contract. Electron, the browser harness, tests and benchmarks
// all drive the app through createTreasury; nothing else holds behaviour.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Issue, Settings, TreasuryApi, TreasuryEvent } from '../shared/api'
import { createCatalogue, type Catalogue } from './domain/catalogue'
import { validateRows } from './registry/validate'
import { AppFailure } from './errors'
import { createPayoutService, registryAsset } from './services/payoutService'
import { previewRegistry } from './services/registryPreview'
import { appendAudit } from './store/auditLog'
import { inTransaction, openDatabase } from './store/db'
import { readSettings, writeSettings } from './store/settingsRepo'

export interface TreasuryOptions {
  /** Folder that holds treasury.sqlite; created when missing. */
  readonly dataDir: string
  readonly now?: () => Date
  readonly catalogue?: Catalogue
  /** The registry worker script; found beside the bundle or the sources when omitted. */
  readonly registryWorkerFile?: string
}

export interface Treasury extends TreasuryApi {
  onEvent(listener: (event: TreasuryEvent) => void): () => void
  close(): void
}

export const DATABASE_FILE = 'treasury.sqlite'

export function createTreasury(options: TreasuryOptions): Treasury {
  const registryWorkerFile = options.registryWorkerFile
  mkdirSync(options.dataDir, { recursive: true })
  const db = openDatabase(join(options.dataDir, DATABASE_FILE))
  const catalogue = options.catalogue ?? createCatalogue()
  const now = options.now ?? (() => new Date())
  const listeners = new Set<(event: TreasuryEvent) => void>()
  const emit = (event: TreasuryEvent): void => {
    for (const l of listeners) l(event)
  }
  const settings = (): Settings => readSettings(db.write)
  const payouts = createPayoutService({ db, catalogue, settings, now, changed: (id, status) => emit({ type: 'payout.changed', id, status }) })

  return {
    async listNetworks() {
      return catalogue.publicNetworks()
    },
    async listAssets({ chainId }) {
      return catalogue.assets(chainId).map(({ transferReturnsNoValue: _internal, ...asset }) => asset)
    },
    async checkRecipient({ assetId, recipient }) {
      const asset = catalogue.asset(assetId)
      if (asset === undefined) throw new AppFailure('unknown_asset', `Currency ${assetId} is not in the catalogue.`)
      const row = validateRows([{ ...recipient, sourceRow: 1 }], registryAsset(asset)).rows[0]
      if (row === undefined) return { address: null, amountBaseUnits: null, issues: [{ field: 'row', severity: 'error', code: 'row_blank', message: 'Enter an address and an amount.' }] }
      const addressValid = !row.issues.some((i) => i.field === 'address' && i.severity === 'error')
      // One recipient has no row number to name: the shared validator's "Row 1: " prefix is dropped.
      const issues = row.issues.map((i) => ({ ...i, message: i.message.replace(/^Row 1: /, '') }))
      return { address: addressValid ? row.address : null, amountBaseUnits: row.amount === null ? null : row.amount.toString(), issues }
    },
    async createPayout(input) {
      return payouts.create(input)
    },
    async updatePayout(input) {
      return payouts.update(input)
    },
    async getPayout(input) {
      return payouts.get(input)
    },
    async listPayouts(input) {
      return payouts.list(input)
    },
    async cancelPayout(input) {
      return payouts.cancel(input)
    },
    async previewRegistry({ fileName, contentBase64, assetId, options }) {
      const asset = catalogue.asset(assetId)
      if (asset === undefined) throw new AppFailure('unknown_asset', `Currency ${assetId} is not in the catalogue.`)
      const bytes = Buffer.from(contentBase64, 'base64')
      return previewRegistry(bytes, fileName, asset, options ?? {}, registryWorkerFile)
    },
    async getSettings() {
      return settings()
    },
    async updateSettings(patch) {
      const before = settings()
      inTransaction(db.write, () => {
        writeSettings(db.write, patch)
        const changed = Object.entries(patch).filter(([k, v]) => v !== undefined && before[k as keyof Settings] !== v)
        appendAudit(db.write, { actor: settings().operatorName, action: 'settings_changed', payoutId: null, detail: changed.map(([k, v]) => `${k}: ${JSON.stringify(before[k as keyof Settings])} -> ${JSON.stringify(v)}`).join('; ') })
      })
      emit({ type: 'settings.changed' })
      return settings()
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      listeners.clear()
      db.close()
    }
  }
}
