// Runs in: tests (plain Node). A Safe payout world on anvil: Safe 1.4.1 deployed from the npm
// artifacts, owners that are emulated Ledgers with their own seeds (each a separate desk with its
// own Ledger service and data folder), an executing desk with its own Ledger account and a real
// SQLite journal, and the file round trip between desks: the drafting desk exports each Safe
// transaction, owners import it, sign on their device and export a signature file, the executing
// desk imports the signatures, checks them against the owners on chain and executes.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { HDNodeWallet, Mnemonic, id, toBeHex } from 'ethers'
import type { SafeRouteName } from '../shared/safe'
import { payoutDigest } from '../main/approvals/digest'
import { Executor } from '../main/chain/executor'
import { quoteFees } from '../main/chain/fees'
import type { PaymentRow, PlanAsset } from '../main/chain/planTypes'
import { createLedgerEmulator, type LedgerEmulator } from '../main/ledger/emulator'
import { createLedgerService, type LedgerService } from '../main/ledger/ledgerService'
import type { DecodeContext } from '../main/safe/decode'
import { buildSafeExecutionPlan } from '../main/safe/execute'
import {
  readSafeSignatureFile,
  readSafeTxFile,
  safeSignatureFile,
  safeTxFile,
  type FileExpectation,
  type SafeTxBinding
} from '../main/safe/files'
import { planSafePayout, type SafePayoutPlan } from '../main/safe/plan'
import { collectSignatures, signSafeTx, type SignatureClaim } from '../main/safe/signatures'
import { readSafe, verifyMultiSendCallOnly, type SafeInfo } from '../main/safe/verify'
import { openDatabase, type OpenedDatabase } from '../main/store/db'
import { createSqliteJournal } from '../main/store/journalRepo'
import { itemId } from '../main/domain/itemId'
import { settle } from './settle'
import { insertItems, insertPayout } from '../main/store/payoutRepo'
import { storedItem } from './storedPayout'
import { ETHER, startChainFixture, type ChainFixture } from './chainFixture'
import { deploySafeContracts, type SafeDeployer } from './deploySafe'

export const OWNER_PATH = "44'/60'/0'/0/0"

/** One person's desk: their Ledger (emulated, own seed), its service, and a data folder of their own. */
export interface Desk {
  readonly name: string
  readonly emulator: LedgerEmulator
  readonly ledger: LedgerService
  readonly address: string
  readonly privateKey: string
  readonly folder: string
}

export interface SafeWorld {
  readonly fx: ChainFixture
  readonly safes: SafeDeployer
  readonly multiSend: string
  readonly desks: readonly Desk[]
  readonly executor: Desk
  readonly db: OpenedDatabase
  scope(): { chainId: bigint; development: boolean }
  /** A Safe owned by the given desks with a threshold, funded with coins and tokens. */
  createSafe(owners: readonly Desk[], threshold: number): Promise<SafeInfo>
  /** Stores a payout and its items on the executing desk; returns its rows (item ids `${id}#${row}`). */
  storePayout(id: string, asset: PlanAsset, rows: readonly { to: string; amount: bigint }[]): PaymentRow[]
  digestOf(id: string, asset: PlanAsset, rows: readonly PaymentRow[], safe: string): string
  decodeContext(asset: PlanAsset): DecodeContext
  bindings(payoutId: string, digest: string, plan: SafePayoutPlan): SafeTxBinding[]
  expectation(payoutId: string, digest: string, plan: SafePayoutPlan): FileExpectation
  /** The owner's desk: imports the Safe transaction file, signs on the Ledger, exports the signature file. */
  ownerSigns(owner: Desk, txFile: Uint8Array, expected: FileExpectation): Promise<Uint8Array>
  /**
   * The executing desk: imports signature files, checks them on chain, executes through the Executor
   * and waits; returns the hashes of the execTransaction transactions, in order.
   */
  execute(
    payoutId: string,
    plan: SafePayoutPlan,
    signatureFiles: readonly Uint8Array[][],
    expected: FileExpectation
  ): Promise<string[]>
  executorFor(): Executor
  stop(): Promise<void>
}

export function deskSeed(name: string): string {
  return Mnemonic.entropyToPhrase(id(`desk:${name}`).slice(0, 34))
}

