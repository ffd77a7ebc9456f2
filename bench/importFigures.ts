// Runs in: benchmarks (plain Node). Registry import figures: a CSV file parsed, validated and
// stored through createTreasury against a bare papaparse parse; an XLSX file read and validated
// against a bare SheetJS read.
import Papa from 'papaparse'
import * as XLSX from '@e965/xlsx'
import { csvOf, rows, xlsxOf } from './data'
import { ratioFigure, UNIT, type Figure } from './figure'
import { time } from './measure'
import { USDC, withTreasury, type RegistrySizes } from './registryBench'

export async function csvImportFigure(size: RegistrySizes): Promise<Figure> {
  const data = rows(size.rows)
  const csv = csvOf(data)
  const text = new TextDecoder().decode(csv)
  const base64 = Buffer.from(csv).toString('base64')
  const ours = await withTreasury((t) =>
    time(size.runs, async () => {
      const preview = await t.previewRegistry({ fileName: 'registry.csv', contentBase64: base64, assetId: USDC })
      if (preview.rows.length !== data.length || preview.totals.rowsWithErrors !== 0)
        throw new Error('CSV import lost or broke rows')
      await t.createPayout({
        kind: 'mass',
        assetId: USDC,
        description: 'bench',
        recipients: preview.rows.map((r) => ({
          address: r.address,
          amount: r.amount,
          name: r.name,
          reference: r.reference
        }))
      })
    })
  )
  const baseline = await time(size.runs, () => Papa.parse(text, { header: true, skipEmptyLines: true }))
  return ratioFigure(
    {
      figure: `CSV import, ${size.rows.toLocaleString('en')} rows: parse + validate + store`,
      ours: 'previewRegistry + createPayout via createTreasury',
      baseline: 'bare papaparse parse',
      unit: UNIT.ms,
      oursValue: ours.medianMs,
      baselineValue: baseline.medianMs,
      target: '<= 2.0x'
    },
    2.0
  )
}

export async function xlsxImportFigure(size: RegistrySizes): Promise<Figure> {
  const data = rows(size.rows, 2)
  const xlsx = xlsxOf(data)
  const base64 = Buffer.from(xlsx).toString('base64')
  const ours = await withTreasury((t) =>
    time(size.runs, async () => {
      const preview = await t.previewRegistry({ fileName: 'registry.xlsx', contentBase64: base64, assetId: USDC })
      if (preview.rows.length !== data.length)
        throw new Error(
          `XLSX import read ${preview.rows.length} rows of ${data.length}: ${preview.error?.message ?? ''}`
        )
    })
  )
  const baseline = await time(size.runs, () => {
    const wb = XLSX.read(xlsx, { type: 'array' })
    XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!)
  })
  return ratioFigure(
    {
      figure: `XLSX import, ${size.rows.toLocaleString('en')} rows (read + validate)`,
      ours: 'previewRegistry via createTreasury',
      baseline: 'bare SheetJS read + sheet_to_json',
      unit: UNIT.ms,
      oursValue: ours.medianMs,
      baselineValue: baseline.medianMs,
      target: '<= 1.3x'
    },
    1.3
  )
}
