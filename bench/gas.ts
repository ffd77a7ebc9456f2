// Runs in: benchmarks (plain Node). Gas per recipient on a real anvil node (started and stopped
// here): the plan the app proposes for a 100-recipient payout, executed by the Executor, against
// (a) 100 individual ERC-20 transfer transactions and (b) a Disperse-style reference contract's
// disperseEther. contractFigures.ts puts the contracts themselves side by side. Gas is deterministic for a given chain state, so each side is executed once;
// every recipient's balance is read back so a broken path fails the suite instead of reporting.
import { Wallet } from 'ethers'
import { Executor } from '../src/main/chain/executor'
import { quoteFees } from '../src/main/chain/fees'
import { planBatch } from '../src/main/chain/planBatch'
import { proposePlan } from '../src/main/chain/planCompare'
import { planPerRecipient } from '../src/main/chain/planPerRecipient'
import { PLAN_KIND, type ExecutionPlan, type PaymentRow, type PlanAsset } from '../src/main/chain/planTypes'
import { batchCall } from '../src/main/chain/batchCalls'
import { BATCH_CALLS } from '../src/main/chain/batchContract'
import { startChainFixture, TOKEN_UNIT, type ChainFixture } from '../src/test/chainFixture'
import { MemoryJournal } from '../src/test/memoryJournal'
import { childPeakRssMiB, ratioFigure, UNIT, type Figure } from './figure'
import { deployReference, REFERENCE } from './referenceContract'
import { settle } from '../src/test/settle'
import { minedReceipt } from '../src/test/minedReceipt'

/** Recipients per payout: the figure, and cheap enough for the smoke run too. */
export const GAS_RECIPIENTS = 100
const SETTLE_TIMEOUT_MS = 120_000

const amountOf =
  (asset: PlanAsset) =>
  (i: number): bigint =>
    asset.kind === 'native' ? BigInt(i + 1) * 10n ** 13n : BigInt(i + 1) * TOKEN_UNIT

function rowsFor(fx: ChainFixture, asset: PlanAsset, tag: string): PaymentRow[] {
  return fx.rows(fx.recipients(GAS_RECIPIENTS, `bench-${tag}`), amountOf(asset), tag)
}

async function plans(
  fx: ChainFixture,
  asset: PlanAsset,
  rows: readonly PaymentRow[]
): Promise<{ batch: ExecutionPlan; perRecipient: ExecutionPlan }> {
  const request = {
    rpc: fx.rpc,
    chainId: fx.node.chainId,
    from: fx.payer.address,
    asset,
    rows,
    fees: await quoteFees(fx.rpc)
  }
  const [batch, perRecipient] = await Promise.all([
    planBatch({ ...request, batchContract: fx.batchContract }),
    planPerRecipient(request)
  ])
  return { batch, perRecipient }
}

/** Executes the plan and waits until it is confirmed; returns the gas used by each transaction, in step order. */
async function execute(fx: ChainFixture, payoutId: string, plan: ExecutionPlan): Promise<bigint[]> {
  const executor = new Executor({
    rpc: fx.rpc,
    journal: new MemoryJournal(),
    chainId: fx.node.chainId,
    confirmations: 1,
    pollIntervalMs: 50
  })
  const report = await executor.execute(payoutId, plan, fx.payer)
  if (report.stopped)
    throw new Error(`${payoutId} stopped at step ${report.stopped.step}: ${report.stopped.error.message}`)
  await settle(executor, SETTLE_TIMEOUT_MS)
  return (await fx.rpc.receipts(report.signed)).map((r) => {
    if (!r?.success) throw new Error(`A transaction of ${payoutId} has no successful receipt`)
    return r.gasUsed
  })
}

const total = (gas: readonly bigint[]): bigint => gas.reduce((a, b) => a + b, 0n)

async function assertPaid(
  fx: ChainFixture,
  asset: PlanAsset,
  rows: readonly PaymentRow[],
  what: string
): Promise<void> {
  const balances = await fx.balances(
    asset,
    rows.map((r) => r.to)
  )
  const wrong = rows.filter((r, i) => balances[i] !== r.amount).length
  if (wrong > 0) throw new Error(`${what}: ${wrong} of ${rows.length} recipients did not receive their amount`)
}

const perRecipient = (gas: bigint): number => Number(gas) / GAS_RECIPIENTS
const fmtGas = (gas: bigint): string => gas.toLocaleString('en')

