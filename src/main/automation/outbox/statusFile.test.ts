// Runs in: Vitest (node). The outbox folder's status files, as a backend reconciles from them: one
// JSON and one CSV per automated payout, rewritten whenever its status changes and never seen half
// written, with each row's status, transaction hash, block and failure reason as the chain has them.
import { existsSync, readdirSync, readFileSync, watch } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADDRESS_A, ADDRESS_B, FAST_AUTOMATION, USDC_ETH, waitFor } from '../../../test/automation'
import { startAccountingChain, type AccountingChain } from '../../../test/paidPayoutFixture'
import { tempDir } from '../../../test/tempDir'
import { createSessionSecretStore } from '../../secrets'
import { createPayoutService } from '../../services/payoutService'
import { insertPayoutSource } from '../../store/automationRepo'
import { DEFAULT_SETTINGS } from '../../store/settingsRepo'
import { createTreasury } from '../../treasury'
import { createOutboxWriter } from './writer'

interface StatusFile {
  readonly payoutId: string
  readonly externalId: string | null
  readonly status: string
  readonly rows: ReadonlyArray<Record<string, unknown>>
}

const readStatus = (file: string): StatusFile => JSON.parse(readFileSync(file, 'utf8')) as StatusFile

describe('status files in the outbox folder', () => {
  it('follow each status change of an automated payout, whole every time they are read', async () => {
    const outbox = tempDir('treasury-outbox-')
    const treasury = createTreasury({
      dataDir: tempDir(),
      secrets: createSessionSecretStore(),
      automation: FAST_AUTOMATION
    })
    // Another program reads each file the moment it changes: every read must be a complete document.
    const reads: string[] = []
    const broken: string[] = []
    const watcher = watch(outbox, (_event, name) => {
      if (name === null || !name.endsWith('.json') || name.startsWith('.')) return
      try {
        reads.push(readStatus(join(outbox, name)).status)
      } catch (e) {
        if (existsSync(join(outbox, name))) broken.push(String(e))
      }
    })
    try {
      await treasury.updateAutomation({ outboxFolder: outbox })
      const erp = treasury.asSource({ kind: 'api', name: 'ERP', externalId: 'order-7' })
      const payout = await erp.createPayout({
        kind: 'mass',
        assetId: USDC_ETH,
        description: 'Supplier run',
        recipients: [
          { address: ADDRESS_A, amount: '334.9690', reference: 'INV-1' },
          { address: ADDRESS_B, amount: '1', reference: 'INV-2' }
        ]
      })
      // A payout drafted at the desk has no status file.
      await treasury.createPayout({
        kind: 'single',
        assetId: USDC_ETH,
        description: 'Desk',
        recipients: [{ address: ADDRESS_A, amount: '1' }]
      })
      const json = join(outbox, 'order-7.json')
      const drafted = await waitFor(() => (existsSync(json) ? readStatus(json) : undefined))
      expect(drafted).toMatchObject({ payoutId: payout.id, externalId: 'order-7', status: 'draft' })
      expect(drafted.rows).toEqual([
        {
          row: 1,
          address: ADDRESS_A,
          amount: '334.969',
          amountBaseUnits: '334969000',
          reference: 'INV-1',
          status: 'draft',
          transactionHash: null,
          block: null,
          failureReason: null
        },
        {
          row: 2,
          address: ADDRESS_B,
          amount: '1',
          amountBaseUnits: '1000000',
          reference: 'INV-2',
          status: 'draft',
          transactionHash: null,
          block: null,
          failureReason: null
        }
      ])
      await erp.cancelPayout({ id: payout.id, reason: 'Order withdrawn' })
      await waitFor(() => (readStatus(json).status === 'cancelled' ? true : undefined))
      const csv = readFileSync(join(outbox, 'order-7.csv'), 'utf8')
        .replace(/^\ufeff/, '')
        .trim()
        .split('\r\n')
      expect(csv[0]).toBe(
        'external_id,payout_id,payout_status,row,address,amount,amount_base_units,reference,status,transaction_hash,block,failure_reason'
      )
      expect(csv[1]).toBe(`order-7,${payout.id},cancelled,1,${ADDRESS_A},334.969,334969000,INV-1,cancelled,,,`)
      expect(readdirSync(outbox).sort()).toEqual(['order-7.csv', 'order-7.json'])
      // The watcher hears of the change after the file is in place, sometimes after the poll above saw it.
      await waitFor(() => (reads.includes('cancelled') ? true : undefined), 10_000, 'the watcher to read the change')
      expect(broken).toEqual([])
    } finally {
      watcher.close()
      await treasury.close()
    }
  })
})

describe('status files of a payout paid on a chain', () => {
  let chain: AccountingChain
  beforeAll(async () => {
    chain = await startAccountingChain('outbox.sqlite')
  }, 120_000)
  afterAll(() => chain.stop())

  it("name each row's transaction and the block that included it", async () => {
    const paid = await chain.pay({
      id: 'PO-OUTBOX1',
      asset: 'token',
      plan: 'per_recipient',
      rows: [
        { amount: 1_500_000n, reference: 'R-1' },
        { amount: 2_000_000n, reference: 'R-2' }
      ]
    })
    insertPayoutSource(chain.db.write, {
      payoutId: paid.payoutId,
      kind: 'api',
      name: 'ERP',
      externalId: 'paid-1',
      at: new Date().toISOString()
    })
    const payouts = createPayoutService({
      db: chain.db,
      catalogue: chain.catalogue,
      settings: () => DEFAULT_SETTINGS,
      now: () => new Date(),
      changed: () => undefined,
      nameOf: () => null
    })
    const outbox = tempDir('treasury-outbox-')
    const writer = createOutboxWriter({
      db: chain.db,
      folder: () => outbox,
      payout: async (id) => payouts.get({ id, limit: 0 })
    })
    await writer.flush()
    expect(writer.lastError).toBeNull()
    const status = readStatus(join(outbox, 'paid-1.json'))
    expect(status.status).toBe('completed')
    for (const [i, row] of status.rows.entries()) {
      expect(row).toMatchObject({ row: i + 1, address: paid.recipients[i], status: 'paid', failureReason: null })
      const receipt = await chain.fx.rpc.receipt(String(row.transactionHash))
      expect(row.block).toBe(receipt!.blockNumber.toString())
    }
  })
})
