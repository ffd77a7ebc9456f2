// Runs in: benchmarks (plain Node). The batch contracts side by side (contractGas.ts measures them):
// gas per extra recipient and fixed gas per transaction for ERC-20 and ETH, BatchPayout as the app
// calls it against the GasliteDrop-style and the Disperse-style reference; and, for a 600-recipient
// batch, the calldata and the L1 data fee OP Mainnet would charge for it (opL1Fee.ts).
import { Transaction, Wallet, formatUnits, getBytes } from 'ethers'
import type { PlanAsset } from '../src/main/chain/planTypes'
import {
  CONTENDER,
  contenders,
  lineThrough,
  measure,
  startBench,
  type Bench,
  type Line,
  type Measured
} from './contractGas'
import { ratioFigure, UNIT, type Figure } from './figure'
import { fastLzSize, l1DataFee, type L1FeeParameters } from './opL1Fee'

/** The batch the L1 data fee is reported for: about what one transaction holds under the 2^24 gas cap. */
export const L1_FEE_RECIPIENTS = 600
/** OP Mainnet's chain id, in the transaction whose size is measured. */
const OP_MAINNET_CHAIN_ID = 10n
/**
 * Example prices for the fee: the OP Stack's default Ecotone scalars (GasPriceOracleBaseFeeScalar
 * 1368, GasPriceOracleBlobBaseFeeScalar 810949 in its deploy configuration, scaled by 1e6), an L1
 * base fee of 1 gwei and a blob base fee of 1 gwei. The fee is linear in each price.
 */
export const EXAMPLE_L1_PRICES: L1FeeParameters = {
  l1BaseFee: 1_000_000_000n,
  blobBaseFee: 1_000_000_000n,
  baseFeeScalar: 1368n,
  blobBaseFeeScalar: 810_949n
}
/** A transaction the size of a real one: these change a few bytes of the envelope, not the calldata. */
const EXAMPLE_TX = { nonce: 1_000, gasLimit: 16_000_000n, maxFeePerGas: 10n ** 8n, maxPriorityFeePerGas: 10n ** 6n }

const fmt = (n: number): string => Math.round(n).toLocaleString('en')
const gwei = (wei: bigint): string => formatUnits(wei, 'gwei')
const fmtLine = (l: Line): string => `fixed ${fmt(l.fixed)} + ${l.perExtra.toFixed(1)}/extra`
const byName = (measured: readonly Measured[], name: string): Measured => {
  const m = measured.find((x) => x.name === name)
  if (!m) throw new Error(`No measurement for ${name}`)
  return m
}

function perExtraFigures(
  asset: PlanAsset,
  sizes: readonly [number, number],
  measured: readonly Measured[],
  chained: string
): Figure[] {
  const label = asset.kind === 'native' ? 'ETH' : 'ERC-20'
  const line = (name: string): Line => lineThrough(sizes, byName(measured, name).gas)
  const ours = line(CONTENDER.ours)
  const all = measured
    .map((m) => `${m.name}: ${m.gas.map((g) => g.toLocaleString('en')).join(' / ')} gas (${fmtLine(line(m.name))})`)
    .join('; ')
  return [CONTENDER.gaslite, CONTENDER.disperse].map((reference, k) =>
    ratioFigure(
      {
        figure: `Gas per extra recipient, ${label}: BatchPayout vs ${reference}, ${sizes.map((n) => n.toLocaleString('en')).join(' and ')} fresh recipients`,
        ours: `${CONTENDER.ours} as the app calls it (packed payments), one transaction per size`,
        baseline: `${reference} reference (src/test/contracts, same compiler settings), same token, recipients, amounts`,
        unit: UNIT.gasPerExtraRecipient,
        oursValue: ours.perExtra,
        baselineValue: line(reference).perExtra,
        target: '<= 1.0x',
        // The first figure of each asset carries every contender's measurements; the second points to it.
        note: `fixed per transaction: ours ${fmt(ours.fixed)}, reference ${fmt(line(reference).fixed)}; ${k === 0 ? `${all}; ${chained}` : 'measurements in the figure above'}`
      },
      1.0
    )
  )
}

