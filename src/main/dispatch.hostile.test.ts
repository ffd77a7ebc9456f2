// Runs in: tests (plain Node). The renderer is the less trusted process: whatever it sends through
// `dispatch` (hostile shapes, absurd sizes, wrong types, odd method names, odd text) must come
// back as a typed refusal or a valid result, never a crash, a hang, an internal error, or a
// change to Object.prototype; and the next normal call must still work.
import fc from 'fast-check'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { METHOD_NAMES } from '../shared/api'
import type { Result } from '../shared/result'
import { tempDir } from '../test/tempDir'
import { dispatch } from './dispatch'
import { createTreasury, type Treasury } from './treasury'

const ALICE = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const USDC = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const VALID_CREATE = {
  kind: 'single',
  assetId: USDC,
  description: 'Invoice 7',
  recipients: [{ address: ALICE, amount: '10' }]
}
/** A refusal is a code a program can branch on; internal_error would mean something threw unplanned. */
const CODE_SHAPE = /^[a-z][a-z0-9_]{1,63}$/

let treasury: Treasury
const internalErrors: unknown[] = []
const log = (e: unknown): void => {
  internalErrors.push(e)
}
const call = (method: string, input: unknown): Promise<Result<unknown>> => dispatch(treasury, method, input, log)

const prototypeSnapshot = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort()
const pristinePrototype = prototypeSnapshot()

function expectWellFormed(r: Result<unknown>): void {
  expect(typeof r.ok).toBe('boolean')
  if (!r.ok) {
    expect(r.error.code).toMatch(CODE_SHAPE)
    expect(r.error.code).not.toBe('internal_error')
    expect(typeof r.error.message).toBe('string')
    expect(r.error.message.length).toBeGreaterThan(0)
  }
}

async function expectRefused(method: string, input: unknown, code: 'invalid_input' | 'unknown_method'): Promise<void> {
  const r = await call(method, input)
  expect(r.ok, `${method} accepted ${describeInput(input)}`).toBe(false)
  if (!r.ok) expect(r.error.code).toBe(code)
}

function describeInput(input: unknown): string {
  try {
    return (JSON.stringify(input) ?? String(input)).slice(0, 120)
  } catch {
    return Object.prototype.toString.call(input)
  }
}

/** { a: { a: ... } } `depth` levels down, built without recursion. */
function nested(depth: number): Record<string, unknown> {
  let v: Record<string, unknown> = { leaf: true }
  for (let i = 0; i < depth; i++) v = { a: v }
  return v
}

beforeAll(() => {
  treasury = createTreasury({ dataDir: tempDir('treasury-hostile-') })
})
afterAll(() => treasury.close())
afterEach(async () => {
  // Every hostile case must leave the process healthy and the global prototype untouched.
  expect(prototypeSnapshot()).toEqual(pristinePrototype)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(internalErrors).toEqual([])
  const healthy = await call('listPayouts', {})
  expect(healthy.ok).toBe(true)
})

