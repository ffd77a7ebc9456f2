// Runs in: main (plain Node). The composition root: wires catalogue, store and services into the
// object that implements the IPC contract. Electron, the browser harness, tests and benchmarks
// all drive the app through createTreasury; nothing else holds behaviour.
import { join } from 'node:path'
import type { Settings, TreasuryApi, TreasuryEvent } from '../shared/api'
import { assertNever } from '../shared/result'
import { createCatalogue, type Catalogue } from './domain/catalogue'
import { validateRows } from './registry/validate'
import { AppFailure } from './errors'
import { createPayoutService, registryAsset } from './services/payoutService'
import { previewRegistry } from './services/registryPreview'
import { createRegistryReader } from './registry/inWorker'
import { appendAudit } from './store/auditLog'
import { inTransaction, openDatabase } from './store/db'
import { readSettings, writeSettings } from './store/settingsRepo'
import { EthRpc } from './chain'
import { createLedgerService, type LedgerService } from './ledger/ledgerService'
import { openNodeHidTransport, watchNodeHidDevices } from './ledger/nodeHidTransport'
import type Transport from '@ledgerhq/hw-transport'
import { openSecretStore, type SecretStore, type SecretStoreNotice } from './secrets'
import { createEndpointService } from './services/endpointService'
import { createExecutionService } from './services/executionService'
import { exportPayoutFile, templateFile } from './services/payoutExport'
import { payoutReportFile } from './services/payoutReport'
import { createApprovalService } from './services/approvalService'
import type { ApprovalPolicy } from './approvals/policy'
import { createAddressBook } from './services/addressBook'
import { parseAmount } from './domain/money'
import { verifyAuditLog } from './store/auditLog'
import type { ApprovalPolicyView } from '../shared/approvals'

export interface TreasuryOptions {
  /** Folder that holds treasury.sqlite; created when missing. */
  readonly dataDir: string
  readonly now?: () => Date
  readonly catalogue?: Catalogue
  /** The registry worker script; found beside the bundle or the sources when omitted. */
  readonly registryWorkerFile?: string
  /** Where secrets live; the OS keychain (or a session-only store when it is unavailable) by default. */
  readonly secrets?: SecretStore
  /** How to reach the Ledger; USB HID by default. Tests and the demo pass the emulator. */
  readonly ledger?: { readonly openTransport: () => Promise<Transport> }
  /** How often unsettled transactions are checked, in ms. */
  readonly pollIntervalMs?: number
}

export interface Treasury extends TreasuryApi {
  onEvent(listener: (event: TreasuryEvent) => void): () => void
  /** Set when secrets cannot be kept in the OS keychain: what the user must be told. */
  secretsNotice(): Promise<SecretStoreNotice | null>
  /** Starts the registry worker now, so the first import does not wait for it (the app calls this once its window is open). */
  prepareRegistryReader(): void
  /** Stops background work; resolves when the database is closed. */
  close(): Promise<void>
}

export const DATABASE_FILE = 'treasury.sqlite'