function signedOnOp(wallet: Wallet, to: string, data: string, value: bigint): Uint8Array {
  const tx = Transaction.from({ type: 2, chainId: OP_MAINNET_CHAIN_ID, to, data, value, ...EXAMPLE_TX })
  tx.signature = wallet.signingKey.sign(tx.unsignedHash)
  return getBytes(tx.serialized)
}

function l1Figure(bench: Bench, asset: PlanAsset): Figure {
  const rows = bench.rowsFor(asset, L1_FEE_RECIPIENTS)
  const list = contenders(bench, asset)
  const sized = (name: string) => {
    const call = list.find((c) => c.name === name)!.call(rows)
    const signed = signedOnOp(bench.payer, call.to, call.data, call.value)
    const calldata = (call.data.length - 2) / 2
    return { calldata, fastlz: fastLzSize(signed), fee: l1DataFee(signed, EXAMPLE_L1_PRICES) }
  }
  const ours = sized(CONTENDER.ours)
  const twoArrays = sized(CONTENDER.oursDisperse)
  const gaslite = sized(CONTENDER.gaslite)
  const perRow = (n: number): string => (n / L1_FEE_RECIPIENTS).toFixed(1)
  const describe = (s: typeof ours): string =>
    `${s.calldata.toLocaleString('en')} calldata bytes (${perRow(s.calldata)}/recipient), FastLZ ${s.fastlz.toLocaleString('en')} (${perRow(s.fastlz)}/recipient), L1 fee ${formatUnits(s.fee, 'gwei')} gwei`
  const label = asset.kind === 'native' ? 'ETH' : 'ERC-20'
  return ratioFigure(
    {
      figure: `L1 data fee on OP Mainnet (Fjord), ${label} batch of ${L1_FEE_RECIPIENTS} recipients`,
      ours: `${CONTENDER.ours} packed call, signed as an OP Mainnet EIP-1559 transaction`,
      baseline: `the same payments as two arrays: the Disperse call (BatchPayout's, and the Disperse-style reference's)`,
      unit: UNIT.fastLzBytes,
      oursValue: ours.fastlz,
      baselineValue: twoArrays.fastlz,
      target: '< 1.0x',
      note: `ours ${describe(ours)}; Disperse call ${describe(twoArrays)}; ${CONTENDER.gaslite} ${describe(gaslite)}; fee ratio ${(Number(ours.fee) / Number(twoArrays.fee)).toFixed(3)} at l1BaseFee ${gwei(EXAMPLE_L1_PRICES.l1BaseFee)} gwei, blobBaseFee ${gwei(EXAMPLE_L1_PRICES.blobBaseFee)} gwei, scalars ${EXAMPLE_L1_PRICES.baseFeeScalar} / ${EXAMPLE_L1_PRICES.blobBaseFeeScalar}`
    },
    0.999
  )
}

/** Every contract figure, on one anvil node stopped (by PID) before returning. */
export async function contractFigures(sizes: readonly [number, number]): Promise<Figure[]> {
  const bench = await startBench()
  try {
    const chained = `the ${fmt(Math.max(...sizes))}-recipient batch measured as one transaction on anvil with a ${Number(
      bench.blockGasLimit / 1_000_000n
    )}M block gas limit (over the 16,777,216 per-transaction cap: the app splits such a payout into chunks)`
    const figures: Figure[] = []
    for (const asset of [bench.fx.token, bench.fx.native]) {
      const measured = await measure(bench, asset, contenders(bench, asset), sizes)
      figures.push(...perExtraFigures(asset, sizes, measured, chained))
    }
    figures.push(l1Figure(bench, bench.fx.token), l1Figure(bench, bench.fx.native))
    return figures
  } finally {
    await bench.fx.stop()
  }
}