describe('dispatch under hostile payloads', () => {
  it('refuses method names that are not in the contract, including Object.prototype members', async () => {
    for (const name of [
      'toString',
      'constructor',
      '__proto__',
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
      'isPrototypeOf',
      'close',
      'onEvent',
      '',
      'createPayout ',
      'CREATEPAYOUT',
      'x'.repeat(100_000)
    ]) {
      await expectRefused(name, {}, 'unknown_method')
    }
    const r = await call('x'.repeat(100_000), {})
    if (!r.ok) expect(r.error.message.length).toBeLessThan(200)
  })

  it('refuses prototype-pollution shapes without polluting anything', async () => {
    const parsed = JSON.parse(
      `{"__proto__": {"polluted": "yes"}, "kind": "single", "assetId": "${USDC}", "description": "x", "recipients": []}`
    ) as unknown
    await expectRefused('createPayout', parsed, 'invalid_input')
    await expectRefused(
      'updateSettings',
      JSON.parse('{"__proto__": {"polluted": "yes"}, "operatorName": "Eve"}'),
      'invalid_input'
    )
    await expectRefused('updateSettings', { constructor: { prototype: { polluted: 'yes' } } }, 'invalid_input')
    await expectRefused(
      'listPayouts',
      JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
      'invalid_input'
    )
    const recipient = JSON.parse(`{"address": "${ALICE}", "amount": "1", "__proto__": {"polluted": "yes"}}`) as unknown
    await expectRefused('createPayout', { ...VALID_CREATE, recipients: [recipient] }, 'invalid_input')
    await expectRefused(
      'createPayout',
      Object.assign(Object.create({ polluted: 'yes' }) as object, VALID_CREATE, { kind: 7 }),
      'invalid_input'
    )
    // Settings were not changed by any of it.
    const settings = await call('getSettings', {})
    expect(settings).toMatchObject({ ok: true, value: { operatorName: 'Operator' } })
  })

  it('refuses wrong types in every position: arrays, primitives and strings where objects belong', async () => {
    const notObjects: unknown[] = [
      [],
      [VALID_CREATE],
      'createPayout',
      42,
      true,
      10n,
      'Symbol(iterator)',
      '[object Object]'
    ]
    for (const method of METHOD_NAMES) {
      for (const input of notObjects) await expectRefused(method, input, 'invalid_input')
      // Structured clone can also deliver maps, dates and typed arrays: they carry no fields, so at
      // most they read as an empty request; what they hold is never used.
      for (const input of [new Map([['kind', 'single']]), new Date(), new Uint8Array(8), new Set(['id'])])
        expectWellFormed(await call(method, input))
    }
    for (const [field, value] of [
      ['kind', 'both'],
      ['kind', null],
      ['assetId', 1],
      ['assetId', '1:native; DROP TABLE payouts'],
      ['description', ['a']],
      ['recipients', { 0: { address: ALICE, amount: '1' }, length: 1 }],
      ['recipients', [null]],
      ['recipients', [[ALICE, '1']]],
      ['recipients', [{ address: ALICE, amount: 10 }]],
      ['recipients', [{ address: ALICE, amount: '1', extra: 1 }]]
    ] as const) {
      await expectRefused('createPayout', { ...VALID_CREATE, [field]: value }, 'invalid_input')
    }
    await expectRefused('updateSettings', { requireApproval: 'false' }, 'invalid_input')
    await expectRefused('updateSettings', { operatorName: '' }, 'invalid_input')
    await expectRefused('updateSettings', { numberFormat: 'roman-numerals' }, 'invalid_input')
    await expectRefused('updateSettings', { numberFormat: null }, 'invalid_input')
  })

  it('refuses NaN, infinities, negatives, fractions and numeric strings for offset, limit and counts', async () => {
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -1,
      1.5,
      Number.MAX_VALUE,
      2 ** 53 + 2,
      '10',
      10n,
      null
    ]) {
      await expectRefused('listPayouts', { offset: bad }, 'invalid_input')
      await expectRefused('listPayouts', { limit: bad }, 'invalid_input')
      await expectRefused('getPayout', { id: 'PO-1', offset: bad }, 'invalid_input')
      await expectRefused('updateSettings', { confirmations: bad }, 'invalid_input')
      await expectRefused('listAssets', { chainId: bad }, 'invalid_input')
    }
  })

  it('refuses huge strings and deeply nested objects', async () => {
    const huge = 'A'.repeat(20_000_000)
    await expectRefused('createPayout', { ...VALID_CREATE, description: huge }, 'invalid_input')
    await expectRefused('listPayouts', { text: huge }, 'invalid_input')
    await expectRefused('getPayout', { id: huge }, 'invalid_input')
    await expectRefused(
      'createPayout',
      { ...VALID_CREATE, recipients: [{ address: huge, amount: '1' }] },
      'invalid_input'
    )
    const deep = nested(200_000)
    await expectRefused('createPayout', { ...VALID_CREATE, description: deep }, 'invalid_input')
    await expectRefused('createPayout', { ...VALID_CREATE, recipients: [deep] }, 'invalid_input')
    await expectRefused('updateSettings', deep, 'invalid_input')
  })

  it('refuses 1,000,001 recipients, dense or sparse, and a sparse array claiming 2^32-1 rows', async () => {
    const one = { address: ALICE, amount: '1' }
    await expectRefused(
      'createPayout',
      { ...VALID_CREATE, kind: 'mass', recipients: new Array<unknown>(1_000_001).fill(one) },
      'invalid_input'
    )
    await expectRefused(
      'createPayout',
      { ...VALID_CREATE, kind: 'mass', recipients: new Array<unknown>(1_000_001) },
      'invalid_input'
    )
    const claimed: unknown[] = []
    claimed.length = 2 ** 32 - 1 // survives Electron's structured clone as a sparse array
    await expectRefused('updatePayout', { id: 'PO-1', recipients: claimed }, 'invalid_input')
  })

  it(
    'answers a million malformed recipients with one bounded refusal, not a million issues',
    { timeout: 120_000 },
    async () => {
      const r = await call('createPayout', { ...VALID_CREATE, kind: 'mass', recipients: new Array<unknown>(1_000_000) })
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input')
        expect(r.error.message.length).toBeLessThan(2_000)
        expect(JSON.stringify(r.error.details ?? null).length).toBeLessThan(5_000)
      }
    }
  )

  it('stores unicode edge cases in text fields as text: lone surrogates, bidi overrides, NUL, emoji', async () => {
    const refused = new Set(['\u202Egnp.exe', 'Payee \u2066\u202Bx\u2069', 'nul\u0000byte'])
    for (const text of [
      '\uD800',
      'abc\uDFFFdef',
      '\u202Egnp.exe',
      'Payee \u2066\u202Bx\u2069',
      'nul\u0000byte',
      'zero\u200Bwidth',
      '👩‍👩‍👧‍👦',
      'Ⅻ٣',
      '\uFEFFbom'
    ]) {
      // A purpose with a control or direction character is refused; a recipient's fields keep it, as a row error.
      const described = await call('createPayout', { ...VALID_CREATE, description: text })
      expectWellFormed(described)
      expect(described.ok).toBe(!refused.has(text))
      const created = await call('createPayout', {
        ...VALID_CREATE,
        recipients: [{ ...VALID_CREATE.recipients[0]!, name: text, note: text, reference: text }]
      })
      expectWellFormed(created)
      expect(created.ok).toBe(true)
      expectWellFormed(await call('listPayouts', { text }))
      expectWellFormed(await call('getPayout', { id: text }))
      expectWellFormed(await call('checkRecipient', { assetId: USDC, recipient: { address: text, amount: text } }))
    }
    expectWellFormed(await call('updateSettings', { operatorName: '\u202EtoorD' }))
  })
})

