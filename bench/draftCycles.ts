// Runs in: benchmarks, as a child process of its own so its memory is only this: one large draft
// opened, edited and saved again and again, as the grid does it (the first page of rows, then the
// rest a page at a time; a few cells changed and saved as a patch). Prints one JSON line with the
// resident memory after each cycle, measured after a full garbage collection (run with --expose-gc).
//   draftCycles.ts <rows> <cycles>
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTreasury } from '../src/main/treasury'
import { rows } from './data'
import { BUNDLED_WORKER, USDC } from './registryBench'

/** The grid's paging: the first screenful (views/mass/PayoutEditorRoute.tsx), then pages (draftController.ts). */
const FIRST_PAGE = 1_000
const REST_PAGE = 10_000
const EDITED_ROWS = 3
const MIB = 1024 * 1024

async function main(): Promise<void> {
  const count = Number.parseInt(process.argv[2] ?? '', 10)
  const cycles = Number.parseInt(process.argv[3] ?? '', 10)
  if (!(count > EDITED_ROWS) || !(cycles > 0)) throw new Error('usage: draftCycles.ts <rows> <cycles>')
  const gc = (globalThis as { gc?: () => void }).gc
  if (gc === undefined) throw new Error('run with node --expose-gc')
  const data = rows(count, 9)
  const dir = mkdtempSync(join(tmpdir(), 'treasury-bench-cycles-'))
  const t = createTreasury({ dataDir: dir, registryWorkerFile: BUNDLED_WORKER })
  const rssMiB: number[] = []
  const heapMiB: number[] = []
  try {
    const draft = await t.createPayout({
      kind: 'mass',
      assetId: USDC,
      description: 'bench cycles',
      recipients: data.map((r) => ({ address: r.address, amount: r.amount, name: r.name, reference: r.reference }))
    })
    for (let cycle = 1; cycle <= cycles; cycle++) {
      // Opened: every row read, as the grid reads them.
      const first = await t.getPayout({ id: draft.id, limit: FIRST_PAGE })
      let have = first.items.length
      while (have < first.recipientCount) {
        const page = await t.getPayout({ id: draft.id, offset: have, limit: REST_PAGE })
        if (page.items.length === 0) throw new Error(`Row ${have + 1} could not be read`)
        have += page.items.length
      }
      // Edited and saved: a few amounts, as autosave sends them.
      const edited = Array.from({ length: EDITED_ROWS }, (_, k) => {
        const row = 1 + ((cycle * 997 + k * 7919) % count)
        const r = data[row - 1]!
        return { row, address: r.address, amount: `${cycle}.${k + 1}`, name: r.name, reference: r.reference }
      })
      const saved = await t.patchPayoutRows({ id: draft.id, rows: edited })
      if (saved.rows.length < EDITED_ROWS) throw new Error(`Cycle ${cycle}: the edit was not saved`)
      gc()
      const usage = process.memoryUsage()
      rssMiB.push(usage.rss / MIB)
      heapMiB.push(usage.heapUsed / MIB)
    }
  } finally {
    await t.close()
    rmSync(dir, { recursive: true, force: true })
  }
  console.log(JSON.stringify({ rssMiB, heapMiB }))
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
