// Runs in: benchmarks (plain Node). How long main's event loop is held up by the two largest things
// a window asks of it: a paste over every row of a 100,000-row draft saved (patchPayoutRows, split
// into calls as the grid splits it), and the preview of the largest file a user may import (128 MiB,
// 1,000,000 rows). Each call is made as the window makes it (mainThread.ts): the request read from
// V8's serialization, checked against the contract, run, the answer serialized back.
import { MAX_PATCH_ROWS } from '../src/shared/api'
import { csvWithNotesOf, rows } from './data'
import { UNIT, type Figure } from './figure'
import { callAsWindow, measureBlocking, request } from './mainThread'
import { USDC, withTreasury, type RegistrySizes } from './registryBench'

/** A freeze a user notices: the window cannot answer a click for this long. */
const STALL_LIMIT_MS = 200
const TARGET = `longest block < ${STALL_LIMIT_MS} ms`
/** Bytes of note per row that bring 1,000,000 rows close to the 128 MiB file limit. */
const NOTE_CHARS = 47

export async function patchStallFigure(size: RegistrySizes): Promise<Figure> {
  const data = rows(size.rows, 6)
  return withTreasury(async (t) => {
    const draft = await t.createPayout({
      kind: 'mass',
      assetId: USDC,
      description: 'bench paste',
      recipients: data.map((r) => ({ address: r.address, amount: r.amount, name: r.name, reference: r.reference }))
    })
    // The paste: a new amount in every row, saved in calls of at most MAX_PATCH_ROWS rows.
    const pasted = data.map((r, i) => ({
      row: i + 1,
      address: r.address,
      amount: `${i + 1}.5`,
      name: r.name,
      reference: r.reference
    }))
    const requests: Buffer[] = []
    for (let i = 0; i < pasted.length; i += MAX_PATCH_ROWS)
      requests.push(request('patchPayoutRows', { id: draft.id, rows: pasted.slice(i, i + MAX_PATCH_ROWS) }))
    const blocked = await measureBlocking(async () => {
      let last = null
      for (const r of requests) last = (await callAsWindow(t, 'patchPayoutRows', r)).result
      return last
    })
    const expected = (BigInt(size.rows) * BigInt(size.rows + 1) * 1_000_000n) / 2n + BigInt(size.rows) * 500_000n
    if (blocked.value?.payout.totalBaseUnits !== expected.toString())
      throw new Error(`The pasted amounts were not all saved: total ${blocked.value?.payout.totalBaseUnits}`)
    return stallFigure(
      `Main-thread stall: a paste over all ${size.rows.toLocaleString('en')} rows of a draft saved`,
      'patchPayoutRows via dispatch, as the grid sends it',
      blocked.longestMs,
      `${requests.length} call(s) of at most ${MAX_PATCH_ROWS.toLocaleString('en')} rows; all saved in ${blocked.totalMs.toFixed(0)} ms`
    )
  })
}

export async function previewStallFigure(size: RegistrySizes): Promise<Figure> {
  const file = csvWithNotesOf(rows(size.million, 8), NOTE_CHARS)
  const input = request('previewRegistry', {
    fileName: 'large.csv',
    contentBase64: Buffer.from(file).toString('base64'),
    assetId: USDC
  })
  return withTreasury(async (t) => {
    t.prepareRegistryReader()
    const blocked = await measureBlocking(async () => {
      const answer = await callAsWindow(t, 'previewRegistry', input)
      return { ...answer, rows: answer.result.totals.rows }
    })
    if (blocked.value.rows !== size.million || blocked.value.result.error !== null)
      throw new Error(`The preview read ${blocked.value.rows} rows of ${size.million}`)
    return stallFigure(
      `Main-thread stall: preview of a ${(file.byteLength / 1024 / 1024).toFixed(0)} MiB CSV (${size.million.toLocaleString('en')} rows)`,
      'previewRegistry via dispatch (file as base64, as the window sends it)',
      blocked.longestMs,
      `preview answered in ${blocked.totalMs.toFixed(0)} ms, answer ${(blocked.value.answerBytes / 1024 / 1024).toFixed(1)} MiB serialized`
    )
  })
}

function stallFigure(figure: string, ours: string, longestMs: number, note: string): Figure {
  return {
    figure,
    ours,
    baseline: '-',
    unit: UNIT.ms,
    oursValue: longestMs,
    baselineValue: null,
    ratio: null,
    target: TARGET,
    met: longestMs < STALL_LIMIT_MS,
    note
  }
}