describe('dispatch under random inputs (fast-check)', () => {
  const hostileKeys = fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    'kind',
    'id',
    'offset',
    'limit',
    'recipients',
    'assetId'
  )
  const anyJson = fc.jsonValue({ maxDepth: 4 })
  const objectWithHostileKeys = fc.dictionary(fc.oneof(hostileKeys, fc.string({ maxLength: 8 })), anyJson, {
    maxKeys: 6
  })
  /** A valid create input with one field replaced by something random. */
  const nearlyValidCreate = fc
    .record({ field: fc.constantFrom('kind', 'assetId', 'description', 'recipients'), value: anyJson })
    .map(({ field, value }) => ({ ...VALID_CREATE, [field]: value }))

  for (const method of METHOD_NAMES) {
    it(`${method}: any JSON input yields a typed refusal or a valid result`, { timeout: 120_000 }, async () => {
      const input =
        method === 'createPayout'
          ? fc.oneof(anyJson, objectWithHostileKeys, nearlyValidCreate)
          : fc.oneof(anyJson, objectWithHostileKeys)
      await fc.assert(
        fc.asyncProperty(input, async (raw) => {
          // What arrives over the wire has been through JSON or structured clone: parse it back the same way.
          const wire = JSON.parse(JSON.stringify(raw) ?? 'null') as unknown
          expectWellFormed(await call(method, wire))
          expect(prototypeSnapshot()).toEqual(pristinePrototype)
        }),
        { numRuns: 150, seed: 0x5eed }
      )
    })
  }

  it('any method name outside the contract is refused as unknown_method', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), anyJson, async (name, raw) => {
        fc.pre(!(METHOD_NAMES as readonly string[]).includes(name))
        const r = await call(name, raw)
        expect(r).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
      }),
      { numRuns: 300, seed: 0x5eed }
    )
  })
})
