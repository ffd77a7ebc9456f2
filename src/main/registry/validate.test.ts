import { describe, expect, it } from 'vitest'
import { ADDR, ETH, USDC } from './fixtures'
import { validateNumbered, validateRows, type RowInput } from './validate'

const codes = (row: { issues: Array<{ code: string }> }): string[] => row.issues.map((i) => i.code)
const input = (sourceRow: number, address: string, amount: string, extra: Partial<RowInput> = {}): RowInput => ({
  sourceRow,
  address,
  amount,
  ...extra
})

describe('validateRows', () => {
  it('checksums valid addresses and reads amounts in base units', () => {
    const { rows } = validateRows([input(2, ADDR.a.toLowerCase(), '1,250.5')], USDC)
    expect(rows[0]).toMatchObject({
      sourceRow: 2,
      address: ADDR.a,
      amount: 1_250_500_000n,
      amountText: '1,250.5',
      amountReadAs: '1250.5'
    })
    expect(codes(rows[0]!)).toEqual(['address_no_checksum'])
  })

  it('names the row in every message', () => {
    const { rows } = validateRows([input(7, 'nope', '0')], USDC)
    expect(rows[0]!.issues.map((i) => [i.field, i.code])).toEqual([
      ['address', 'address_not_hex'],
      ['amount', 'amount_zero']
    ])
    for (const issue of rows[0]!.issues) expect(issue.message.startsWith('Row 7: ')).toBe(true)
  })

  it('refuses the token contract itself and the paying account', () => {
    const { rows } = validateRows([input(2, USDC.tokenAddress, '1'), input(3, ADDR.b, '1')], USDC, {
      payerAddress: ADDR.b.toLowerCase()
    })
    expect(codes(rows[0]!)).toEqual(['address_is_token_contract'])
    expect(codes(rows[1]!)).toEqual(['address_is_payer'])
    const other = validateRows(
      [
        input(2, USDC.tokenAddress.toLowerCase(), '1'),
        input(3, `0x${ADDR.b.slice(2).toUpperCase()}`, '1'),
        input(4, ADDR.c, '1')
      ],
      USDC,
      { payerAddress: ADDR.b }
    )
    expect(other.rows.map(codes)).toEqual([
      ['address_no_checksum', 'address_is_token_contract'],
      ['address_no_checksum', 'address_is_payer'],
      []
    ])
  })

  it('never rounds: more decimals than the asset has is an error', () => {
    const { rows } = validateRows([input(2, ADDR.a, '0.0000001')], USDC)
    expect(rows[0]).toMatchObject({ amount: null, amountText: '0.0000001' })
    expect(codes(rows[0]!)).toEqual(['amount_too_many_decimals'])
    expect(validateRows([input(2, ADDR.a, '0.0000001')], ETH).rows[0]!.amount).toBe(100_000_000_000n)
  })

  it('makes a repeated reference an error on every row that has it, naming the others', () => {
    const { rows } = validateRows(
      [
        input(2, ADDR.a, '1', { reference: 'INV-1' }),
        input(3, ADDR.b, '1', { reference: 'inv-1 ' }),
        input(4, ADDR.c, '1', { reference: 'INV-2' })
      ],
      USDC
    )
    expect(codes(rows[0]!)).toEqual(['reference_duplicate'])
    expect(rows[0]!.issues[0]!.message).toContain('row 3')
    expect(rows[1]!.issues[0]!.message).toContain('row 2')
    expect(codes(rows[2]!)).toEqual([])
  })

  it('makes a repeated address a warning on every row that has it, naming the others', () => {
    const { rows, totals } = validateRows(
      [input(2, ADDR.a, '1'), input(5, ADDR.a.toLowerCase(), '2'), input(9, ADDR.a, '3')],
      USDC
    )
    expect(
      rows.map((r) => r.issues.filter((i) => i.code === 'address_duplicate').map((i) => [i.severity, i.message]))
    ).toEqual([
      [
        [
          'warning',
          'Row 2: the same address is also on rows 5 and 9. Check that this recipient should be paid more than once.'
        ]
      ],
      [
        [
          'warning',
          'Row 5: the same address is also on rows 2 and 9. Check that this recipient should be paid more than once.'
        ]
      ],
      [
        [
          'warning',
          'Row 9: the same address is also on rows 2 and 5. Check that this recipient should be paid more than once.'
        ]
      ]
    ])
    expect(totals).toMatchObject({
      rows: 3,
      validRows: 3,
      rowsWithErrors: 0,
      rowsWithWarnings: 3,
      amountTotal: 6_000_000n
    })
  })

  it('skips and counts blank rows', () => {
    const { rows, skippedBlankRows } = validateRows(
      [input(2, ' ', ''), input(3, ADDR.a, '1', { name: '  ', note: '' }), input(4, '', '', { name: '' })],
      USDC
    )
    expect(rows.map((r) => r.sourceRow)).toEqual([3])
    expect(skippedBlankRows).toBe(2)
  })

  it('does not re-check a field whose cell was already refused, and keeps that error', () => {
    const refused = {
      field: 'amount',
      severity: 'error' as const,
      code: 'cell_formula',
      message: 'Row 2: B2 contains a formula.'
    }
    const { rows } = validateRows([input(2, ADDR.a, '30', { issues: [refused] })], USDC)
    expect(rows[0]).toMatchObject({ amount: null, amountText: '30' })
    expect(codes(rows[0]!)).toEqual(['cell_formula'])
  })

  it('refuses control and direction characters in names and references, and all but line breaks in notes', () => {
    const { rows } = validateRows(
      [
        input(2, ADDR.a, '1', { name: 'Bob\u202Egnp.exe', reference: 'INV\u200F-7', note: 'line one\nline\ttwo' }),
        input(3, ADDR.b, '1', { name: 'Zoë Ødegård', reference: 'INV-8', note: 'see \u2066attached\u2069' }),
        input(4, ADDR.c, '1', { name: 'Ann\u0000' })
      ],
      USDC
    )
    expect(rows.map((r) => r.issues.map((i) => [i.field, i.code]))).toEqual([
      [
        ['name', 'text_direction_character'],
        ['reference', 'text_direction_character']
      ],
      [['note', 'text_direction_character']],
      [['name', 'text_control_character']]
    ])
    expect(rows[0]!.issues[0]!.message).toBe(
      'Row 2: the name contains U+202E (right-to-left override) at character 4, an invisible character that changes the order in which text is displayed. Delete it, or type the text again instead of pasting it.'
    )
    expect(rows[1]!.issues[0]!.message).toContain('Row 3: the note contains U+2066 (left-to-right isolate)')
    // The row keeps what was entered, so it can be fixed where it is.
    expect(rows[0]).toMatchObject({ name: 'Bob\u202Egnp.exe', reference: 'INV\u200F-7', amount: 1_000_000n })
  })

  it('checks names as they are kept: surrounding line breaks are trimmed away, not refused', () => {
    const { rows } = validateRows([input(2, ADDR.a, '1', { name: '\r\nAnn\n', reference: ' INV-1\t' })], USDC)
    expect(rows[0]).toMatchObject({ name: 'Ann', reference: 'INV-1', issues: [] })
  })

  it('reads an ambiguous amount with the decimal separator the user chose', () => {
    expect(codes(validateRows([input(2, ADDR.a, '1,234')], USDC).rows[0]!)).toEqual(['amount_ambiguous_separator'])
    expect(validateRows([input(2, ADDR.a, '1,234')], USDC, { decimalSeparator: ',' }).rows[0]!.amount).toBe(1_234_000n)
    expect(validateRows([input(2, ADDR.a, '1,234')], USDC, { decimalSeparator: '.' }).rows[0]!.amount).toBe(
      1_234_000_000n
    )
  })

  it('makes asset columns that name another asset or network an error on the row', () => {
    const { rows } = validateRows(
      [
        input(2, ADDR.a, '1', {
          asset: { tokenType: 'erc20', tokenAddress: USDC.tokenAddress.toLowerCase(), currency: 'usdc', chainId: '1' }
        }),
        input(3, ADDR.b, '1', { asset: { currency: 'USDT' } }),
        input(4, ADDR.c, '1', { asset: { chainId: '137' } }),
        input(5, ADDR.d, '1', { asset: { tokenType: 'native' } })
      ],
      USDC
    )
    expect(rows.map(codes)).toEqual([[], ['asset_mismatch'], ['asset_mismatch'], ['asset_mismatch']])
    expect(rows[2]!.issues[0]!.message).toContain('chain id is 137')
  })

  it('numbers rows by their position when asked to, in every message and duplicate list', () => {
    const { rows } = validateNumbered(
      [
        { address: ADDR.a, amount: '1', reference: 'A' },
        { address: 'nope', amount: '1' },
        { address: ADDR.a.toLowerCase(), amount: '2', reference: 'a' }
      ],
      USDC
    )
    expect(rows.map((r) => r.sourceRow)).toEqual([1, 2, 3])
    expect(rows[1]!.issues[0]!.message.startsWith('Row 2: ')).toBe(true)
    expect(rows[0]!.issues.map((i) => i.message)).toEqual([
      'Row 1: the same reference is also on row 3. A reference identifies one payment; make each one unique.',
      'Row 1: the same address is also on row 3. Check that this recipient should be paid more than once.'
    ])
    expect(rows[2]!.issues.map((i) => i.code)).toEqual([
      'address_no_checksum',
      'reference_duplicate',
      'address_duplicate'
    ])
  })

  it('names at most five other rows in a duplicate list, then how many more', () => {
    const { rows } = validateRows(
      Array.from({ length: 8 }, (_, i) => input(i + 2, ADDR.a, '1')),
      USDC
    )
    expect(rows[0]!.issues[0]!.message).toBe(
      'Row 2: the same address is also on rows 3, 4, 5, 6, 7 and 2 more. Check that this recipient should be paid more than once.'
    )
  })

  it('marks a group of 100,000 equal rows, each naming five others and counting the rest', () => {
    const same = Array.from({ length: 100_000 }, (_, i) => input(i + 2, ADDR.a, '1', { reference: 'INV-1' }))
    const { rows, totals } = validateRows(same, USDC)
    // Each row has an error and a warning: it counts as an error row only, as the grid counts it.
    expect(totals).toMatchObject({ rowsWithErrors: 100_000, rowsWithWarnings: 0, warnings: 100_000 })
    expect(rows[3]!.issues.map((i) => i.message)).toEqual([
      'Row 5: the same reference is also on rows 2, 3, 4, 6, 7 and 99994 more. A reference identifies one payment; make each one unique.',
      'Row 5: the same address is also on rows 2, 3, 4, 6, 7 and 99994 more. Check that this recipient should be paid more than once.'
    ])
    expect(rows[99_999]!.issues[1]!.message).toBe(
      'Row 100001: the same address is also on rows 2, 3, 4, 5, 6 and 99994 more. Check that this recipient should be paid more than once.'
    )
  })
})

describe('validateRows with duplicates left to the caller', () => {
  it('gives no duplicate issue, and every other issue as before', () => {
    const rows = [input(2, ADDR.a, '1', { reference: 'R1' }), input(3, ADDR.a, '12abc', { reference: 'r1' })]
    expect(validateRows(rows, USDC).rows.map(codes)).toEqual([
      ['reference_duplicate', 'address_duplicate'],
      ['amount_invalid', 'reference_duplicate', 'address_duplicate']
    ])
    expect(validateRows(rows, USDC, { duplicatesByCaller: true }).rows.map(codes)).toEqual([[], ['amount_invalid']])
  })
})
