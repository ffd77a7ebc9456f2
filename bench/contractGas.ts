// Runs in: benchmarks (plain Node). Batch contracts side by side on one anvil node: our BatchPayout
// (called as the app calls it), a Disperse-style and a GasliteDrop-style reference, each paying the
// same fresh recipients the same amounts of the same token (or ETH) from the same payer, at two
// sizes. Every contender starts from the same chain state (evm_snapshot / evm_revert), so the
// recipients are fresh for each; each payment's balances are read back so a broken path fails.
// The two sizes give each contract a fixed part and a part per extra recipient (a straight line
// through both: gas is deterministic, so one run each).
import { Interface, Wallet, type InterfaceAbi } from 'ethers'
import { BATCH_CALLS, PROJECT_BATCH_CODE, erc20Interface } from '../src/main/chain/batchContract'
import type { PaymentRow, PlanAsset } from '../src/main/chain/planTypes'
import { sumRows } from '../src/main/chain/planTypes'
import { batchCall, callsForPayout } from '../src/main/chain/batchCalls'
import { startChainFixture, TOKEN_UNIT, type ChainFixture } from '../src/test/chainFixture'
import { compileReference, deployReference, REFERENCE } from './referenceContract'
import { minedReceipt } from '../src/test/minedReceipt'

/**
 * anvil's block gas limit here: 1,000 recipients take 27M to 35M gas in one transaction, over the
 * 16,777,216 per-transaction cap of EIP-7825 (which anvil does not enforce unless asked). The app
 * never signs such a transaction (it splits a payout into chunks well under the cap); the bench
 * measures it as one so the line through both sizes is not bent by a second fixed cost.
 */
export const BENCH_BLOCK_GAS_LIMIT = 200_000_000n

export interface Call {
  readonly to: string
  readonly data: string
  readonly value: bigint
}

export const CONTENDER = {
  /** BatchPayout called as the app calls it: packed payments when every amount fits 96 bits. */
  ours: 'BatchPayout',
  /** BatchPayout through its Disperse calls, the same calldata the references get. */
  oursDisperse: 'BatchPayout, Disperse calls',
  disperse: 'Disperse-style',
  gaslite: 'GasliteDrop-style'
} as const

export interface Contender {
  readonly name: string
  /** The call paying `rows`; ERC-20 contenders are approved for the rows' total first. */
  call(rows: readonly PaymentRow[]): Call
}

export interface Measured {
  readonly name: string
  /** gasUsed per size, in the order of the sizes asked for. */
  readonly gas: readonly bigint[]
  /** Calldata bytes of the largest call. */
  readonly calldataBytes: number
}

export interface Line {
  readonly fixed: number
  readonly perExtra: number
}

/** The straight line through (small, gas at small) and (large, gas at large). */
export function lineThrough(sizes: readonly [number, number], gas: readonly bigint[]): Line {
  const [small, large] = sizes
  const [atSmall, atLarge] = [Number(gas[0]), Number(gas[1])]
  const perExtra = (atLarge - atSmall) / (large - small)
  return { fixed: atSmall - perExtra * small, perExtra }
}

export const amountOf =
  (asset: PlanAsset) =>
  (i: number): bigint =>
    asset.kind === 'native' ? BigInt(i + 1) * 10n ** 13n : BigInt(i + 1) * TOKEN_UNIT

export interface Bench {
  readonly fx: ChainFixture
  readonly blockGasLimit: bigint
  readonly payer: Wallet
  readonly disperse: string
  readonly gaslite: string
  send(call: Call): Promise<bigint>
  rowsFor(asset: PlanAsset, size: number): PaymentRow[]
}

