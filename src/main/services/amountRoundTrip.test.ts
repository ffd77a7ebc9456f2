// Runs in: tests (plain Node, a real SQLite file and the real registry worker).
// An amount the import accepted stays the same amount everywhere its text goes next: the preview's
// rows are saved as typed text (main reads them again without the file's decimal separator), the
// grid sends a reopened draft's text back on every edit, and an export is imported again. Amounts
// are written in every form the reader accepts, for assets of many decimals.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { tempDir } from '../../test/tempDir'
import { createCatalogue } from '../domain/catalogue'
import { UINT256_MAX } from '../domain/money'
import { checksumHex } from '../registry/fastAddress'
import { createTreasury, type Treasury } from '../treasury'

const CHAIN_ID = 1
const DECIMALS = [0, 2, 3, 6, 18, 36] as const
const HEX_DIGITS = 40
const RUNS = 60
const MAX_ROWS = 8
const GROUP = 3

/** A token address per decimals value, made up but well formed. */
const tokenAddress = (decimals: number): string => checksumHex(`d${decimals.toString(16)}`.padEnd(HEX_DIGITS, 'e'))
const assetIdOf = (decimals: number): string => `${CHAIN_ID}:${tokenAddress(decimals)}`

const catalogue = createCatalogue({
  networks: [
    {
      chainId: CHAIN_ID,
      name: 'Test chain',
      nativeSymbol: 'ETH',
      nativeName: 'Ether',
      testnet: true,
      development: true,
      explorerUrl: null,
      defaultRpcUrls: [],
      batchContract: null,
      minConfirmations: 1,
      reorgWatchBlocks: 0,
      tokens: DECIMALS.map((d) => ({
        symbol: `T${d}`,
        name: `Token with ${d} decimals`,
        decimals: d,
        address: tokenAddress(d)
      }))
    }
  ]
})

let recipientCounter = 0
/** A fresh recipient each time: no row is a duplicate of another, so any issue is about the amount. */
const nextRecipient = (): string => checksumHex(`ab${(++recipientCounter).toString(16)}`.padEnd(HEX_DIGITS, 'c'))

type Separator = '.' | ','

interface Written {
  readonly value: bigint
  readonly text: string
}

/** How one amount is written in a file whose decimal separator is `sep`. */
interface Form {
  /** Thousands grouping of the whole part: none, or the character between groups. */
  readonly group: '' | ',' | '.' | ' ' | "'" | '\u00a0'
  /** Zeros written after the last significant decimal (beyond the asset's decimals too). */
  readonly extraZeros: number
}

function groupWhole(whole: string, sep: string): string {
  if (sep === '') return whole
  const parts: string[] = []
  for (let end = whole.length; end > 0; end -= GROUP) parts.unshift(whole.slice(Math.max(0, end - GROUP), end))
  return parts.join(sep)
}

function write(value: bigint, decimals: number, sep: Separator, form: Form): string {
  const digits = value.toString().padStart(decimals + 1, '0')
  const whole = digits.slice(0, digits.length - decimals)
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '') + '0'.repeat(form.extraZeros)
  return `${groupWhole(whole, form.group)}${fraction === '' ? '' : `${sep}${fraction}`}`
}

/** Groupings a file with decimal separator `sep` may use (never the decimal separator itself). */
const groupsFor = (sep: Separator): Form['group'][] =>
  sep === '.' ? ['', ',', ' ', "'", '\u00a0'] : ['', '.', ' ', '\u00a0']

/** Values biased to the shapes that were misread: "1-3 digits, separator, exactly 3 digits". */
function valueFor(decimals: number): fc.Arbitrary<bigint> {
  const scale = 10n ** BigInt(decimals)
  const threeDecimals =
    decimals >= GROUP
      ? [
          fc
            .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 999 }))
            .map(([w, f]) => (BigInt(w) * 1000n + BigInt(f)) * (scale / 1000n))
        ]
      : []
  return fc.oneof(
    ...threeDecimals,
    fc.bigInt({ min: 1n, max: 1_000_000n * scale }),
    fc.integer({ min: 1, max: 999_999 }).map((w) => BigInt(w) * scale),
    fc.bigInt({ min: 1n, max: UINT256_MAX })
  )
}

const fileArb = fc.constantFrom(...DECIMALS).chain((decimals) =>
  fc.constantFrom<Separator>('.', ',').chain((sep) =>
    fc.record({
      decimals: fc.constant(decimals),
      sep: fc.constant(sep),
      rows: fc.array(
        fc
          .tuple(valueFor(decimals), fc.constantFrom(...groupsFor(sep)), fc.integer({ min: 0, max: 3 }))
          .map(([value, group, extraZeros]): Written => ({
            value,
            text: write(value, decimals, sep, { group, extraZeros })
          })),
        { minLength: 1, maxLength: MAX_ROWS }
      )
    })
  )
)

const csvOf = (rows: readonly { address: string; text: string }[]): string =>
  ['address,amount', ...rows.map((r) => `${r.address},"${r.text}"`)].join('\r\n') + '\r\n'

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64')

