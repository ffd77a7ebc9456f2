// Runs in: Vitest (Node). File bytes survive the base64 trip to main and back.
import { describe, expect, it } from 'vitest'
import { base64ToBytes, bytesToBase64 } from './base64'

describe('base64', () => {
  it('round-trips every byte value, across chunk boundaries', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 17).map((_, i) => i % 256)
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes)
  })

  it('matches the standard encoding', () => {
    expect(bytesToBase64(new TextEncoder().encode('address,amount\n'))).toBe('YWRkcmVzcyxhbW91bnQK')
  })
})
