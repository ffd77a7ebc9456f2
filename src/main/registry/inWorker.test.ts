import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ADDR, googleSheetsXlsx, largeCsv, USDC, zipBomb } from './fixtures'
import { createRegistryReader, readRegistryInWorker, type RegistryReader } from './inWorker'
import { readRegistry } from './read'

/** Rows no worker reads within the 1 ms timeout, even warm and on an idle machine (a few hundred ms). */
const SLOW_ROWS = 50_000

describe('readRegistryInWorker', () => {
  it('returns the same result as reading in-process, bigints included', async () => {
    const bytes = googleSheetsXlsx()
    const result = await readRegistryInWorker(bytes, 'sheet.xlsx', USDC, { payerAddress: ADDR.h })
    expect(result).toEqual(readRegistry(bytes, 'sheet.xlsx', USDC, { payerAddress: ADDR.h }))
    expect(result.rows[0]!.amount).toBe(1_500_000_000n)
  })

  it('returns a refusal as a result, not a throw', async () => {
    expect((await readRegistryInWorker(zipBomb(400), 'bomb.xlsx', USDC)).error?.code).toBe('zip_too_large')
  })

  it('stops a read that runs out of time and says so', async () => {
    const result = await readRegistryInWorker(largeCsv(SLOW_ROWS), 'slow.csv', USDC, {}, { timeoutMs: 1 })
    expect(result.error?.code).toBe('registry_timeout')
    expect(result.rows).toEqual([])
  })

  it('stops a read that exceeds its memory limit and says so, leaving this process running', async () => {
    const result = await readRegistryInWorker(
      largeCsv(100_000),
      'big.csv',
      USDC,
      {},
      { resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } }
    )
    expect(result.error?.code).toBe('registry_out_of_memory')
    expect(result.error?.message).toContain('big.csv')
  })
})

describe('createRegistryReader: one warm worker', () => {
  let reader: RegistryReader | undefined
  afterEach(async () => {
    await reader?.close()
    reader = undefined
  })

  it('reads file after file in the same worker, each result equal to reading in-process', async () => {
    reader = createRegistryReader()
    reader.warm()
    const csv = largeCsv(50)
    const xlsx = googleSheetsXlsx()
    expect(await reader.read(csv, 'a.csv', USDC)).toEqual(readRegistry(csv, 'a.csv', USDC))
    expect(await reader.read(xlsx, 'b.xlsx', USDC)).toEqual(readRegistry(xlsx, 'b.xlsx', USDC))
    expect(await reader.read(csv, 'c.csv', USDC)).toEqual(readRegistry(csv, 'c.csv', USDC))
    expect(reader.startedWorkers()).toBe(1)
  })

  it('reads files asked for at the same time one after another, each getting its own result', async () => {
    reader = createRegistryReader()
    const [a, b] = await Promise.all([
      reader.read(largeCsv(3), 'three.csv', USDC),
      reader.read(largeCsv(5), 'five.csv', USDC)
    ])
    expect([a.rows.length, b.rows.length]).toEqual([3, 5])
    expect(reader.startedWorkers()).toBe(1)
  })

  it('takes the bytes without copying them when asked to, and reads them all the same', async () => {
    reader = createRegistryReader()
    const bytes = largeCsv(20)
    const expected = readRegistry(bytes, 'moved.csv', USDC)
    const result = await reader.readPacked(bytes, 'moved.csv', USDC, {}, { transfer: true })
    expect(bytes.byteLength).toBe(0)
    expect(result.packed.count).toBe(expected.rows.length)
  })

  it('replaces a worker stopped for taking too long; the next file is read by a new one', async () => {
    reader = createRegistryReader()
    expect((await reader.read(largeCsv(10), 'warm.csv', USDC)).error).toBeUndefined()
    const slow = await reader.readPacked(largeCsv(SLOW_ROWS), 'slow.csv', USDC, {}, { timeoutMs: 1 })
    expect(slow.error?.code).toBe('registry_timeout')
    const next = await reader.read(largeCsv(10), 'next.csv', USDC)
    expect(next.error).toBeUndefined()
    expect(next.rows).toHaveLength(10)
    expect(reader.startedWorkers()).toBe(2)
  })

  it('replaces a worker that ran out of memory; the next file gets a fresh heap', async () => {
    reader = createRegistryReader({ resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 } })
    expect((await reader.read(largeCsv(10), 'small.csv', USDC)).rows).toHaveLength(10)
    const big = await reader.read(largeCsv(300_000), 'big.csv', USDC)
    expect(big.error?.code).toBe('registry_out_of_memory')
    const next = await reader.read(largeCsv(10), 'after.csv', USDC)
    expect(next.error).toBeUndefined()
    expect(next.rows).toHaveLength(10)
    expect(reader.startedWorkers()).toBe(2)
  })

  it('replaces the worker after a large file, so its grown heap is given back; smaller files share one', async () => {
    const small = largeCsv(2)
    reader = createRegistryReader({ retireAfterBytes: small.byteLength + 1 })
    expect((await reader.read(small, 'small.csv', USDC)).rows).toHaveLength(2)
    expect((await reader.read(small, 'small-again.csv', USDC)).rows).toHaveLength(2)
    expect(reader.startedWorkers()).toBe(1)
    expect((await reader.read(largeCsv(50), 'large.csv', USDC)).rows).toHaveLength(50)
    expect((await reader.read(small, 'after.csv', USDC)).rows).toHaveLength(2)
    expect(reader.startedWorkers()).toBe(2)
  })

  it('replaces a worker that crashed, and says which file it was reading', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-worker-'))
    try {
      // A stand-in worker that dies on one file name and answers every other with no rows.
      const file = join(dir, 'crashing.mjs')
      writeFileSync(
        file,
        `import { parentPort } from 'node:worker_threads'
parentPort.on('message', (job) => {
  if (job.fileName === 'crash.csv') process.exit(7)
  parentPort.postMessage({ id: job.id, ok: true, result: { encoding: 'utf-8', amountReadings: [], skippedBlankRows: 0, notices: [], totals: { rows: 0, validRows: 0, rowsWithErrors: 0, rowsWithWarnings: 0, errors: 0, warnings: 0, amountTotal: 0n }, packed: { count: 0, chunks: [], lengths: new Uint32Array(0), sourceRows: new Uint32Array(0), issues: [] } } })
})
`
      )
      reader = createRegistryReader({ workerFile: file })
      const crashed = await reader.read(largeCsv(1), 'crash.csv', USDC)
      expect(crashed.error?.code).toBe('registry_worker_failed')
      expect(crashed.error?.message).toContain('crash.csv')
      expect((await reader.read(largeCsv(1), 'fine.csv', USDC)).error).toBeUndefined()
      expect(reader.startedWorkers()).toBe(2)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('after close, reads nothing more and says so instead of starting a worker', async () => {
    reader = createRegistryReader()
    expect((await reader.read(largeCsv(2), 'before.csv', USDC)).rows).toHaveLength(2)
    await reader.close()
    const after = await reader.read(largeCsv(2), 'after.csv', USDC)
    expect(after.error?.code).toBe('registry_closed')
    expect(reader.startedWorkers()).toBe(1)
  })
})