async function erc20Figure(fx: ChainFixture): Promise<Figure> {
  const rows = rowsFor(fx, fx.token, 'erc20-ours')
  const { batch, perRecipient: alternative } = await plans(fx, fx.token, rows)
  const chosen = proposePlan([batch, alternative])
  if (chosen?.kind !== PLAN_KIND.batch)
    throw new Error(
      `The app proposes the ${chosen?.kind ?? 'no'} plan for ${GAS_RECIPIENTS} ERC-20 recipients, not the batch`
    )
  const ours = await execute(fx, 'erc20-ours', chosen)
  await assertPaid(fx, fx.token, rows, 'ERC-20 batch')
  const stepGas = chosen.steps.map((s, i) => `${s.kind} ${fmtGas(ours[i] ?? 0n)}`).join(' + ')

  // Baseline: one ERC-20 transfer transaction per recipient (the per-recipient plan), fresh recipients.
  const baseRows = rowsFor(fx, fx.token, 'erc20-individual')
  const individual = await execute(fx, 'erc20-individual', (await plans(fx, fx.token, baseRows)).perRecipient)
  await assertPaid(fx, fx.token, baseRows, 'ERC-20 individual transfers')
  return ratioFigure(
    {
      figure: `Gas per recipient, ERC-20 batch, ${GAS_RECIPIENTS} fresh recipients`,
      ours: 'proposed plan (approve + disperseTokenPacked on BatchPayout) via Executor, approve counted',
      baseline: `${GAS_RECIPIENTS} individual ERC-20 transfer transactions`,
      unit: UNIT.gasPerRecipient,
      oursValue: perRecipient(total(ours)),
      baselineValue: perRecipient(total(individual)),
      target: '<= 0.6x',
      note: `ours ${fmtGas(total(ours))} gas (${stepGas}); baseline ${fmtGas(total(individual))} gas in ${individual.length} txs`
    },
    0.6
  )
}

async function ethFigure(fx: ChainFixture): Promise<Figure> {
  const rows = rowsFor(fx, fx.native, 'eth-ours')
  const { batch, perRecipient: alternative } = await plans(fx, fx.native, rows)
  const chosen = proposePlan([batch, alternative])
  if (chosen?.kind !== PLAN_KIND.batch)
    throw new Error(
      `The app proposes the ${chosen?.kind ?? 'no'} plan for ${GAS_RECIPIENTS} ETH recipients, not the batch`
    )
  const ours = await execute(fx, 'eth-ours', chosen)
  await assertPaid(fx, fx.native, rows, 'ETH batch')

  // Baseline: the same call shape (Disperse ABI, same amounts, fresh recipients) from the same payer
  // to the reference contract, sent with ethers.
  const reference = await deployReference(fx.dev.deployer, REFERENCE.disperse)
  const baseRows = rowsFor(fx, fx.native, 'eth-reference')
  const payer = new Wallet(fx.node.accounts[1]!.privateKey, fx.dev.provider)
  const send = async (to: string, rows: readonly PaymentRow[]): Promise<bigint> => {
    // Nonce read here: ethers caches identical provider requests for a moment, so its own count can be stale.
    const nonce = await fx.rpc.nonce(payer.address, 'pending')
    const sent = await payer.sendTransaction({ to, nonce, ...batchCall(fx.native, rows, BATCH_CALLS.disperse) })
    const receipt = await minedReceipt(fx.dev.provider, sent.hash)
    if (receipt.status !== 1) throw new Error(`disperseEther on ${to} reverted`)
    return receipt.gasUsed
  }
  const referenceGas = await send(reference, baseRows)
  await assertPaid(fx, fx.native, baseRows, 'Reference disperseEther')
  return ratioFigure(
    {
      figure: `Gas per recipient, ETH batch, ${GAS_RECIPIENTS} fresh recipients`,
      ours: 'proposed plan (disperseEtherPacked on BatchPayout) via Executor',
      baseline: 'Disperse-style reference disperseEther (bench: DisperseReference.sol, same compiler settings)',
      unit: UNIT.gasPerRecipient,
      oursValue: perRecipient(total(ours)),
      baselineValue: perRecipient(referenceGas),
      target: '<= 1.0x',
      note: `ours ${fmtGas(total(ours))} gas in ${ours.length} tx; reference ${fmtGas(referenceGas)} gas in 1 tx (fixed and per-recipient parts: the contract figures)`
    },
    1.0
  )
}

/** Both gas figures on one anvil node, stopped (by PID) before returning. */
export async function gasFigures(): Promise<Figure[]> {
  const fx = await startChainFixture()
  try {
    const figures = [await erc20Figure(fx), await ethFigure(fx)]
    const anvilRss = childPeakRssMiB(fx.node.pid)
    return figures.map((f) => ({
      ...f,
      note: `${f.note ?? ''}; anvil peak RSS ${anvilRss === null ? '?' : anvilRss.toFixed(0)} MiB`
    }))
  } finally {
    await fx.stop()
  }
}
