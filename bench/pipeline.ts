// Runs in: benchmarks (plain Node). Plan + sign + persist + broadcast of N individual ETH
// transactions on a real anvil node (started and stopped here, by PID): our chain pipeline (the
// per-recipient plan, the Executor, the Ledger signer on the emulator, the SQLite journal) against
// ethers broadcasting the very same signed transactions in a loop from the same chain state
// (evm_snapshot before ours, evm_revert before the baseline). A timing breakdown of our side shows
// where the time goes; this process's CPU time on each side shows the cost apart from the wall
// clock, which the shared machine's load moves more than it moves the CPU time.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { JsonRpcProvider, getAddress, keccak256, toUtf8Bytes } from 'ethers'
import { EthRpc } from '../src/main/chain/ethRpc'
import { Executor } from '../src/main/chain/executor'
import { quoteFees } from '../src/main/chain/fees'
import type { ExecutionJournal } from '../src/main/chain/journal'
import { planPerRecipient } from '../src/main/chain/planPerRecipient'
import type { PlanAsset } from '../src/main/chain/planTypes'
import { JsonRpcClient } from '../src/main/chain/rpc'
import type { TransactionSigner } from '../src/main/chain/signer'
import { createCatalogue } from '../src/main/domain/catalogue'
import { createLedgerEmulator } from '../src/main/ledger/emulator'
import { createLedgerService } from '../src/main/ledger/ledgerService'
import { openDatabase } from '../src/main/store/db'
import { createSqliteJournal } from '../src/main/store/journalRepo'
import { itemId } from '../src/main/domain/itemId'
import { DATABASE_FILE, createTreasury } from '../src/main/treasury'
import { startAnvil } from '../src/test/anvil'
import { childPeakRssMiB, ratioFigure, UNIT, type Figure } from './figure'
import { cpuMsSince, peakRssMiB } from './measure'

const CHAIN_ID = 31337
const ACCOUNT = "44'/60'/0'/0/0"
const NATIVE: PlanAsset = { kind: 'native', symbol: 'ETH', decimals: 18 }
const PAYER_BALANCE_WEI = 10n ** 24n
const RPC_TIMEOUT_MS = 30_000
const EXECUTE_TOTAL = 'execute (total)'
const MINE_TIMEOUT_MS = 60_000

/** Milliseconds spent per labelled part of our pipeline, summed over every run. */
type Breakdown = Map<string, number>
const add = (b: Breakdown, label: string, ms: number): void => void b.set(label, (b.get(label) ?? 0) + ms)

/** Wraps every method of `target` so the time spent in it is added to `breakdown` under `prefix.method`. */
function timed<T extends object>(target: T, prefix: string, breakdown: Breakdown): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      const value: unknown = Reflect.get(t, key, receiver)
      if (typeof value !== 'function' || typeof key !== 'string') return value
      return async (...args: unknown[]): Promise<unknown> => {
        const start = performance.now()
        try {
          return await (value as (...a: unknown[]) => unknown).apply(t, args)
        } finally {
          add(breakdown, `${prefix}.${key}`, performance.now() - start)
        }
      }
    }
  })
}

/** Deterministic fresh addresses, cheap to make (no key derivation). */
const recipients = (count: number, run: number): string[] =>
  Array.from({ length: count }, (_, i) => getAddress(keccak256(toUtf8Bytes(`bench-pipeline:${run}:${i}`)).slice(0, 42)))

interface RunResult {
  readonly oursMs: number
  readonly baselineMs: number
  /** CPU time (user + system) of this process while each side ran. */
  readonly oursCpuMs: number
  readonly baselineCpuMs: number
  readonly anvilPeakRssMiB: number | null
}

