import { describe, expect, it } from 'vitest'
import { parseDelimited } from '../../registry/csv'
import { fiatCents, fiatValue, ratio } from '../exact'
import type { Ledger, LedgerEntry } from '../ledger'
import { XERO_HEADER, XERO_MAX_LINES_PER_FILE, xeroStatement } from './xero'

const RATE = ratio(99_985n, 100_000n)

/** A ledger of `n` payments of 1..n USDC, dated one second apart, as buildLedger makes them. */
function ledgerOf(n: number): Ledger {
  const entries: LedgerEntry[] = Array.from({ length: n }, (_, i) => {
    const amount = BigInt(i + 1) * 1_000_000n
    const value = fiatValue(amount, 6, RATE)
    return {
      kind: 'payment',
      payoutId: 'PO-BIG',
      payoutDescription: 'bonus',
      row: i + 1,
      dateUtc: new Date(Date.UTC(2026, 4, 31, 23, 30, 0) + i * 1000).toISOString().replace('.000Z', 'Z'),
      blockNumber: BigInt(100 + i),
      chainId: 1,
      network: 'Ethereum',
      txHash: `0x${(i + 1).toString(16).padStart(64, '0')}`,
      txReverted: false,
      from: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      to: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      payee: `Payee ${i + 1}`,
      asset: { symbol: 'USDC', decimals: 6, tokenAddress: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48' },
      amount,
      feeSource: null,
      fiat: {
        currency: 'USD',
        rate: RATE,
        value,
        cents: fiatCents(value),
        rateSource: 'chainlink',
        rateBasis: 'at_block',
        rateDescription: 'test',
        rateIssues: []
      },
      memo: '',
      reference: `R-${i + 1}`,
      category: '',
      costCenter: ''
    }
  })
  return { entries, from: '2026-05-31', to: '2026-06-01', payoutIds: ['PO-BIG'], warnings: [] }
}

describe('Xero statement files', () => {
  it('split at 1,000 lines: each file has the header and at most 1,000 lines, in order, named part i of n', () => {
    const { files } = xeroStatement(ledgerOf(2_345), 'range')
    expect(files.map((f) => f.fileName)).toEqual([
      'xero-bank-statement_2026-05-31_to_2026-06-01_part-1-of-3.csv',
      'xero-bank-statement_2026-05-31_to_2026-06-01_part-2-of-3.csv',
      'xero-bank-statement_2026-05-31_to_2026-06-01_part-3-of-3.csv'
    ])
    const parts = files.map((f) => {
      const parsed = parseDelimited(Buffer.from(f.contentBase64, 'base64').toString('utf8'), ',')
      if (!parsed.ok) throw new Error(parsed.message)
      return parsed.records
    })
    expect(parts.map((p) => p.length - 1)).toEqual([XERO_MAX_LINES_PER_FILE, XERO_MAX_LINES_PER_FILE, 345])
    for (const p of parts) expect(p[0]).toEqual([...XERO_HEADER])
    const references = parts.flatMap((p) => p.slice(1).map((r) => r[4]))
    expect(references).toEqual(Array.from({ length: 2_345 }, (_, i) => `R-${i + 1}`))
    // 1 USDC at 0.99985 = 0.99985 USD -> -1.00; 2,345 USDC -> -2344.65 (2344.64825 rounded half away from zero).
    expect(parts[0]![1]!.slice(0, 2)).toEqual(['31/05/2026', '-1.00'])
    expect(parts[2]![345]!.slice(0, 2)).toEqual(['01/06/2026', '-2344.65'])
  })

  it('is one file, without a part number, up to exactly 1,000 lines', () => {
    expect(xeroStatement(ledgerOf(1_000), 'range').files.map((f) => f.fileName)).toEqual([
      'xero-bank-statement_2026-05-31_to_2026-06-01.csv'
    ])
    expect(xeroStatement(ledgerOf(1_001), 'range').files).toHaveLength(2)
  })
})
