// A large file arrives as base64 and is decoded a slice at a time: the bytes must be exactly what a
// one-go decode gives, for every length and padding, and anything outside the alphabet is refused.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeBase64InSlices } from './base64Slices'

describe('decodeBase64InSlices', () => {
  it('gives the same bytes as a one-go decode, whatever the slice size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 20 }), async (data, quarter) => {
        const text = Buffer.from(data).toString('base64')
        const decoded = await decodeBase64InSlices(text, quarter * 4)
        expect(Buffer.compare(decoded, Buffer.from(data))).toBe(0)
      })
    )
  })

  it('accepts base64 without its padding, as the contract did', async () => {
    expect((await decodeBase64InSlices('YWJj' + 'ZA', 4)).toString()).toBe('abcd')
  })

  it('refuses text outside the base64 alphabet, or padding before the end', async () => {
    for (const text of ['<script>', 'YWJj ZGVm', 'YQ==YWJj', 'YW=j'])
      await expect(decodeBase64InSlices(text, 4)).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('gives the event loop back between slices', async () => {
    let turns = 0
    const ticker = setInterval(() => turns++, 0)
    await decodeBase64InSlices(Buffer.alloc(4096, 7).toString('base64'), 4)
    clearInterval(ticker)
    expect(turns).toBeGreaterThan(0)
  })
})
