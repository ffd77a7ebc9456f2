// Runs in: benchmarks (plain Node). Draft figures: saving a large draft through createTreasury
// against a bare better-sqlite3 insert loop into the store's own item table, and one grid edit of
// a large draft saved by main.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { parseAmount, toStoredAmount } from '../src/main/domain/money'
import { inTransaction, openDatabase } from '../src/main/store/db'
import { rows, type Row } from './data'
import { ratioFigure, UNIT, type Figure } from './figure'
import { time, type Timing } from './measure'
import { USDC, withTreasury, type RegistrySizes } from './registryBench'

const USDC_DECIMALS = 6

/** Runs `a` and `b` alternately, `runs` times each, so a noisy neighbour slows both alike. */
async function interleaved(
  runs: number,
  a: () => Promise<unknown> | unknown,
  b: () => Promise<unknown> | unknown
): Promise<[Timing, Timing]> {
  const ta: number[] = []
  const tb: number[] = []
  for (let i = 0; i < runs; i++) {
    for (const [fn, into] of [
      [a, ta],
      [b, tb]
    ] as const) {
      const start = performance.now()
      await fn()
      into.push(performance.now() - start)
    }
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!
  return [
    { medianMs: median(ta), runsMs: ta },
    { medianMs: median(tb), runsMs: tb }
  ]
}

/**
 * The baseline: storing the same rows with nothing of ours around it. A database opened by the
 * store's own openDatabase (same pragmas, same migrations, so the same payout_items table with its
 * constraints, foreign key and indexes; it cannot drift from the app's), one payout row for the
 * foreign key, then one prepared INSERT per row in one transaction. The values are the ones the
 * app stores (checksummed address, base units, '[]' for no issues), computed before the clock starts.
 */
function bareStore(dir: string, data: readonly Row[]): { run: () => void; close: () => void } {
  const db = openDatabase(join(dir, 'bare.sqlite'))
  const baseUnits = data.map((r) => {
    const parsed = parseAmount(r.amount, USDC_DECIMALS, 'USDC')
    if (!parsed.ok) throw new Error(`Bench data amount ${r.amount} does not parse`)
    return toStoredAmount(parsed.value)
  })
  const addPayout = db.write
    .prepare(`INSERT INTO payouts (id, kind, status, chain_id, asset_id, description, total, recipient_count, error_count, warning_count, created_by, created_at, updated_at)
    VALUES (?, 'mass', 'draft', 1, ?, 'bench', '0', ?, 0, 0, 'bench', '', '')`)
  let n = 0
  return {
    run() {
      const id = `PO-BARE${++n}`
      inTransaction(db.write, () => {
        addPayout.run(id, USDC, data.length)
        const insert = db.write
          .prepare(`INSERT INTO payout_items (payout_id, row, address_input, address, amount_input, amount, name, reference, note, status, issues, tx_hash)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        for (let i = 0; i < data.length; i++) {
          const r = data[i]!
          insert.run(
            id,
            i + 1,
            r.address,
            r.address,
            r.amount,
            baseUnits[i],
            r.name,
            r.reference,
            '',
            'draft',
            '[]',
            null
          )
        }
      })
    },
    close: () => db.close()
  }
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
        target: '<= 1.5x',
        note
      },
      1.5
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
