// Runs in: benchmarks (`npm run bench`, `npm run bench -- --smoke` in CI). Each figure is our
// path against a baseline measured in the same run on the same machine, reported as a ratio with
// absolute medians and peak memory. Benchmarks never fail on timing; they fail only if a path
// breaks, so the suite cannot rot.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { editOneCellFigure, saveDraftFigure } from './draftFigures'
import type { Figure } from './figure'
import { contractFigures } from './contractFigures'
import { gasFigures } from './gas'
import { gridOpenFigures } from './gridFigure'
import { csvImportFigure, xlsxImportFigure } from './importFigures'
import { peakRssMiB } from './measure'
import { memoryFigure } from './memoryFigure'
import { millionFigure } from './millionFigure'
import { pipelineFigure } from './pipeline'
import { safeGasFigures } from './safeGas'
import { patchStallFigure, previewStallFigure } from './stallFigures'

const smoke = process.argv.includes('--smoke')
const SIZES = smoke
  ? { rows: 2_000, million: 20_000, transactions: 50, runs: 1, batchRecipients: [10, 100] as const }
  : { rows: 100_000, million: 1_000_000, transactions: 1_000, runs: 3, batchRecipients: [100, 1_000] as const }
/** `--only=gas,pipeline` runs those groups (`registry` is every group but gas and pipeline), e.g. to profile one with node --cpu-prof. */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length)
const GROUPS = ['import', 'draft', 'stalls', 'million', 'grid', 'memory', 'gas', 'safe', 'pipeline'] as const
type Group = (typeof GROUPS)[number]
const ALIASES: Readonly<Record<string, readonly Group[]>> = {
  registry: ['import', 'draft', 'stalls', 'million', 'grid', 'memory']
}
const onlyGroups: readonly string[] | undefined = only?.split(',').flatMap((g): readonly string[] => ALIASES[g] ?? [g])
const wanted = (g: Group): boolean => onlyGroups === undefined || onlyGroups.includes(g)

/** Three decimals: gas figures differ from their references by tenths of a percent. */
const RATIO_DECIMALS = 3

const figures: Figure[] = []

const fmt = (n: number | null) => (n === null ? '-' : Math.round(n).toLocaleString('en'))
const tableRow = (f: Figure): string =>
  `| ${f.figure} | ${fmt(f.oursValue)} | ${fmt(f.baselineValue)} | ${f.unit} | ${f.ratio === null ? '-' : `${f.ratio.toFixed(RATIO_DECIMALS)}x`} | ${f.target} | ${f.met === null ? '-' : f.met ? 'yes' : 'NO'} | ${f.note ?? ''} |`

/** Keeps a figure for the table and prints it at once, so a later group that fails does not lose it. */
function record(...done: Figure[]): void {
  for (const f of done) {
    figures.push(f)
    console.log(`measured: ${tableRow(f)}`)
  }
}

async function main(): Promise<void> {
  const unknown = onlyGroups?.filter((g) => !GROUPS.includes(g as Group)) ?? []
  if (unknown.length > 0) throw new Error(`--only takes ${GROUPS.join(', ')}; not ${unknown.join(', ')}`)
  if (wanted('import')) record(await csvImportFigure(SIZES), await xlsxImportFigure(SIZES))
  if (wanted('draft')) record(await saveDraftFigure(SIZES))
  if (wanted('stalls')) record(await patchStallFigure(SIZES), await previewStallFigure(SIZES))
  if (wanted('million')) record(millionFigure(SIZES))
  if (wanted('grid')) record(...(await gridOpenFigures(SIZES)))
  if (wanted('draft')) record(await editOneCellFigure(SIZES))
  if (wanted('memory')) record(memoryFigure(SIZES))
  if (wanted('gas')) record(...(await gasFigures()), ...(await contractFigures(SIZES.batchRecipients)))
  if (wanted('safe')) record(...(await safeGasFigures()))
  if (wanted('pipeline')) record(await pipelineFigure(SIZES.transactions, SIZES.runs))

  console.log(
    `\nTreasury benchmarks (${smoke ? 'smoke sizes' : 'full sizes'}, median of ${SIZES.runs}; peak RSS of this process ${peakRssMiB().toFixed(0)} MiB)\n`
  )
  console.log('| figure | ours | baseline | unit | ratio | target | met | note |')
  console.log('|---|---|---|---|---|---|---|---|')
  for (const f of figures) console.log(tableRow(f))
  mkdirSync('bench/results', { recursive: true })
  const file = join(
    'bench/results',
    `${smoke ? 'smoke' : 'full'}${onlyGroups === undefined ? '' : `-${onlyGroups.join('-')}`}-latest.json`
  )
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), node: process.version, smoke, sizes: SIZES, figures }, null, 2)}\n`
  )
  console.log(`\nWritten to ${file}`)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