async function preview(t: Treasury, assetId: string, csv: string, sep: Separator | undefined) {
  return t.previewRegistry({
    fileName: 'amounts.csv',
    contentBase64: base64(csv),
    assetId,
    options: { delimiter: ',', ...(sep === undefined ? {} : { decimalSeparator: sep }) }
  })
}

describe('an amount the import accepted stays the same amount', () => {
  it('through the preview, the saved draft, the grid sending its text back, and an export imported again', async () => {
    const t = createTreasury({ dataDir: tempDir(), catalogue })
    try {
      await fc.assert(
        fc.asyncProperty(fileArb, async ({ decimals, sep, rows }) => {
          const assetId = assetIdOf(decimals)
          const file = rows.map((r) => ({ address: nextRecipient(), text: r.text }))
          const read = await preview(t, assetId, csvOf(file), sep)
          expect(read.error).toBeNull()
          expect(read.rows.map((r) => [r.amountBaseUnits, r.issues])).toEqual(rows.map((r) => [r.value.toString(), []]))

          // What the import hands the grid, saved as the grid saves it: the preview's text, no file separator.
          const created = await t.createPayout({
            kind: 'mass',
            assetId,
            description: 'round trip',
            recipients: read.rows.map((r) => ({ address: r.address, amount: r.amount }))
          })
          expect(created.items.map((i) => [i.amountBaseUnits, i.issues])).toEqual(
            read.rows.map((r) => [r.amountBaseUnits, []])
          )
          expect(created.totalBaseUnits).toBe(read.totals.amountTotalBaseUnits)

          // The draft reopened in the grid: editing another cell sends each row's amount text back as shown.
          const opened = await t.getPayout({ id: created.id, limit: rows.length })
          const patched = await t.patchPayoutRows({
            id: created.id,
            rows: opened.items.map((i) => ({ row: i.row, address: i.address, amount: i.amount, note: 'edited' }))
          })
          expect(patched.payout.errorCount + patched.payout.warningCount).toBe(0)
          const reread = await t.getPayout({ id: created.id, limit: rows.length })
          expect(reread.items.map((i) => [i.amountBaseUnits, i.issues, i.note])).toEqual(
            read.rows.map((r) => [r.amountBaseUnits, [], 'edited'])
          )

          // An export imported again, without choosing any decimal separator.
          const exported = await t.exportPayout({ id: created.id, format: 'csv' })
          const again = await t.previewRegistry({
            fileName: exported.fileName,
            contentBase64: exported.contentBase64,
            assetId
          })
          expect(again.error).toBeNull()
          expect(again.rows.map((r) => [r.amountBaseUnits, r.issues.map((i) => i.code)])).toEqual(
            read.rows.map((r) => [r.amountBaseUnits, []])
          )
        }),
        { numRuns: RUNS }
      )
    } finally {
      await t.close()
    }
  }, 120_000)

  it('refuses "1.234" read without a separator, and accepts the form its message offers', async () => {
    const t = createTreasury({ dataDir: tempDir(), catalogue })
    try {
      const assetId = assetIdOf(6)
      const address = nextRecipient()
      const read = await preview(t, assetId, csvOf([{ address, text: '1.234' }]), undefined)
      const issue = read.rows[0]!.issues[0]!
      expect(issue.code).toBe('amount_ambiguous_separator')
      expect(issue.message).toBe(
        'Row 2: Amount 1.234 is ambiguous: "." could separate thousands or decimals. Write 1234 if it separates thousands, or 1.2340 if it separates decimals. Or choose the file\'s decimal separator.'
      )
      // Typed in the grid, where there is no file separator to choose, the message does not offer one.
      const typed = await t.createPayout({
        kind: 'mass',
        assetId,
        description: 'typed',
        recipients: [{ address, amount: '1.234' }]
      })
      expect(typed.items[0]!.issues[0]!.message).toBe(
        'Row 1: Amount 1.234 is ambiguous: "." could separate thousands or decimals. Write 1234 if it separates thousands, or 1.2340 if it separates decimals.'
      )
      const fixed = await t.patchPayoutRows({ id: typed.id, rows: [{ row: 1, address, amount: '1.2340' }] })
      expect(fixed.rows.map((r) => [r.amountBaseUnits, r.issues])).toEqual([['1234000', []]])
      // With "." chosen the preview reads it, and shows it in the form main reads the same way.
      const chosen = await preview(t, assetId, csvOf([{ address, text: '1.234' }]), '.')
      expect(chosen.rows.map((r) => [r.amount, r.amountBaseUnits, r.issues])).toEqual([['1.2340', '1234000', []]])
      // With "," chosen it is one thousand two hundred thirty-four, and the reading says so.
      const comma = await preview(
        t,
        assetId,
        csvOf([
          { address, text: '1.234' },
          { address: nextRecipient(), text: '1,234' }
        ]),
        ','
      )
      expect(comma.rows.map((r) => [r.amount, r.amountBaseUnits])).toEqual([
        ['1234', '1234000000'],
        ['1.2340', '1234000']
      ])
      expect(comma.amountReadings.map((r) => r.readAs)).toEqual(['1234', '1.2340'])
    } finally {
      await t.close()
    }
  })
})