async function oneRun(count: number, run: number, breakdown: Breakdown): Promise<RunResult> {
  const node = await startAnvil()
  const dataDir = mkdtempSync(join(tmpdir(), 'treasury-bench-pipeline-'))
  const emulator = createLedgerEmulator()
  const ledger = createLedgerService({ openTransport: () => emulator.openTransport() })
  const provider = new JsonRpcProvider(node.url, CHAIN_ID, { staticNetwork: true, batchMaxCount: 1 })
  let db: ReturnType<typeof openDatabase> | undefined
  try {
    const rpc = new EthRpc(new JsonRpcClient({ url: node.url, label: 'Benchmark node', timeoutMs: RPC_TIMEOUT_MS }))
    // A stored payout whose items the journal links each transaction to.
    const catalogue = createCatalogue({
      networks: [
        {
          chainId: CHAIN_ID,
          name: 'Benchmark',
          nativeSymbol: 'ETH',
          nativeName: 'Ether',
          testnet: true,
          development: true,
          explorerUrl: null,
          defaultRpcUrls: [node.url],
          batchContract: null,
          minConfirmations: 1,
          reorgWatchBlocks: 0,
          tokens: []
        }
      ]
    })
    const treasury = createTreasury({ dataDir, catalogue })
    const addresses = recipients(count, run)
    const draft = await treasury.createPayout({
      kind: 'mass',
      assetId: `${CHAIN_ID}:native`,
      description: 'bench pipeline',
      recipients: addresses.map((address, i) => ({ address, amount: `0.000${i + 1}` }))
    })
    await treasury.close()
    if (draft.errorCount !== 0) throw new Error(`The benchmark payout has ${draft.errorCount} invalid rows`)
    const rows = addresses.map((to, i) => ({
      itemId: itemId(draft.id, i + 1),
      row: i + 1,
      to,
      amount: BigInt(i + 1) * 10n ** 14n
    }))
    db = openDatabase(join(dataDir, DATABASE_FILE))
    const signer = await ledger.signer(ACCOUNT)
    await rpc.client.request('anvil_setBalance', [signer.address, `0x${PAYER_BALANCE_WEI.toString(16)}`])
    const snapshot = await rpc.client.request('evm_snapshot', [])

    // Ours: plan, then sign + persist + broadcast every step, instrumented per part.
    const journal = createSqliteJournal(db.write, { now: () => new Date() })
    const cpuBefore = process.cpuUsage()
    const start = performance.now()
    const plan = await planPerRecipient({
      rpc,
      chainId: BigInt(CHAIN_ID),
      from: signer.address,
      asset: NATIVE,
      rows,
      fees: await quoteFees(rpc)
    })
    const planned = performance.now()
    add(breakdown, 'plan (quoteFees, planPerRecipient)', planned - start)
    const executor = new Executor({
      rpc: timed(rpc, 'rpc', breakdown),
      journal: timed<ExecutionJournal>(journal, 'journal', breakdown),
      chainId: BigInt(CHAIN_ID),
      confirmations: 1
    })
    const report = await executor.execute(draft.id, plan, timed<TransactionSigner>(signer, 'signer', breakdown))
    const oursMs = performance.now() - start
    const oursCpuMs = cpuMsSince(cpuBefore)
    add(breakdown, EXECUTE_TOTAL, oursMs - (planned - start))
    if (report.stopped)
      throw new Error(`Our pipeline stopped at step ${report.stopped.step}: ${report.stopped.error.message}`)
    if (report.signed.length !== count)
      throw new Error(`Our pipeline signed ${report.signed.length} transactions, not ${count}`)
    await awaitMined(rpc, signer.address, count, 'Our pipeline')
    const raws = [...(await journal.listUnsettled())].sort((a, b) => a.nonce - b.nonce).map((t) => t.raw)
    if (raws.length !== count) throw new Error(`The journal holds ${raws.length} live transactions, not ${count}`)

    // Baseline: the same signed bytes from the same state, broadcast one after the other by ethers.
    if ((await rpc.client.request('evm_revert', [snapshot])) !== true)
      throw new Error('anvil could not revert to the snapshot')
    const baseCpu = process.cpuUsage()
    const baseStart = performance.now()
    for (const raw of raws) await provider.broadcastTransaction(raw)
    const baselineMs = performance.now() - baseStart
    const baselineCpuMs = cpuMsSince(baseCpu)
    await awaitMined(rpc, signer.address, count, 'The baseline')
    return { oursMs, baselineMs, oursCpuMs, baselineCpuMs, anvilPeakRssMiB: childPeakRssMiB(node.pid) }
  } finally {
    provider.destroy()
    await ledger.close()
    db?.close()
    await node.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Verification outside the timed part: anvil mines each accepted transaction right after answering. */
async function awaitMined(rpc: EthRpc, account: string, count: number, who: string): Promise<void> {
  const deadline = Date.now() + MINE_TIMEOUT_MS
  while ((await rpc.nonce(account, 'latest')) < count) {
    if (Date.now() > deadline) throw new Error(`${who} did not get every transaction mined`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN

export async function pipelineFigure(count: number, runs: number): Promise<Figure> {
  const breakdown: Breakdown = new Map()
  const results: RunResult[] = []
  for (let run = 0; run < runs; run++) results.push(await oneRun(count, run, breakdown))
  const perTx = (ms: number): string => `${((ms / runs / count) * 1000).toFixed(0)} µs`
  const cpu = (pick: (r: RunResult) => number): string => perTx(results.reduce((sum, r) => sum + pick(r), 0))
  // The parts overlap (the next step is prepared while one is sent), so they add up to more than the total.
  const parts = [...breakdown.entries()].sort((a, b) => b[1] - a[1]).map(([label, ms]) => `${label} ${perTx(ms)}`)
  const anvilRss = Math.max(...results.map((r) => r.anvilPeakRssMiB ?? 0))
  const limit = 1.1
  const perRun = results.map((r) => r.oursMs / r.baselineMs)
  const figure = ratioFigure(
    {
      figure: `Plan + sign (emulator) + persist + broadcast, ${count.toLocaleString('en')} individual transactions`,
      ours: 'planPerRecipient + Executor.execute, Ledger signer on the emulator, SQLite journal',
      baseline: 'ethers JsonRpcProvider.broadcastTransaction of the same signed bytes, sequentially, same chain state',
      unit: UNIT.ms,
      oursValue: median(results.map((r) => r.oursMs)),
      baselineValue: median(results.map((r) => r.baselineMs)),
      target: `<= ${limit}x in every run`,
      note: `runs ours ${results.map((r) => r.oursMs.toFixed(0)).join('/')} ms, baseline ${results.map((r) => r.baselineMs.toFixed(0)).join('/')} ms (${perRun.map((x) => `${x.toFixed(2)}x`).join(', ')}); CPU of this process per tx: ours ${cpu((r) => r.oursCpuMs)}, baseline ${cpu((r) => r.baselineCpuMs)}; anvil peak RSS ${anvilRss.toFixed(0)} MiB, bench process ${peakRssMiB().toFixed(0)} MiB; per tx, overlapping parts: ${parts.join(', ')}`
    },
    limit
  )
  return { ...figure, met: perRun.every((x) => x <= limit) }
}
