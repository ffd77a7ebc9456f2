// Runs in: benchmarks (plain Node). Gas per recipient paid from a Safe, on a real anvil node with
// Safe 1.4.1 deployed from the npm artifacts (started and stopped here): a 2-of-3 Safe whose owners
// sign on emulated Ledgers, each route executed once (MultiSendCallOnly of transfers, and the
// batch contract), against the same number of fresh recipients paid from a Ledger account with
// the plan the app proposes there (the baseline). Gas is deterministic for a given chain state;
// every recipient's balance is read back so a broken path fails the suite instead of reporting.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Executor } from '../src/main/chain/executor'
import { quoteFees } from '../src/main/chain/fees'
import { planBatch } from '../src/main/chain/planBatch'
import { proposePlan } from '../src/main/chain/planCompare'
import { planPerRecipient } from '../src/main/chain/planPerRecipient'
import type { PaymentRow, PlanAsset } from '../src/main/chain/planTypes'
import { SAFE_ROUTE } from '../src/main/safe/plan'
import type { SafeRouteName } from '../src/shared/safe'
import type { SafeInfo } from '../src/main/safe/verify'
import { TOKEN_UNIT } from '../src/test/chainFixture'
import { MemoryJournal } from '../src/test/memoryJournal'
import { runSafePayout, startSafeWorld, type SafeWorld } from '../src/test/safeFixture'
import { ratioFigure, UNIT, type Figure } from './figure'
import { settle } from '../src/test/settle'

export const SAFE_GAS_RECIPIENTS = 100

const amountOf = (asset: PlanAsset, i: number): bigint =>
  asset.kind === 'native' ? BigInt(i + 1) * 10n ** 13n : BigInt(i + 1) * TOKEN_UNIT

async function receiptsGas(world: SafeWorld, hashes: readonly string[]): Promise<bigint> {
  let gas = 0n
  for (const r of await world.fx.rpc.receipts(hashes)) {
    if (!r?.success) throw new Error('A benchmark transaction has no successful receipt')
    gas += r.gasUsed
  }
  return gas
}

async function assertPaid(
  world: SafeWorld,
  asset: PlanAsset,
  rows: readonly PaymentRow[],
  what: string
): Promise<void> {
  const balances = await world.fx.balances(
    asset,
    rows.map((r) => r.to)
  )
  const wrong = rows.filter((r, i) => balances[i] !== r.amount).length
  if (wrong > 0) throw new Error(`${what}: ${wrong} of ${rows.length} recipients did not receive their amount`)
}

/** The baseline: the same recipients count paid from the fixture's account with the plan the app proposes. */
async function fromAccount(world: SafeWorld, asset: PlanAsset, tag: string): Promise<{ gas: bigint; kind: string }> {
  const { fx } = world
  const rows = fx.rows(fx.recipients(SAFE_GAS_RECIPIENTS, `bench-safe-${tag}`), (i) => amountOf(asset, i), tag)
  const request = {
    rpc: fx.rpc,
    chainId: fx.node.chainId,
    from: fx.payer.address,
    asset,
    rows,
    fees: await quoteFees(fx.rpc)
  }
  const plan = proposePlan([
    await planBatch({ ...request, batchContract: fx.batchContract }),
    await planPerRecipient(request)
  ])
  if (!plan) throw new Error('No plan for the account baseline')
  const executor = new Executor({
    rpc: fx.rpc,
    journal: new MemoryJournal(),
    chainId: fx.node.chainId,
    confirmations: 1,
    pollIntervalMs: 50
  })
  const report = await executor.execute(tag, plan, fx.payer)
  if (report.stopped) throw report.stopped.error
  await settle(executor, 120_000)
  await assertPaid(world, asset, rows, `${tag} from an account`)
  return { gas: await receiptsGas(world, report.signed), kind: plan.kind }
}

async function fromSafe(
  world: SafeWorld,
  safe: SafeInfo,
  asset: PlanAsset,
  route: SafeRouteName,
  tag: string
): Promise<bigint> {
  const payments = world.fx
    .recipients(SAFE_GAS_RECIPIENTS, `bench-safe-${tag}`)
    .map((to, i) => ({ to, amount: amountOf(asset, i) }))
  const run = await runSafePayout(world, {
    payoutId: tag,
    safe,
    signers: world.desks.slice(0, 2),
    asset,
    payments,
    route
  })
  await assertPaid(world, asset, run.rows, `${tag} from the Safe`)
  return receiptsGas(world, run.executions)
}

const perRecipient = (gas: bigint): number => Number(gas) / SAFE_GAS_RECIPIENTS

/** Four figures (ETH and a token, each route) on one anvil node, stopped (by PID) before returning. */
export async function safeGasFigures(): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'treasury-bench-safe-'))
  const world = await startSafeWorld(['alice', 'bob', 'carol'], { root })
  try {
    const safe = await world.createSafe(world.desks, 2)
    const figures: Figure[] = []
    for (const asset of [world.fx.native, world.fx.token]) {
      const name = asset.kind === 'native' ? 'ETH' : 'ERC-20'
      const baseline = await fromAccount(world, asset, `account-${asset.kind}`)
      for (const route of [SAFE_ROUTE.transfers, SAFE_ROUTE.batchContract]) {
        const gas = await fromSafe(world, safe, asset, route, `safe-${asset.kind}-${route}`)
        figures.push(
          ratioFigure(
            {
              figure: `Gas per recipient from a 2-of-3 Safe, ${name}, ${route === SAFE_ROUTE.transfers ? 'MultiSend of transfers' : 'batch contract'}, ${SAFE_GAS_RECIPIENTS} fresh recipients`,
              ours: `execTransaction (2 owner signatures) ${route === SAFE_ROUTE.transfers ? 'delegating to MultiSendCallOnly' : asset.kind === 'native' ? 'calling disperseEther' : 'delegating approve + disperseToken to MultiSendCallOnly'}`,
              baseline: `the same count paid from a Ledger account (${baseline.kind} plan the app proposes)`,
              unit: UNIT.gasPerRecipient,
              oursValue: perRecipient(gas),
              baselineValue: perRecipient(baseline.gas),
              target: 'reported',
              note: `Safe ${gas.toLocaleString('en')} gas; account ${baseline.gas.toLocaleString('en')} gas`
            },
            null
          )
        )
      }
    }
    return figures
  } finally {
    await world.stop()
    rmSync(root, { recursive: true, force: true })
  }
}
