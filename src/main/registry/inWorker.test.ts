import { describe, expect, it } from 'vitest'
import { ADDR, googleSheetsXlsx, largeCsv, USDC, zipBomb } from './fixtures'
import { readRegistryInWorker } from './inWorker'
import { readRegistry } from './read'

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
    const result = await readRegistryInWorker(largeCsv(1000), 'slow.csv', USDC, {}, { timeoutMs: 1 })
    expect(result.error?.code).toBe('registry_timeout')
    expect(result.rows).toEqual([])
  })

  it('stops a read that exceeds its memory limit and says so, leaving this process running', async () => {
    const result = await readRegistryInWorker(largeCsv(100_000), 'big.csv', USDC, {}, { resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } })
    expect(result.error?.code).toBe('registry_out_of_memory')
    expect(result.error?.message).toContain('big.csv')
  })
})
