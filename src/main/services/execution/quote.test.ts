// Runs in: tests (plain Node, Vitest). The quote shown before confirming, built by the same code the
// app runs: both plans with their figures or the reason one is not offered, the proposal, balances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChainFixture, TOKEN_UNIT, type ChainFixture } from '../../../test/chainFixture'
import { CHAIN_ERROR, PLAN_KIND, quoteFees, type PaymentRow, type PlanAsset } from '../../chain'
import type { CatalogueNetwork } from '../../domain/catalogue'
import { localNetwork } from '../../../test/localCatalogue'
import { buildQuote } from './quote'

let fx: ChainFixture
beforeAll(async () => {
  fx = await startChainFixture()
})
afterAll(async () => {
  await fx?.stop()
})

function network(): CatalogueNetwork {
  return localNetwork({ rpcUrl: fx.node.url, batchContract: fx.dev.contracts.batch })
}

async function quote(asset: PlanAsset, rows: readonly PaymentRow[]) {
  const ctx = { rpc: fx.rpc, network: network(), from: fx.payer.address, asset, rows, fees: await quoteFees(fx.rpc) }
  return buildQuote(ctx, { payoutId: 'PO-QUOTE', accountPath: "44'/60'/0'/0/0", assetSymbol: 'TUSD', assetDecimals: 6 })
}

describe('the quote shown before confirming', () => {
  it('offers both plans with their figures, proposes the batch, and reports balances without a shortfall', async () => {
    const rows = fx.rows(fx.recipients(12, 'quote'), () => TOKEN_UNIT, 'quote')
    const q = await quote(fx.token, rows)
    expect(q.plans.map((o) => [o.kind, o.available])).toEqual([
      [PLAN_KIND.batch, true],
      [PLAN_KIND.perRecipient, true]
    ])
    expect(q.proposed).toBe(PLAN_KIND.batch)
    expect(q.totalBaseUnits).toBe((12n * TOKEN_UNIT).toString())
    expect(BigInt(q.balances.tokenBaseUnits ?? '0')).toBeGreaterThan(0n)
    expect(q.plans.every((p) => !p.available || p.shortfalls.length === 0)).toBe(true)
    expect(q.canExecute).toBe(true)
  })

  it('explains why the batch is not offered for a token that returns no value, and proposes per-recipient', async () => {
    const usdtLike: PlanAsset = { ...(fx.token as Extract<PlanAsset, { kind: 'erc20' }>), transferReturnsNoValue: true }
    const rows = fx.rows(fx.recipients(3, 'quote-usdt'), () => TOKEN_UNIT, 'quote-usdt')
    const q = await quote(usdtLike, rows)
    const batch = q.plans[0]!
    expect(batch.available ? undefined : batch.code).toBe(CHAIN_ERROR.batchNotSupported)
    expect(q.proposed).toBe(PLAN_KIND.perRecipient)
  })

  it('names a row the network would refuse in the unavailable plan, by its row number', async () => {
    const addresses = fx.recipients(4, 'quote-blocked')
    await fx.dev.setBlocked(addresses[2]!, true)
    const q = await quote(
      fx.token,
      fx.rows(addresses, () => TOKEN_UNIT, 'quote-blocked')
    )
    const perRecipient = q.plans.find((p) => p.kind === PLAN_KIND.perRecipient)!
    expect(perRecipient.available ? [] : perRecipient.rows).toEqual([
      { row: 3, address: addresses[2], reason: 'TestToken: address blocked' }
    ])
    expect(q.canExecute).toBe(false)
  })
})
