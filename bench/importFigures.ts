// Runs in: benchmarks (plain Node). Registry import figures: a CSV file parsed, validated and
// stored through createTreasury against a bare papaparse parse; an XLSX file read and validated
// against a bare SheetJS read.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Papa from 'papaparse'
import * as XLSX from '@e965/xlsx'
import { readImportedRows } from '../src/renderer/src/lib/mass/importRows'
import { csvOf, rows, xlsxOf } from './data'
import { ratioFigure, UNIT, type Figure } from './figure'
import { interleaved, time } from './measure'
import { openImportFloor } from './importFloor'
import { USDC, USDC_DECIMALS, withTreasury, type RegistrySizes } from './registryBench'

export async function csvImportFigure(size: RegistrySizes): Promise<Figure> {
  const data = rows(size.rows)
  const csv = csvOf(data)
  const text = new TextDecoder().decode(csv)
  const base64 = Buffer.from(csv).toString('base64')
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-floor-'))
  const floor = openImportFloor(dir, text, USDC_DECIMALS)
  try {
    const [ours, baseline] = await withTreasury((t) =>
      interleaved(
        size.runs,
        async () => {
          const preview = await t.previewRegistry({ fileName: 'registry.csv', contentBase64: base64, assetId: USDC })
          if (preview.totals.rows !== data.length || preview.totals.rowsWithErrors !== 0)
            throw new Error('CSV import lost or broke rows')
          // As the window does: every row read a page at a time into grid rows, then saved by the import's id.
          const read = await readImportedRows(preview, async (offset, limit) => ({
            ok: true,
            value: await t.readImportRows({ importId: preview.importId ?? '', offset, limit })
          }))
          if (!read.ok || read.value.gridImport === null) throw new Error('CSV import could not read its rows')
          const saved = await t.createPayout({
            kind: 'mass',
            assetId: USDC,
            description: 'bench',
            recipients: [],
            imported: { importId: read.value.gridImport.importId, ...read.value.gridImport.claim }
          })
          if (saved.recipientCount !== data.length || saved.errorCount !== 0)
            throw new Error('CSV import stored broken rows')
        },
        floor.run
      )
    )
    const papa = await time(size.runs, () => Papa.parse(text, { header: true, skipEmptyLines: true }))
    return ratioFigure(
      {
        figure: `CSV import, ${size.rows.toLocaleString('en')} rows: preview + save`,
        ours: 'previewRegistry, readImportRows page by page into grid rows (as the window), createPayout by the import id, via createTreasury',
        baseline:
          'storage floor: papaparse parse + EIP-55 check (same keccak) + amount to base units + bare prepared insert into payout_items, one process',
        unit: UNIT.ms,
        oursValue: ours.medianMs,
        baselineValue: baseline.medianMs,
        target: '<= 1.3x',
        note: `runs ours ${ours.runsMs.map((ms) => ms.toFixed(0)).join('/')} ms, floor ${baseline.runsMs.map((ms) => ms.toFixed(0)).join('/')} ms; papaparse alone ${papa.medianMs.toFixed(0)} ms (ours ${(ours.medianMs / papa.medianMs).toFixed(1)}x)`
      },
      1.3
    )
  } finally {
    floor.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function xlsxImportFigure(size: RegistrySizes): Promise<Figure> {
  const data = rows(size.rows, 2)
  const xlsx = xlsxOf(data)
  const base64 = Buffer.from(xlsx).toString('base64')
  const [ours, baseline] = await withTreasury((t) =>
    interleaved(
      size.runs,
      async () => {
        const preview = await t.previewRegistry({ fileName: 'registry.xlsx', contentBase64: base64, assetId: USDC })
        if (preview.totals.rows !== data.length)
          throw new Error(
            `XLSX import read ${preview.totals.rows} rows of ${data.length}: ${preview.error?.message ?? ''}`
          )
      },
      () => {
        const wb = XLSX.read(xlsx, { type: 'array' })
        XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!)
      }
    )
  )
  return ratioFigure(
    {
      figure: `XLSX import, ${size.rows.toLocaleString('en')} rows (read + validate)`,
      ours: 'previewRegistry via createTreasury',
      baseline: 'bare SheetJS read + sheet_to_json',
      unit: UNIT.ms,
      oursValue: ours.medianMs,
      baselineValue: baseline.medianMs,
      target: '<= 1.2x',
      note: `runs ours ${ours.runsMs.map((ms) => ms.toFixed(0)).join('/')} ms, SheetJS ${baseline.runsMs.map((ms) => ms.toFixed(0)).join('/')} ms`
    },
    1.2
  )
}
