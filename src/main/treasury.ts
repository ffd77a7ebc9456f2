// Runs in: main (plain Node). The composition root: wires catalogue, store, services and the
// feature handlers into the object that implements the IPC contract. Electron, the browser harness,
// tests and benchmarks all drive the app through createTreasury. Rules live in the services and
// handlers that own each action (see handlers/owners.ts); nothing here decides anything.
import { join } from 'node:path'
import type { TreasuryApi } from '../shared/api'
import type { PayoutStatus } from '../shared/statuses'
import { createAutomation } from './automation'
import type { AutomatedSource } from './automation/origin'
import { sourceApi } from './automation/sourceApi'
import { EthRpc } from './chain'
import { confirmationDepth, createCatalogue } from './domain/catalogue'
import { createFeedDirectory } from './domain/priceFeeds'
import { accountingHandlers } from './handlers/accounting'
import { addressBookHandlers } from './handlers/addressBook'
import { approvalHandlers } from './handlers/approvals'
import { automationHandlers } from './handlers/automation'
import { catalogueHandlers } from './handlers/catalogue'
import { deviceHandlers } from './handlers/device'
import { draftHandlers } from './handlers/drafts'
import { endpointHandlers } from './handlers/endpoints'
import { paymentHandlers } from './handlers/payment'
import { policyHandlers } from './handlers/policy'
import { registryHandlers } from './handlers/registry'
import { safeHandlers } from './handlers/safe'
import { settingsHandlers } from './handlers/settings'
import { submissionHandlers } from './handlers/submission'
import { appLedger } from './ledger/appLedger'
import { createRegistryThreads } from './registry/registryThreads'
import { secretStoreOnFirstUse } from './secrets'
import { createAccountingServices } from './services/accountingServices'
import { createAddressBook } from './services/addressBook'
import { createApprovalService } from './services/approvalService'
import { startBackground } from './services/background'
import { createEndpointService } from './services/endpointService'
import { createEventHub } from './services/eventHub'
import { createExecutionService } from './services/executionService'
import { createImportKeeper } from './services/importKeeper'
import { createPayoutService } from './services/payoutService'
import { voidApprovalsUnderOtherPolicy } from './services/policyAdoption'
import { createPolicyService } from './services/policyService'
import { createSafeServices } from './services/safeServices'
import { createSettingsService } from './services/settingsService'
import { createSubmission } from './services/submission'
import { openDatabase } from './store/db'
import type { Treasury, TreasuryOptions } from './treasuryTypes'

export type { Treasury, TreasuryOptions }

export const DATABASE_FILE = 'treasury.sqlite'