export function createTreasury(options: TreasuryOptions): Treasury {
  // One registry worker, started on the first import and kept for the next ones (see inWorker.ts).
  const registryReader = createRegistryReader(
    options.registryWorkerFile === undefined ? {} : { workerFile: options.registryWorkerFile }
  )
  const db = openDatabase(join(options.dataDir, DATABASE_FILE))
  const catalogue = options.catalogue ?? createCatalogue()
  const now = options.now ?? (() => new Date())
  const listeners = new Set<(event: TreasuryEvent) => void>()
  const emit = (event: TreasuryEvent): void => {
    for (const l of listeners) l(event)
  }
  const settings = (): Settings => readSettings(db.write)
  const payouts = createPayoutService({
    db,
    catalogue,
    settings,
    now,
    changed: (id, status) => emit({ type: 'payout.changed', id, status })
  })

  // Secrets: opened on first use, so starting the app never waits on the keychain.
  let secretsOpened: Promise<{ store: SecretStore; notice: SecretStoreNotice | null }> | null = null
  const secretStore = () =>
    (secretsOpened ??= options.secrets ? Promise.resolve({ store: options.secrets, notice: null }) : openSecretStore())
  const endpoints = createEndpointService({
    db,
    catalogue,
    secrets: async () => (await secretStore()).store,
    actor: () => settings().operatorName
  })

  // The Ledger: one service owns the device; created on first use so tests never load USB code.
  let ledgerService: LedgerService | null = null
  const ledger = (): LedgerService => {
    if (ledgerService !== null) return ledgerService
    ledgerService = options.ledger
      ? createLedgerService({ openTransport: options.ledger.openTransport })
      : createLedgerService({
          openTransport: openNodeHidTransport,
          watchDevices: (onChange) => watchNodeHidDevices(() => onChange())
        })
    ledgerService.subscribe((status) => emit({ type: 'device.status', status }))
    return ledgerService
  }

  const execution = createExecutionService({
    db,
    catalogue,
    now,
    rpcFor: (chainId) => new EthRpc(endpoints.transport(chainId)),
    ledger: { signer: (path) => ledger().signer(path) },
    confirmations: () => settings().confirmations,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    emit: (event) => {
      switch (event.type) {
        case 'payout.changed':
          emit(event)
          return
        case 'execution.progress':
          emit({ type: 'execution.progress', progress: event.progress })
          return
        case 'execution.trackingError':
          emit(event)
          return
        default:
          assertNever(event, 'execution event')
      }
    }
  })
  const approvals = createApprovalService({
    db,
    catalogue,
    settings,
    now,
    changed: (id, status) => emit({ type: 'payout.changed', id, status })
  })
  const addressBook = createAddressBook({ db, settings, now })
  const policyView = (p: ApprovalPolicy): ApprovalPolicyView => ({
    requireApproval: p.requireApproval,
    approvers: p.approvers,
    threshold: p.threshold,
    amountRules: p.amountRules.map((r) => ({
      assetId: r.assetId,
      maxWithoutApprovalBaseUnits: r.maxWithoutApproval.toString()
    }))
  })
  const file = (name: string, bytes: Uint8Array) => ({
    fileName: name,
    contentBase64: Buffer.from(bytes).toString('base64')
  })

  // Transactions signed before the last exit are followed again from the database alone.
  void execution.resume().catch((e: unknown) => console.error('Resuming unsettled transactions failed', e))

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
      if (row === undefined)
        return {
          address: null,
          amountBaseUnits: null,
          issues: [{ field: 'row', severity: 'error', code: 'row_blank', message: 'Enter an address and an amount.' }]
        }
      const addressValid = !row.issues.some((i) => i.field === 'address' && i.severity === 'error')
      // One recipient has no row number to name: the shared validator's "Row 1: " prefix is dropped.
      const issues = row.issues.map((i) => ({ ...i, message: i.message.replace(/^Row 1: /, '') }))
      return {
        address: addressValid ? row.address : null,
        amountBaseUnits: row.amount === null ? null : row.amount.toString(),
        issues
      }
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
    async patchPayoutRows(input) {
      return payouts.patchRows(input)
    },
    async previewRegistry({ fileName, contentBase64, assetId, options }) {
      const asset = catalogue.asset(assetId)
      if (asset === undefined) throw new AppFailure('unknown_asset', `Currency ${assetId} is not in the catalogue.`)
      const bytes = Buffer.from(contentBase64, 'base64')
      return previewRegistry(registryReader, bytes, fileName, asset, options ?? {})
    },
    async getNotices() {
      const notice = (await secretStore()).notice
      return notice === null ? [] : [{ code: notice.code, severity: 'warning' as const, message: notice.message }]
    },
    async getSettings() {
      return settings()
    },
    async updateSettings(patch) {
      const before = settings()
      inTransaction(db.write, () => {
        writeSettings(db.write, patch)
        const changed = Object.entries(patch).filter(([k, v]) => v !== undefined && before[k as keyof Settings] !== v)
        appendAudit(db.write, {
          actor: settings().operatorName,
          action: 'settings_changed',
          payoutId: null,
          detail: changed
            .map(([k, v]) => `${k}: ${JSON.stringify(before[k as keyof Settings])} -> ${JSON.stringify(v)}`)
            .join('; ')
        })
      })
      emit({ type: 'settings.changed' })
      return settings()
    },
    async submitPayout({ id }) {
      // Look-alike addresses must be acknowledged row by row; the policy decides whether a manager must approve.
      addressBook.assertAcknowledged(id)
      const { requireApproval } = approvals.prepareSubmission(id)
      execution.submit(id, { requireApproval, actor: settings().operatorName })
      return payouts.get({ id })
    },
    async retryPayout({ id }) {
      execution.retryFailed(id, { actor: settings().operatorName })
      return payouts.get({ id })
    },
    async listPayoutTransactions({ id }) {
      payouts.get({ id, limit: 0 })
      return execution.transactions(id)
    },
    async replaceTransaction({ id, hash, kind, accountPath }) {
      return execution.replace(id, { hash, kind, accountPath })
    },
    async exportPayout({ id, format }) {
      return exportPayoutFile(db, catalogue, id, format)
    },
    async exportPayoutReport({ id, format }) {
      // Drafts have no approval state yet: the report then simply has no approvals.
      let review: ReturnType<typeof approvals.review> | null = null
      try {
        review = approvals.review(id)
      } catch {
        review = null
      }
      return payoutReportFile(db, catalogue, id, format, review)
    },
    async registryTemplate({ format }) {
      return templateFile(format)
    },
    async getDeviceStatus() {
      const service = ledger()
      await service.refresh().catch(() => undefined)
      return service.status
    },
    async listAccounts({ scheme, start, count }) {
      return [...(await ledger().listAccounts({ scheme, start, count }))]
    },
    async verifyAccount({ path }) {
      return { path, address: await ledger().verifyAddress(path) }
    },
    async listEndpoints() {
      return endpoints.list()
    },
    async setEndpoint({ chainId, url }) {
      return endpoints.set(chainId, url)
    },
    async resetEndpoint({ chainId }) {
      return endpoints.reset(chainId)
    },
    async checkEndpoint({ chainId }) {
      return endpoints.check(chainId)
    },
    async quotePayout({ id, accountPath }) {
      return execution.quote(id, { accountPath })
    },
    async executePayout({ id, accountPath, plan }) {
      addressBook.assertAcknowledged(id)
      const signer = await ledger().signer(accountPath)
      approvals.assertPayer(id, signer.address)
      return execution.execute(id, { accountPath, plan })
    },
    async getApprovalPolicy() {
      return policyView(approvals.policy())
    },
    async addApprover({ name, path }) {
      // The approver's address is the one their own Ledger displays and they confirm there.
      const address = await ledger().verifyAddress(path)
      return policyView(approvals.addApprover({ name, address }))
    },
    async removeApprover({ address }) {
      return policyView(approvals.removeApprover(address))
    },
    async setApprovalThreshold({ threshold }) {
      return policyView(approvals.setThreshold(threshold))
    },
    async setApprovalAmountRule({ assetId, maxWithoutApproval }) {
      const asset = catalogue.asset(assetId)
      if (asset === undefined) throw new AppFailure('unknown_asset', `Currency ${assetId} is not in the catalogue.`)
      if (maxWithoutApproval === null) return policyView(approvals.setAmountRule(asset.id, null))
      const amount = parseAmount(maxWithoutApproval, asset.decimals, asset.symbol, { allowZero: true })
      if (!amount.ok) throw new AppFailure(amount.code, amount.message)
      return policyView(approvals.setAmountRule(asset.id, amount.value))
    },
    async getApprovalReview({ id }) {
      return approvals.review(id)
    },
    async approvePayout({ id, accountPath }) {
      const device = ledger()
      const signer = await device.signer(accountPath)
      const signature = await device.signPersonalMessage(accountPath, approvals.message(id))
      return approvals.recordApproval(id, signature, { expectedSigner: signer.address })
    },
    async rejectPayout({ id, approver, reason }) {
      // A rejection cancels the payout: it must come from someone the policy lists as an approver.
      const listed = approvals
        .policy()
        .approvers.find((a) => a.name.trim().toLowerCase() === approver.trim().toLowerCase())
      if (listed === undefined)
        throw new AppFailure(
          'approval_not_an_approver',
          `${approver} is not a listed approver. Only an approver can reject a payout; its creator can cancel it instead.`
        )
      return approvals.reject(id, { approver: listed.name, reason })
    },
    async exportForApproval({ id }) {
      return file(`${id}-approval-request.json`, approvals.exportForApproval(id))
    },
    async importApproval({ contentBase64 }) {
      return approvals.importApproval(Buffer.from(contentBase64, 'base64'))
    },
    async importForApproval({ contentBase64 }) {
      return approvals.importForApproval(Buffer.from(contentBase64, 'base64'))
    },
    async listImportedForApproval() {
      return approvals.listImported()
    },
    async approveImported({ id, accountPath }) {
      const review = approvals.importedReview(id)
      const signature = await ledger().signPersonalMessage(accountPath, review.message)
      return approvals.recordImportedApproval(id, signature)
    },
    async exportApproval({ id }) {
      return file(`${id}-approval.json`, approvals.exportApproval(id))
    },
    async getRecipientSafety({ id }) {
      return addressBook.checkPayout(id)
    },
    async acknowledgeLookalike({ id, row }) {
      return addressBook.acknowledge(id, row)
    },
    async listAddressBook() {
      return addressBook.list()
    },
    async setAddressLabel({ address, label }) {
      return addressBook.setLabel(address, label)
    },
    async removeAddressLabel({ address }) {
      addressBook.removeLabel(address)
      return addressBook.list()
    },
    async verifyAuditLog() {
      return verifyAuditLog(db.read)
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async secretsNotice() {
      return (await secretStore()).notice
    },
    prepareRegistryReader() {
      registryReader.warm()
    },
    async close() {
      listeners.clear()
      await registryReader.close()
      await execution.close()
      await ledgerService?.close()
      db.close()
    }
  }
}