/** `root`: a folder for the desks' data (default: a temporary one removed after the test file). */
export async function startSafeWorld(
  deskNames: readonly string[],
  options: { root?: string } = {}
): Promise<SafeWorld> {
  const fx = await startChainFixture()
  // Loaded only under Vitest: tempDir registers its clean-up with the test runner.
  const root = options.root ?? (await import('./tempDir')).tempDir('treasury-safe-')
  const safes = await deploySafeContracts(fx.dev.deployer, fx.node.chainId)
  const scope = () => ({ chainId: fx.node.chainId, development: true })
  const multiSend = await verifyMultiSendCallOnly(fx.rpc, safes.contracts.multiSendCallOnly, scope())
  const makeDesk = (name: string, blindSigning = false): Desk => {
    const mnemonic = deskSeed(name)
    const emulator = createLedgerEmulator({ mnemonic, blindSigning })
    const folder = join(root, name)
    mkdirSync(folder, { recursive: true })
    const key = HDNodeWallet.fromPhrase(mnemonic, undefined, `m/${OWNER_PATH}`)
    return {
      name,
      emulator,
      ledger: createLedgerService({ openTransport: () => emulator.openTransport() }),
      address: emulator.addressOf(OWNER_PATH),
      privateKey: key.privateKey,
      folder
    }
  }
  const desks = deskNames.map((n) => makeDesk(n))
  const executor = makeDesk('executor', true)
  await fx.send('anvil_setBalance', [executor.address, toBeHex(1_000n * ETHER)])
  const db = openDatabase(join(executor.folder, 'treasury.sqlite'))
  const journal = createSqliteJournal(db.write, { now: () => new Date() })
  const executorFor = () =>
    new Executor({ rpc: fx.rpc, journal, chainId: fx.node.chainId, confirmations: 1, pollIntervalMs: 50 })
  const decodeContext = (asset: PlanAsset): DecodeContext => ({
    asset,
    multiSendCallOnly: multiSend,
    batchContract: fx.batchContract.address
  })
  const bindings = (payoutId: string, digest: string, plan: SafePayoutPlan): SafeTxBinding[] =>
    plan.transactions.map((t) => ({
      payoutId,
      revision: 1,
      payoutDigest: digest,
      chainId: plan.chainId,
      safe: plan.safe,
      index: t.index,
      of: plan.transactions.length,
      safeTx: t.safeTx,
      rows: t.rows
    }))
  const expectation = (payoutId: string, digest: string, plan: SafePayoutPlan): FileExpectation => ({
    payoutId,
    payoutDigest: digest,
    chainId: plan.chainId,
    safe: plan.safe,
    rowsAt: (i) => plan.transactions[i]?.rows,
    decode: decodeContext(plan.asset)
  })
  const world: SafeWorld = {
    fx,
    safes,
    multiSend,
    desks,
    executor,
    db,
    scope,
    async createSafe(owners, threshold) {
      const address = await safes.createSafe(
        owners.map((o) => o.address),
        threshold
      )
      await fx.send('anvil_setBalance', [address, toBeHex(10_000n * ETHER)])
      await fx.dev.mintToken(address, 10n ** 15n)
      return readSafe(fx.rpc, address, scope())
    },
    storePayout(id, asset, rows) {
      const total = rows.reduce((s, r) => s + r.amount, 0n)
      const at = new Date().toISOString()
      insertPayout(db.write, {
        id,
        kind: rows.length === 1 ? 'single' : 'mass',
        status: 'in_progress',
        chainId: Number(fx.node.chainId),
        assetId: asset.kind === 'native' ? 'native' : asset.address,
        description: '',
        total,
        recipientCount: rows.length,
        errorCount: 0,
        warningCount: 0,
        createdBy: 'test',
        createdAt: at,
        updatedAt: at,
        revision: 1
      })
      insertItems(
        db.write,
        id,
        rows.map((r, i) => storedItem(i + 1, r.to, r.amount))
      )
      return rows.map((r, i) => ({ itemId: itemId(id, i + 1), row: i + 1, to: r.to, amount: r.amount }))
    },
    digestOf(id, asset, rows, safe) {
      return payoutDigest({
        payoutId: id,
        revision: 1,
        networkName: 'Development',
        chainId: Number(fx.node.chainId),
        asset: {
          id: asset.kind === 'native' ? 'native' : asset.address,
          symbol: asset.symbol,
          decimals: asset.decimals,
          tokenAddress: asset.kind === 'native' ? null : asset.address
        },
        purpose: '',
        submitterName: '',
        submitterAddress: null,
        payerAddress: safe,
        policyHash: null,
        acknowledgements: [],
        recipients: rows.map((r) => ({ address: r.to, amount: r.amount, reference: '' }))
      })
    },
    decodeContext,
    bindings,
    expectation,
    async ownerSigns(owner, txFile, expected) {
      const binding = readSafeTxFile(txFile, expected)
      const signature = await signSafeTx(fx.rpc, owner.ledger, OWNER_PATH, {
        chainId: binding.chainId,
        safe: binding.safe,
        safeTx: binding.safeTx,
        rows: binding.rows,
        decode: expected.decode
      })
      return safeSignatureFile(binding, signature, new Date().toISOString())
    },
    async execute(payoutId, plan, signatureFiles, expected) {
      const signer = await executor.ledger.signer(OWNER_PATH)
      const fees = await quoteFees(fx.rpc)
      const info = await readSafe(fx.rpc, plan.safe, scope())
      const hashes: string[] = []
      for (const t of plan.transactions) {
        const claims: SignatureClaim[] = (signatureFiles[t.index] ?? []).map(
          (f) => readSafeSignatureFile(f, expected).claim
        )
        const collected = await collectSignatures(
          fx.rpc,
          { chainId: plan.chainId, safe: plan.safe, safeTx: t.safeTx },
          claims,
          info.owners
        )
        const execPlan = await buildSafeExecutionPlan({
          rpc: fx.rpc,
          chainId: plan.chainId,
          safe: plan.safe,
          executor: signer.address,
          safeTx: t.safeTx,
          rows: t.rows,
          asset: plan.asset,
          decode: decodeContext(plan.asset),
          signatures: collected.encoded,
          fees,
          sinceBlock: info.readAtBlock
        })
        const run = executorFor()
        const report = await run.execute(payoutId, execPlan, signer)
        if (report.stopped) throw report.stopped.error
        hashes.push(...report.signed)
        await settle(run, 120_000)
      }
      return hashes
    },
    executorFor,
    async stop() {
      db.close()
      await fx.stop()
    }
  }
  return world
}

