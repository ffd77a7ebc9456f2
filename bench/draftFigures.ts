// Runs in: benchmarks (plain Node). Draft figures: saving a large draft through createTreasury
// against a bare better-sqlite3 insert loop, and one grid edit of a large draft saved by main.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { rows } from './data'
import { ratioFigure, UNIT, type Figure } from './figure'
import { time } from './measure'
import { USDC, withTreasury, type RegistrySizes } from './registryBench'

export async function saveDraftFigure(size: RegistrySizes): Promise<Figure> {
  const data = rows(size.rows, 3)
  const recipients = data.map((r) => ({ address: r.address, amount: r.amount, name: r.name, reference: r.reference }))
  const ours = await withTreasury((t) => time(size.runs, () => t.createPayout({ kind: 'mass', assetId: USDC, description: 'bench', recipients })))
  // Baseline: the same rows inserted with a bare prepared statement in one transaction, same pragmas.
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-'))
  const db = new Database(join(dir, 'bare.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('CREATE TABLE items (payout_id TEXT NOT NULL, row INTEGER NOT NULL, address TEXT NOT NULL, amount TEXT NOT NULL, name TEXT NOT NULL, reference TEXT NOT NULL, PRIMARY KEY (payout_id, row)) STRICT, WITHOUT ROWID')
  let run = 0
  const baseline = await time(size.runs, () => {
    const insert = db.prepare('INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)')
    const id = `P${run++}`
    db.transaction(() => data.forEach((r, i) => insert.run(id, i + 1, r.address, r.amount, r.name, r.reference)))()
  })
  db.close()
  rmSync(dir, { recursive: true, force: true })
  return ratioFigure({ figure: `Save a ${size.rows.toLocaleString('en')}-row draft (validate + store)`, ours: 'createPayout via createTreasury', baseline: 'bare better-sqlite3 prepared insert loop, one transaction', unit: UNIT.ms, oursValue: ours.medianMs, baselineValue: baseline.medianMs, target: '<= 1.5x' }, 1.5)
}

/** One cell of the last rows of a large draft edited and saved: what the grid's autosave asks of main. */
export async function editOneCellFigure(size: RegistrySizes): Promise<Figure> {
  const data = rows(size.rows, 4)
  const EDITS = 11
  const saved = await withTreasury(async (t) => {
    const d = await t.createPayout({ kind: 'mass', assetId: USDC, description: 'bench', recipients: data.map((r) => ({ address: r.address, amount: r.amount, name: r.name, reference: r.reference })) })
    const row = Math.max(1, size.rows - 9)
    let edit = 0
    return time(EDITS, async () => {
      const source = data[row - 1]!
      const r = await t.patchPayoutRows({ id: d.id, rows: [{ row, address: source.address, amount: `${++edit}.25`, name: source.name, reference: source.reference }] })
      if (r.rows.find((x) => x.row === row)?.amount !== `${edit}.25`) throw new Error('The edited cell was not saved')
    })
  })
  return {
    figure: `Grid: edit one cell in a ${size.rows.toLocaleString('en')}-row draft, to saved (main's side)`, ours: 'patchPayoutRows via createTreasury', baseline: '-', unit: UNIT.ms,
    oursValue: saved.medianMs, baselineValue: null, ratio: null, target: '< 50 ms', met: saved.medianMs < 50, note: `median of ${EDITS} edits; the renderer's debounce and paint are not included`
  }
}
