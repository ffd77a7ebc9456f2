// The row checker fails in one way only, RowCheckFailed, whatever goes wrong with its thread (a
// missing script, silence, an answer that does not fit, a failure it reports), so a save can fall
// back to checking on main; a payout saved through such a failure is stored once and whole.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { getAddress, id } from 'ethers'
import { afterEach, describe, expect, it } from 'vitest'
import type { RecipientInput } from '../../shared/api'
import { createCatalogue } from '../domain/catalogue'
import { ROWS_CHECKED_IN_WORKER } from '../services/payoutRows'
import { createPayoutService } from '../services/payoutService'
import { openDatabase } from '../store/db'
import * as repo from '../store/payoutRepo'
import { readSettings, writeSettings } from '../store/settingsRepo'
import { tempDir } from '../../test/tempDir'
import { batchStarts, createRowChecker, RowCheckFailed, threadMayWait, type RowChecker } from './rowChecker'

const ASSET = { decimals: 18, symbol: 'ETH', chainId: 1 }
const dir = tempDir('treasury-row-checker-')
const checkers: RowChecker[] = []
afterEach(async () => {
  await Promise.all(checkers.splice(0).map((c) => c.close()))
})

function checkerWith(options: Parameters<typeof createRowChecker>[0]): RowChecker {
  const c = createRowChecker(options)
  checkers.push(c)
  return c
}

/** A worker script in the row checker's role that answers each batch as `answer` says (a JavaScript expression of `m`). */
function fakeWorker(name: string, answer: string | null): string {
  const file = join(dir, `${name}.mjs`)
  writeFileSync(
    file,
    [
      "import { workerData } from 'node:worker_threads'",
      'const { port, signal } = workerData',
      'port.on("message", (m) => {',
      answer === null
        ? '  // Silent.'
        : `  if (m.kind === 'batch') { port.postMessage(${answer}); Atomics.add(signal, 0, 1); Atomics.notify(signal, 0) }`,
      '})'
    ].join('\n')
  )
  return file
}

const rows = (count: number): RecipientInput[] =>
  Array.from({ length: count }, (_, i) => ({ address: getAddress(id(`row ${i}`).slice(0, 42)), amount: '1' }))

function readAll(checker: RowChecker, inputs: readonly RecipientInput[]): number {
  const run = checker.check(inputs, ASSET)
  let n = 0
  for (const batch of run.batches()) n += batch.address.length
  run.duplicates()
  return n
}

const QUICK = { firstAnswerTimeoutMs: 2_000, answerTimeoutMs: 2_000 }

describe('row checker', () => {
  it('splits rows into batches that start small and double up to the full size', () => {
    expect(batchStarts(0, 10_000)).toEqual([0])
    expect(batchStarts(500, 10_000)).toEqual([0, 500])
    expect(batchStarts(40_000, 10_000)).toEqual([0, 1_000, 3_000, 7_000, 15_000, 25_000, 35_000, 40_000])
    expect(batchStarts(1_500, 300)).toEqual([0, 300, 600, 900, 1_200, 1_500])
  })

  it('may wait on this thread (Node lets every thread block)', () => {
    expect(threadMayWait()).toBe(true)
  })

  it('checks every row in a real worker and reuses the thread', () => {
    const checker = checkerWith({ batchRows: 400 })
    expect(readAll(checker, rows(2_000))).toBe(2_000)
    expect(readAll(checker, rows(900))).toBe(900)
    expect(checker.startedWorkers()).toBe(1)
  })

  it('fails at once when this thread may not wait, starting no thread', () => {
    const checker = checkerWith({ mayWait: false })
    expect(() => readAll(checker, rows(10))).toThrow(RowCheckFailed)
    expect(checker.startedWorkers()).toBe(0)
  })

  it('fails at once when its script is missing', () => {
    const checker = checkerWith({ workerFile: join(dir, 'nowhere.mjs') })
    expect(() => readAll(checker, rows(10))).toThrow(/missing/)
    expect(checker.startedWorkers()).toBe(0)
  })

  it('fails when its thread stays silent, and is not tried again in this session', () => {
    const checker = checkerWith({ workerFile: fakeWorker('silent', null), ...QUICK })
    expect(() => readAll(checker, rows(10))).toThrow(/did not answer within 2000 ms/)
    expect(() => readAll(checker, rows(10))).toThrow(/never answered in this session/)
    expect(checker.startedWorkers()).toBe(1)
  })

  it('fails on an answer about other rows than the batch asked about', () => {
    const answer =
      "{ kind: 'checked', run: m.run, batch: { first: m.batch.first + 1, address: m.batch.address, amount: [], category: [], costCenter: [], issues: [] } }"
    const checker = checkerWith({ workerFile: fakeWorker('misplaced', answer), ...QUICK })
    expect(() => readAll(checker, rows(10))).toThrow(/does not fit rows 1 to 10/)
    // It did answer: the next run gets a new thread rather than the one with answers nobody read.
    expect(() => readAll(checker, rows(10))).toThrow(/does not fit rows 1 to 10/)
    expect(checker.startedWorkers()).toBe(2)
  })

  it('fails with the reason its thread gives', () => {
    const checker = checkerWith({
      workerFile: fakeWorker('failing', "{ kind: 'failed', run: m.run, message: 'out of sorts' }"),
      ...QUICK
    })
    expect(() => readAll(checker, rows(10))).toThrow(/out of sorts/)
  })
})

describe('a save whose row checker fails', () => {
  it('is checked on main instead, and stored once and whole', () => {
    const db = openDatabase(join(dir, 'treasury.sqlite'))
    try {
      writeSettings(db.write, { operatorName: 'Ana' })
      const checker = checkerWith({ workerFile: fakeWorker('silent-save', null), ...QUICK })
      const payouts = createPayoutService({
        db,
        catalogue: createCatalogue(),
        settings: () => readSettings(db.write),
        now: () => new Date('2026-12-07T10:00:00Z'),
        changed: () => {},
        nameOf: () => null,
        rowChecker: checker
      })
      const count = ROWS_CHECKED_IN_WORKER + 10
      const saved = payouts.create({
        kind: 'mass',
        assetId: '1:native',
        description: 'fallback',
        recipients: rows(count)
      })
      expect(checker.startedWorkers()).toBe(1)
      expect(saved).toMatchObject({
        recipientCount: count,
        errorCount: 0,
        totalBaseUnits: (BigInt(count) * 10n ** 18n).toString()
      })
      expect(repo.listPayoutRows(db.read, { offset: 0, limit: 10 }).total).toBe(1)
      expect(repo.itemCount(db.read, saved.id)).toBe(count)
      expect(db.read.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'created'").get()).toEqual({ n: 1 })
    } finally {
      db.close()
    }
  })
})
