// Runs in: Vitest (node). Names and labels refuse control and direction characters through the
// contract, as the renderer calls it: single-value fields are refused with their own code and a
// message naming the field and the character; a recipient's fields become an error on the row,
// typed or imported, so nothing else entered is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEXT_ERROR } from '../shared/text'
import type { Result } from '../shared/result'
import { tempDir } from '../test/tempDir'
import { dispatch } from './dispatch'
import { createTreasury, type Treasury } from './treasury'

const ALICE = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const BOB = '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'
const USDC = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const PATH = "44'/60'/0'/0/0"
const RLO = '\u202E'

let treasury: Treasury
const internalErrors: unknown[] = []
const call = (method: string, input: unknown): Promise<Result<unknown>> =>
  dispatch(treasury, method, input, (e) => internalErrors.push(e))

beforeAll(() => {
  treasury = createTreasury({ dataDir: tempDir() })
})
afterAll(async () => {
  await treasury.close()
  expect(internalErrors).toEqual([])
})

async function draft(description = 'March'): Promise<string> {
  const r = await call('createPayout', {
    kind: 'single',
    assetId: USDC,
    description,
    recipients: [{ address: ALICE, amount: '1' }]
  })
  if (!r.ok) throw new Error(r.error.message)
  return (r.value as { id: string }).id
}

describe('single-value names and labels are refused at the contract', () => {
  const cases: ReadonlyArray<readonly [string, string, () => Promise<unknown>, string]> = [
    ['operator name', 'updateSettings', async () => ({ operatorName: `Dora${RLO}` }), 'The operator name contains'],
    [
      'team member name in a policy proposal',
      'proposePolicy',
      async () => ({
        members: [{ name: `Boris\u2066`, address: ALICE, approver: true }],
        threshold: 1,
        requireApproval: true,
        unsignedSubmissions: false,
        amountRules: []
      }),
      'The member name contains U+2066'
    ],
    [
      'reason of a rejection',
      'rejectPayout',
      async () => ({ id: await draft(), accountPath: PATH, reason: `no${RLO}` }),
      'The reason contains U+202E'
    ],
    [
      'purpose of a new payout',
      'createPayout',
      async () => ({ kind: 'single', assetId: USDC, description: `Pay${RLO}`, recipients: [] }),
      'The purpose contains U+202E'
    ],
    [
      'purpose of a draft',
      'updatePayout',
      async () => ({ id: await draft(), description: 'line\none' }),
      'The purpose contains U+000A (line feed)'
    ],
    [
      'address-book label',
      'setAddressLabel',
      async () => ({ address: ALICE, label: 'Payroll\u0007' }),
      'The address label contains U+0007'
    ],
    [
      'cancel reason',
      'cancelPayout',
      async () => ({ id: await draft(), reason: `wrong${RLO}amount` }),
      'The reason contains U+202E'
    ]
  ]

  it.each(cases)('%s', async (_label, method, input, start) => {
    const r = await call(method, await input())
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect([TEXT_ERROR.controlCharacter, TEXT_ERROR.directionCharacter]).toContain(r.error.code)
    expect(r.error.message.startsWith(start)).toBe(true)
    expect(r.error.message).toContain('Delete it, or type the text again instead of pasting it.')
  })

  it('leaves the setting as it was', async () => {
    await call('updateSettings', { operatorName: 'Dora' })
    await call('updateSettings', { operatorName: `Dora${RLO}` })
    const settings = await call('getSettings', {})
    expect(settings).toMatchObject({ ok: true, value: { operatorName: 'Dora' } })
  })

  it('accepts names in any script and reasons written in lines', async () => {
    expect(await call('updateSettings', { operatorName: 'محمد علي' })).toMatchObject({ ok: true })
    expect(await call('setAddressLabel', { address: BOB, label: 'Zoë Ødegård 👩‍💼' })).toMatchObject({ ok: true })
    expect(await call('cancelPayout', { id: await draft(), reason: 'Wrong amount.\nRedo in April.' })).toMatchObject({
      ok: true
    })
  })
})

describe("a recipient's name, reference and note: an error on the row, nothing lost", () => {
  it('in a draft saved from the grid', async () => {
    const r = await call('createPayout', {
      kind: 'mass',
      assetId: USDC,
      description: 'Bonuses',
      recipients: [
        { address: ALICE, amount: '1', name: `Bob${RLO}gnp.exe`, reference: 'INV-1' },
        { address: BOB, amount: '2', name: 'Ann', note: 'two\nlines' }
      ]
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const detail = r.value as {
      errorCount: number
      allowed: { submit: boolean }
      items: Array<{ name: string; issues: Array<{ field: string; code: string; message: string }> }>
    }
    expect(detail.errorCount).toBe(1)
    expect(detail.allowed.submit).toBe(false)
    expect(detail.items[0]!.name).toBe(`Bob${RLO}gnp.exe`)
    expect(detail.items[0]!.issues).toEqual([
      expect.objectContaining({ field: 'name', code: TEXT_ERROR.directionCharacter })
    ])
    expect(detail.items[0]!.issues[0]!.message).toMatch(/^Row 1: the name contains U\+202E \(right-to-left override\)/)
    expect(detail.items[1]!.issues).toEqual([])
  })

  it('in an imported file: a row and column issue in the preview', async () => {
    const csv = `address,amount,name,reference\r\n${ALICE},1,Ann,INV-1\r\n${BOB},2,Bob,"INV\u20662"\r\n`
    const r = await call('previewRegistry', {
      fileName: 'payroll.csv',
      contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
      assetId: USDC
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const preview = r.value as {
      totals: { rowsWithErrors: number }
      rows: Array<{
        sourceRow: number
        reference: string
        issues: Array<{ field: string; code: string; message: string }>
      }>
    }
    expect(preview.totals.rowsWithErrors).toBe(1)
    expect(preview.rows[1]).toMatchObject({ sourceRow: 3, reference: 'INV\u20662' })
    expect(preview.rows[1]!.issues).toEqual([
      {
        field: 'reference',
        severity: 'error',
        code: TEXT_ERROR.directionCharacter,
        message:
          'Row 3: the reference contains U+2066 (left-to-right isolate) at character 4, an invisible character that changes the order in which text is displayed. Delete it, or type the text again instead of pasting it.'
      }
    ])
  })
})
