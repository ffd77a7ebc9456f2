// Runs in: tests (plain Node). Payouts really paid on a local chain and recorded in a real SQLite
// file, as the app records them: items stored, the plan executed by the chain engine through the
// SQLite journal, each transaction confirmed from its receipt. Price feeds for ETH, the test
// stablecoin and EUR are deployed beside them, so the accounting can read rates at each block.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCatalogue, type Catalogue } from '../main/domain/catalogue'
import { createFeedDirectory, type FeedDirectory } from '../main/domain/priceFeeds'
import { Executor } from '../main/chain/executor'
import { quoteFees } from '../main/chain/fees'
import { planBatch } from '../main/chain/planBatch'
import { planPerRecipient } from '../main/chain/planPerRecipient'
import { openDatabase, type OpenedDatabase } from '../main/store/db'
import { createSqliteJournal } from '../main/store/journalRepo'
import { itemId } from '../main/domain/itemId'
import { settle } from './settle'
import { insertItems, insertPayout } from '../main/store/payoutRepo'
import { startChainFixture, type ChainFixture } from './chainFixture'
import { feedDeployer, PHASE_ONE, type DeployedFeed, type FeedDeployer } from './priceFeedFixture'

const HOUR = 3_600
/** Account 2 writes the feeds: 0 deploys the contracts and 1 pays, each with its own nonces. */
const FEED_ACCOUNT = 2

export interface RowSpec {
  readonly amount: bigint
  readonly name?: string
  readonly reference?: string
  readonly note?: string
  readonly category?: string
  readonly costCenter?: string
}

export interface PayoutSpec {
  readonly id: string
  readonly asset: 'token' | 'native'
  readonly plan: 'batch' | 'per_recipient'
  readonly rows: readonly RowSpec[]
  readonly description?: string
}

export interface PaidPayout {
  readonly payoutId: string
  readonly recipients: readonly string[]
  readonly assetId: string
}

export interface AccountingChain {
  readonly fx: ChainFixture
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  /** The three test feeds as the catalogue would list them for the local chain. */
  readonly directory: FeedDirectory
  readonly feeds: { readonly eth: DeployedFeed; readonly tusd: DeployedFeed; readonly eur: DeployedFeed }
  readonly chainId: number
  /** Writes a new round into each feed (8 decimals, e.g. 3000_00000000n) at the chain's next block. */
  setRates(rates: { eth: bigint; tusd: bigint; eur: bigint }): Promise<void>
  pay(spec: PayoutSpec): Promise<PaidPayout>
  stop(): Promise<void>
}

/**
 * What starting the accounting chain may take: a node, the contracts compiled (cold on a fresh
 * clone) and deployed, three feeds. More than a test's default minute on a loaded machine.
 */
export const ACCOUNTING_CHAIN_START_MS = 180_000

export async function startAccountingChain(dbName = 'accounting.sqlite'): Promise<AccountingChain> {
  const fx = await startChainFixture()
  const deployer: FeedDeployer = feedDeployer(fx.node, FEED_ACCOUNT)
  const catalogue = createCatalogue()
  const chainId = Number(fx.node.chainId)
  const tokenAsset = catalogue.assets(chainId).find((a) => a.kind === 'erc20')
  if (tokenAsset?.tokenAddress !== fx.dev.contracts.token)
    throw new Error('the catalogue lists another test token address than the one deployed')
  const [eth, tusd, eur] = [
    await deployer.deploy(8, 'ETH / USD'),
    await deployer.deploy(8, 'TUSD / USD'),
    await deployer.deploy(8, 'EUR / USD')
  ]
  const directory = createFeedDirectory([
    {
      chainId,
      source: 'test feeds deployed on the local chain',
      feeds: [eth.located('ETH', HOUR, chainId), tusd.located('TUSD', HOUR, chainId), eur.located('EUR', HOUR, chainId)]
    }
  ])
  const dir = mkdtempSync(join(tmpdir(), 'treasury-accounting-'))
  const db = openDatabase(join(dir, dbName))
  let round = 0n
  const journal = createSqliteJournal(db.write, { now: () => new Date() })
  const executor = new Executor({
    rpc: fx.rpc,
    journal,
    chainId: fx.node.chainId,
    confirmations: 1,
    pollIntervalMs: 50
  })
  return {
    fx,
    db,
    catalogue,
    directory,
    feeds: { eth, tusd, eur },
    chainId,
    async setRates(rates) {
      round++
      for (const [feed, answer] of [
        [eth, rates.eth],
        [tusd, rates.tusd],
        [eur, rates.eur]
      ] as const) {
        const at = (await fx.rpc.block('latest'))!.timestamp + 1n
        await feed.setRound({ roundId: PHASE_ONE + round, answer, updatedAt: at }, at)
      }
    },
    async pay(spec) {
      const asset = spec.asset === 'token' ? fx.token : fx.native
      const assetId = spec.asset === 'token' ? tokenAsset.id : `${chainId}:native`
      const recipients = fx.recipients(spec.rows.length, spec.id)
      const total = spec.rows.reduce((sum, r) => sum + r.amount, 0n)
      const at = new Date().toISOString()
      insertPayout(db.write, {
        id: spec.id,
        kind: 'mass',
        status: 'in_progress',
        chainId,
        assetId,
        description: spec.description ?? `payout ${spec.id}`,
        total,
        recipientCount: spec.rows.length,
        errorCount: 0,
        warningCount: 0,
        createdBy: 'Test operator',
        createdAt: at,
        updatedAt: at,
        revision: 1
      })
      insertItems(
        db.write,
        spec.id,
        spec.rows.map((r, i) => ({
          row: i + 1,
          addressInput: recipients[i]!,
          address: recipients[i]!,
          amountInput: r.amount.toString(),
          amount: r.amount,
          name: r.name ?? '',
          reference: r.reference ?? '',
          note: r.note ?? '',
          category: r.category ?? '',
          costCenter: r.costCenter ?? '',
          status: 'queued' as const,
          issues: [],
          txHash: null
        }))
      )
      const rows = spec.rows.map((r, i) => ({
        itemId: itemId(spec.id, i + 1),
        row: i + 1,
        to: recipients[i]!,
        amount: r.amount
      }))
      const request = {
        rpc: fx.rpc,
        chainId: fx.node.chainId,
        from: fx.payer.address,
        asset,
        rows,
        fees: await quoteFees(fx.rpc)
      }
      const plan =
        spec.plan === 'batch'
          ? await planBatch({ ...request, batchContract: fx.batchContract })
          : await planPerRecipient(request)
      const report = await executor.execute(spec.id, plan, fx.payer)
      if (report.stopped) throw new Error(`payout ${spec.id} stopped: ${report.stopped.error.message}`)
      await settle(executor, 60_000)
      return { payoutId: spec.id, recipients, assetId }
    },
    async stop() {
      deployer.close()
      db.close()
      await fx.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