/** Every Safe transaction of the plan as the drafting desk exports it. */
export function exportSafeTxFiles(
  world: SafeWorld,
  payoutId: string,
  digest: string,
  plan: SafePayoutPlan
): Uint8Array[] {
  return world.bindings(payoutId, digest, plan).map((b) => safeTxFile(b, new Date().toISOString()))
}

export interface SafePayoutRun {
  readonly plan: SafePayoutPlan
  readonly rows: readonly PaymentRow[]
  readonly digest: string
  readonly expected: FileExpectation
  /** execTransaction transaction hashes, in order. */
  readonly executions: readonly string[]
}

/**
 * A whole payout from a Safe across desks: stored on the executing desk, planned by `route`, each Safe
 * transaction exported to `signers`, signed on their Ledgers, imported back and executed.
 */
export async function runSafePayout(
  world: SafeWorld,
  request: {
    readonly payoutId: string
    readonly safe: SafeInfo
    readonly signers: readonly Desk[]
    readonly asset: PlanAsset
    readonly payments: readonly { readonly to: string; readonly amount: bigint }[]
    readonly route: SafeRouteName
  }
): Promise<SafePayoutRun> {
  const { payoutId, asset } = request
  const rows = world.storePayout(payoutId, asset, request.payments)
  const digest = world.digestOf(payoutId, asset, rows, request.safe.address)
  const plan = await planSafePayout(request.route, {
    rpc: world.fx.rpc,
    safe: await readSafe(world.fx.rpc, request.safe.address, world.scope()),
    asset,
    rows,
    fees: await quoteFees(world.fx.rpc),
    multiSendCallOnly: world.multiSend,
    batchContract: world.fx.batchContract,
    executor: world.executor.address
  })
  const expected = world.expectation(payoutId, digest, plan)
  const signatureFiles: Uint8Array[][] = []
  for (const [i, file] of exportSafeTxFiles(world, payoutId, digest, plan).entries()) {
    const signed: Uint8Array[] = []
    for (const owner of request.signers) signed.push(await world.ownerSigns(owner, file, expected))
    signatureFiles[i] = signed
  }
  const executions = await world.execute(payoutId, plan, signatureFiles, expected)
  return { plan, rows, digest, expected, executions }
}