export function createTreasury(options: TreasuryOptions): Treasury {
  // The registry worker's threads: reading imports, checking large saves (registryThreads.ts).
  const registry = createRegistryThreads(options.registryWorkerFile)
  const { reader, rowChecker } = registry
  const db = openDatabase(join(options.dataDir, DATABASE_FILE))
  const catalogue = options.catalogue ?? createCatalogue()
  const now = options.now ?? (() => new Date())
  const feeds = options.feeds ?? createFeedDirectory()
  const limits = options.planLimits === undefined ? {} : { planLimits: options.planLimits }
  const events = createEventHub()
  const { emit, onEvent } = events
  const changed = (id: string, status: PayoutStatus): void => emit({ type: 'payout.changed', id, status })
  const settingsService = createSettingsService(db)
  const settings = settingsService.read
  const actor = (): string => settings().operatorName

  const { store: secrets, notice: secretsNotice } = secretStoreOnFirstUse(options.secrets)
  // Bound once the execution service exists: a changed endpoint restarts tracking on that network.
  let endpointChanged: (chainId: number) => void = () => undefined
  const endpoints = createEndpointService({ db, catalogue, secrets, actor, changed: (id) => endpointChanged(id) })
  const rpcFor = (chainId: number): EthRpc => new EthRpc(endpoints.transport(chainId))

  const ledger = appLedger(options.ledger, (status) => emit({ type: 'device.status', status }))

  const sign = (path: string, message: string): Promise<string> => ledger().signPersonalMessage(path, message)
  const addressOf = async (path: string): Promise<string> => (await ledger().signer(path)).address
  // Paying's view of the rows, bound once the execution service exists (it needs the payout service's neighbours first).
  const payment = {
    settleIdleRows: (id: string): void => execution.settleIdleRows(id),
    signing: (id: string): boolean => execution.signing(id)
  }
  // The latest previews' rows, for the window or automation to read and a save to store (see importKeeper.ts).
  const imports = createImportKeeper()
  const addressBook = createAddressBook({ db, settings, now })
  // What every action signed at this desk needs: the device, the clock and the desk's label.
  const signed = { db, catalogue, now, emit, sign, addressOf, deskLabel: actor }
  const policies = createPolicyService({
    ...signed,
    onAdopted: (inForce, at) => void voidApprovalsUnderOtherPolicy(db.write, inForce.hash, at)
  })
  const nameOf = (address: string): string | null => policies.nameOf(address)
  const payoutDeps = { db, catalogue, settings, now, changed, nameOf, payment, imports, rowChecker }
  const payouts = createPayoutService(payoutDeps)
  const approvals = createApprovalService({ ...signed, policies })
  const submission = createSubmission({ ...signed, policies, addressBook })
  const execution = createExecutionService({
    db,
    catalogue,
    now,
    rpcFor,
    ledger: { signer: (path) => ledger().signer(path), signPersonalMessage: sign },
    confirmations: (chainId) => confirmationDepth(catalogue.requireNetwork(chainId), settings().confirmations),
    reorgWatchBlocks: (chainId) => catalogue.requireNetwork(chainId).reorgWatchBlocks,
    witnessesFor: (chainId) => endpoints.witnesses(chainId).map((t) => new EthRpc(t)),
    emit,
    assertAcknowledged: addressBook.assertAcknowledged,
    assertCleared: approvals.assertCleared,
    assertApprovedPayer: approvals.assertPayer,
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.recheckIntervalMs === undefined ? {} : { recheckIntervalMs: options.recheckIntervalMs }),
    ...limits
  })
  endpointChanged = (chainId) => execution.endpointChanged(chainId)
  const accounting = createAccountingServices({ db, catalogue, feeds, rpcFor, now, actor }, { payouts, emit })
  // A payout that settles has its accounting facts read.
  onEvent((event) => accounting.captures.observe(event))

  const asSource = (source: AutomatedSource): TreasuryApi => sourceApi(api, source, { catalogue, payouts: payoutDeps })
  const automation = createAutomation({
    db,
    app: () => api,
    asSource,
    assetDecimals: (assetId) => catalogue.asset(assetId)?.decimals,
    secrets,
    actor,
    now,
    emit,
    subscribe: onEvent,
    ...options.automation
  })
  const safe = createSafeServices(
    { db, catalogue, now, rpcFor, nameOf, ledger, ...limits },
    {
      assertPayer: approvals.assertPayer,
      executePrepared: (id, path, build) => execution.executePrepared(id, path, build),
      actor
    }
  )

  const api: TreasuryApi = {
    ...catalogueHandlers(catalogue),
    ...draftHandlers(catalogue, payouts),
    ...registryHandlers({ db, catalogue, reader, imports, approvals }),
    ...submissionHandlers(submission, payouts),
    ...approvalHandlers(approvals),
    ...policyHandlers(policies),
    ...paymentHandlers({ execution, payouts, actor, paidFromSafe: safe.paysPayout }),
    ...deviceHandlers(ledger),
    ...endpointHandlers(endpoints),
    ...addressBookHandlers(addressBook),
    ...accountingHandlers(accounting),
    ...safeHandlers(safe),
    ...settingsHandlers({
      db,
      catalogue,
      settings: settingsService,
      secretsNotice,
      appNotices: () => accounting.schedules.notices(),
      emit,
      nameOf
    }),
    ...automationHandlers(automation)
  }

  if (options.background !== false) startBackground({ execution, automation, accounting }, options.scheduleCheckMs)

  return {
    ...api,
    onEvent,
    secretsNotice,
    prepareRegistryReader() {
      reader.warm()
    },
    asSource,
    async close() {
      await automation.close()
      events.clear()
      imports.close()
      accounting.schedules.stop()
      await registry.close()
      await execution.close()
      await accounting.captures.close()
      await ledger.created()?.close()
      db.close()
    }
  }
}
