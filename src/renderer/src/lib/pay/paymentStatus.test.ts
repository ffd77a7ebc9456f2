// Runs in: Vitest (node). A payout's payment state in numbers and links: rows counted by outcome,
// explorer links only where an explorer exists, row lists as short labels.
import { describe, expect, it } from 'vitest'
import { addressUrl, rowsLabel, tallyCounts, transactionUrl } from './paymentStatus'

const HASH_A = `0x${'a'.repeat(64)}`

describe('transactionUrl', () => {
  it('appends /tx/<hash> to the explorer address', () => {
    expect(transactionUrl('https://etherscan.io', HASH_A)).toBe(`https://etherscan.io/tx/${HASH_A}`)
    expect(transactionUrl('https://sepolia.etherscan.io/', HASH_A)).toBe(`https://sepolia.etherscan.io/tx/${HASH_A}`)
  })

  it('gives no link for a network without an explorer, a malformed hash or a non-web address', () => {
    expect(transactionUrl(null, HASH_A)).toBeNull()
    expect(transactionUrl('https://etherscan.io', '0x1234')).toBeNull()
    expect(transactionUrl('javascript:alert(1)', HASH_A)).toBeNull()
  })
})

describe('addressUrl', () => {
  const ADDRESS = `0x${'B'.repeat(40)}`
  it('appends /address/<address> to the explorer address, and gives no link without one or for a malformed address', () => {
    expect(addressUrl('https://etherscan.io/', ADDRESS)).toBe(`https://etherscan.io/address/${ADDRESS}`)
    expect(addressUrl(null, ADDRESS)).toBeNull()
    expect(addressUrl('https://etherscan.io', `${ADDRESS}0`)).toBeNull()
    expect(addressUrl('file:///etc', ADDRESS)).toBeNull()
  })
})

describe('rowsLabel', () => {
  it('names one row, a range, or a list', () => {
    expect(rowsLabel([5])).toBe('Row 5')
    expect(rowsLabel([3, 1, 2])).toBe('Rows 1–3')
    expect(rowsLabel([1, 4, 7])).toBe('Rows 1, 4, 7')
    expect(rowsLabel([1, 3, 5, 7, 9, 11, 13, 15])).toBe('Rows 1, 3, 5, 7, 9, 11 and 2 more')
  })
})

describe('tallyCounts', () => {
  it('gives exact numbers for the whole payout from per-status counts, however few items are loaded', () => {
    const t = tallyCounts({
      draft: 0,
      queued: 3,
      in_progress: 40,
      needs_check: 5,
      paid: 100_000,
      failed: 2,
      cancelled: 1
    })
    expect(t).toEqual({
      total: 100_051,
      paid: 100_000,
      failed: 2,
      sending: 40,
      needsCheck: 5,
      toSend: 3,
      cancelled: 1
    })
  })
})
