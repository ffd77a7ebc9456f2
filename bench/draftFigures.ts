// Runs in: benchmarks (plain Node). Draft figures: saving a large draft through createTreasury
// against a bare better-sqlite3 insert loop into the store's own item table, and one grid edit of
// a large draft saved by main.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { parseAmount, toStoredAmount } from '../src/main/domain/money'
import { rows, type Row } from './data'
import { ratioFigure, UNIT, type Figure } from './figure'
import { interleaved, time } from './measure'
import { openBareStore, type BareRow } from './bareStore'
import { USDC, USDC_DECIMALS, withTreasury, type RegistrySizes } from './registryBench'

/**
 * The baseline: storing the same rows with nothing of ours around it (bareStore.ts). The values are
 * the ones the app stores (checksummed address, base units), computed before the clock starts.
 */
function bareStore(dir: string, data: readonly Row[]): { run: () => void; close: () => void } {
  const store = openBareStore(dir)
  const bare: BareRow[] = data.map((r) => {
    const parsed = parseAmount(r.amount, USDC_DECIMALS, 'USDC')
    if (!parsed.ok) throw new Error(`Bench data amount ${r.amount} does not parse`)
    return {
      address: r.address,
      amountInput: r.amount,
      baseUnits: toStoredAmount(parsed.value),
      name: r.name,
      reference: r.reference
    }
  })
  return { run: () => store.store(bare.length, (i) => bare[i]!), close: () => store.close() }
}

/** The figure's first baseline, kept as a note: the same rows into a bare 6-column table with no checks and no indexes. */
function narrowStore(dir: string, data: readonly Row[]): { run: () => void; close: () => void } {
  const db = new Database(join(dir, 'narrow.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(
    'CREATE TABLE items (payout_id TEXT NOT NULL, row INTEGER NOT NULL, address TEXT NOT NULL, amount TEXT NOT NULL, name TEXT NOT NULL, reference TEXT NOT NULL, PRIMARY KEY (payout_id, row)) STRICT, WITHOUT ROWID'
  )
  let n = 0
  return {
    run() {
      const insert = db.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)')
      const id = `P${++n}`
      db.transaction(() => data.forEach((r, i) => insert.run(id, i + 1, r.address, r.amount, r.name, r.reference)))()
    },
    close: () => db.close()
  }
}

export async function saveDraftFigure(size: RegistrySizes): Promise<Figure> {
  const data = rows(size.rows, 3)
  const recipients = data.map((r) => ({ address: r.address, amount: r.amount, name: r.name, reference: r.reference }))
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'))
  const bare = bareStore(dir, data)
  const narrow = narrowStore(dir, data)
  try {
    const [ours, baseline] = await withTreasury((t) =>
      interleaved(
        size.runs,
        async () => {
          const saved = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'bench', recipients })
          if (saved.recipientCount !== data.length || saved.errorCount !== 0)
            throw new Error(
              `createPayout stored ${saved.recipientCount} rows of ${data.length}, ${saved.errorCount} with errors`
            )
        },
        bare.run
      )
    )
    const old = await time(size.runs, narrow.run)
    const note = `baseline: payout_items as the migrations create it (checks, foreign key, 3 indexes), the store's pragmas; until now the baseline was a 6-column table without checks or indexes: ${Math.round(old.medianMs)} ms here, ${(ours.medianMs / old.medianMs).toFixed(1)}x`
    return ratioFigure(
      {
        figure: `Save a ${size.rows.toLocaleString('en')}-row draft (validate + store)`,
        ours: 'createPayout via createTreasury',
        baseline: 'bare better-sqlite3 prepared insert loop into the same table, one transaction',
        unit: UNIT.ms,
        oursValue: ours.medianMs,
        baselineValue: baseline.medianMs,
        target: '<= 1.2x',
        note
      },
      1.2
    )
  } finally {
    bare.close()
    narrow.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** One cell of the last rows of a large draft edited and saved: what the grid's autosave asks of main. */
export async function editOneCellFigure(size: RegistrySizes): Promise<Figure> {
  const data = rows(size.rows, 4)
  const EDITS = 11
  const saved = await withTreasury(async (t) => {
    const d = await t.createPayout({
      kind: 'mass',
      assetId: USDC,
      description: 'bench',
      recipients: data.map((r) => ({ address: r.address, amount: r.amount, name: r.name, reference: r.reference }))
    })
    const row = Math.max(1, size.rows - 9)
    let edit = 0
    return time(EDITS, async () => {
      const source = data[row - 1]!
      const r = await t.patchPayoutRows({
        id: d.id,
        rows: [{ row, address: source.address, amount: `${++edit}.25`, name: source.name, reference: source.reference }]
      })
      if (r.rows.find((x) => x.row === row)?.amount !== `${edit}.25`) throw new Error('The edited cell was not saved')
    })
  })
  return {
    figure: `Grid: edit one cell in a ${size.rows.toLocaleString('en')}-row draft, to saved (main's side)`,
    ours: 'patchPayoutRows via createTreasury',
    baseline: '-',
    unit: UNIT.ms,
    oursValue: saved.medianMs,
    baselineValue: null,
    ratio: null,
    target: '< 50 ms',
    met: saved.medianMs < 50,
    note: `median of ${EDITS} edits; the renderer's debounce and paint are not included`
  }
}