export async function startBench(): Promise<Bench> {
  const fx = await startChainFixture({ gasLimit: BENCH_BLOCK_GAS_LIMIT })
  try {
    const [disperse, gaslite] = [
      await deployReference(fx.dev.deployer, REFERENCE.disperse),
      await deployReference(fx.dev.deployer, REFERENCE.gaslite)
    ]
    const payer = new Wallet(fx.node.accounts[1]!.privateKey, fx.dev.provider)
    const send = async (call: Call): Promise<bigint> => {
      // Nonce read here: ethers caches identical provider requests for a moment, so its own count can be stale.
      const nonce = await fx.rpc.nonce(payer.address, 'pending')
      const sent = await payer.sendTransaction({ ...call, nonce })
      const receipt = await minedReceipt(fx.dev.provider, sent.hash)
      if (receipt.status !== 1) throw new Error(`The call to ${call.to} reverted`)
      return receipt.gasUsed
    }
    const rowsFor = (asset: PlanAsset, size: number): PaymentRow[] =>
      fx.rows(fx.recipients(size, `contract-gas-${asset.kind}-${size}`), amountOf(asset), `${asset.kind}-${size}`)
    return { fx, blockGasLimit: BENCH_BLOCK_GAS_LIMIT, payer, disperse, gaslite, send, rowsFor }
  } catch (e) {
    await fx.stop()
    throw e
  }
}

const interfaceOf = (name: (typeof REFERENCE)[keyof typeof REFERENCE]): Interface =>
  new Interface(compileReference(name).abi as InterfaceAbi)

/** Our contract as the app calls it and through its Disperse calls, and the two references, for one asset. */
export function contenders(bench: Bench, asset: PlanAsset): Contender[] {
  const disperse = interfaceOf(REFERENCE.disperse)
  const gaslite = interfaceOf(REFERENCE.gaslite)
  const recipients = (rows: readonly PaymentRow[]): string[] => rows.map((r) => r.to)
  const values = (rows: readonly PaymentRow[]): bigint[] => rows.map((r) => r.amount)
  const batch = bench.fx.dev.contracts.batch
  const ours: Contender[] = [
    {
      name: CONTENDER.ours,
      call: (rows) => ({ to: batch, ...batchCall(asset, rows, callsForPayout(PROJECT_BATCH_CODE.calls, rows)) })
    },
    { name: CONTENDER.oursDisperse, call: (rows) => ({ to: batch, ...batchCall(asset, rows, BATCH_CALLS.disperse) }) }
  ]
  if (asset.kind === 'native')
    return [
      ...ours,
      {
        name: CONTENDER.disperse,
        call: (rows) => ({
          to: bench.disperse,
          data: disperse.encodeFunctionData('disperseEther', [recipients(rows), values(rows)]),
          value: sumRows(rows)
        })
      },
      {
        name: CONTENDER.gaslite,
        call: (rows) => ({
          to: bench.gaslite,
          data: gaslite.encodeFunctionData('airdropETH', [recipients(rows), values(rows)]),
          value: sumRows(rows)
        })
      }
    ]
  return [
    ...ours,
    {
      name: CONTENDER.disperse,
      call: (rows) => ({
        to: bench.disperse,
        data: disperse.encodeFunctionData('disperseToken', [asset.address, recipients(rows), values(rows)]),
        value: 0n
      })
    },
    {
      name: CONTENDER.gaslite,
      call: (rows) => ({
        to: bench.gaslite,
        data: gaslite.encodeFunctionData('airdropERC20', [
          asset.address,
          recipients(rows),
          values(rows),
          sumRows(rows)
        ]),
        value: 0n
      })
    }
  ]
}

/** Each contender at each size, every one from the same chain state; balances checked after each. */
export async function measure(
  bench: Bench,
  asset: PlanAsset,
  list: readonly Contender[],
  sizes: readonly number[]
): Promise<Measured[]> {
  const { fx } = bench
  const gas = list.map((): bigint[] => [])
  const calldata = list.map(() => 0)
  for (const size of sizes) {
    const rows = bench.rowsFor(asset, size)
    for (const [k, contender] of list.entries()) {
      const snapshot = await fx.send('evm_snapshot')
      const call = contender.call(rows)
      if (asset.kind === 'erc20')
        await bench.send({
          to: asset.address,
          data: erc20Interface.encodeFunctionData('approve', [call.to, sumRows(rows)]),
          value: 0n
        })
      gas[k]!.push(await bench.send(call))
      calldata[k] = (call.data.length - 2) / 2
      const balances = await fx.balances(
        asset,
        rows.map((r) => r.to)
      )
      const wrong = rows.filter((r, i) => balances[i] !== r.amount).length
      if (wrong > 0) throw new Error(`${contender.name}: ${wrong} of ${rows.length} recipients were not paid exactly`)
      await fx.send('evm_revert', [snapshot])
    }
  }
  return list.map((c, k) => ({ name: c.name, gas: gas[k]!, calldataBytes: calldata[k]! }))
}
