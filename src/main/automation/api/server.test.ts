// Runs in: Vitest (node). The local REST API over real HTTP on loopback, called with fetch as a
// backend would: drafting through the contract (same checks, same codes), canonical amounts,
// idempotent creation, imports, exports, the audit, and the door: Host (DNS rebinding), Origin,
// tokens (wrong, revoked, missing scope), body size and rate limits. No route reaches submitting,
// approving or signing.
import { request } from 'node:http'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { getAddress } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PREVIEW_FIRST_ROWS } from '../../../shared/api'
import { ADDRESS_A, ADDRESS_B, openApiApp, unwrap, USDC_ETH, type ApiApp } from '../../../test/automation'
import { tempDir } from '../../../test/tempDir'
import { DATABASE_FILE } from '../../treasury'
import { ErrorSchema, PayoutDetailSchema, PayoutPageSchema } from '../openapi/responses'
import { ROUTE_SPECS } from './routeSpecs'

const dataDir = tempDir()
let app: ApiApp
let writer: string
let reader: string

beforeAll(async () => {
  app = await openApiApp(dataDir)
  writer = await app.token('ERP payroll', ['payouts:read', 'payouts:draft'])
  reader = await app.token('Reporting', ['payouts:read'])
})
afterAll(() => app.treasury.close())

async function api(
  path: string,
  init: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> } = {}
): Promise<Answer> {
  const token = init.token === undefined ? writer : init.token
  const res = await fetch(`${app.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) })
  })
  const text = await res.text()
  return {
    status: res.status,
    text,
    json: /json/.test(res.headers.get('content-type') ?? '') ? (JSON.parse(text) as unknown) : undefined,
    headers: res.headers
  }
}

/** A raw request, for headers fetch will not let a caller set (Host). */
function raw(path: string, headers: Record<string, string>): Promise<{ status: number; json: unknown }> {
  const url = new URL(app.url)
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path, headers }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => (text += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** An answer as a client reads it: the status, the text, and the JSON when it is JSON. */
interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: unknown
}
const errorOf = (a: { json: unknown }) => ErrorSchema.parse(a.json).error

/** A CSV registry sent to the import route as JSON, for USDC on Ethereum. */
const importCsv = (fileName: string, csv: string) =>
  api('/v1/payouts/import', {
    body: { fileName, contentBase64: Buffer.from(csv).toString('base64'), assetId: USDC_ETH }
  })
const payoutOf = (a: { json: unknown }) => PayoutDetailSchema.parse(a.json)

const draft = (amount: string, extra: Record<string, unknown> = {}) => ({
  kind: 'mass',
  assetId: USDC_ETH,
  description: 'Affiliate rewards, week 14',
  recipients: [
    { address: ADDRESS_A, amount, reference: 'AFF-1' },
    { address: ADDRESS_B, amount: '10', reference: 'AFF-2' }
  ],
  ...extra
})

describe('drafting through the API', () => {
  it('creates a draft through the contract, recording the token as its source and creator', async () => {
    const res = await api('/v1/payouts', { body: draft('334.969', { externalId: 'rewards-2026-w14' }) })
    expect(res.status).toBe(201)
    const payout = payoutOf(res)
    expect(res.headers.get('location')).toBe(`/v1/payouts/${payout.id}`)
    // "334.969" is 334.969 USDC, never refused as ambiguous.
    expect(payout.items[0]).toMatchObject({ amountBaseUnits: '334969000', issues: [] })
    expect(payout.totalBaseUnits).toBe('344969000')
    expect(payout.status).toBe('draft')
    expect(payout.source).toEqual({ kind: 'api', name: 'ERP payroll', externalId: 'rewards-2026-w14' })
    expect(payout.createdBy).toBe('API token "ERP payroll"')
    expect(payout.timeline[0]).toMatchObject({ action: 'created', actor: 'API token "ERP payroll"' })
    // The desk sees the same payout with its source.
    const seen = unwrap(await app.treasury.getPayout({ id: payout.id }))
    expect(seen.source.kind).toBe('api')
  })

  it('takes amounts in base units when asked to', async () => {
    const res = await api('/v1/payouts?amountUnit=base_units', { body: draft('1500000') })
    expect(res.status).toBe(201)
    expect(payoutOf(res).items[0]?.amountBaseUnits).toBe('1500000')
  })

  it('refuses an amount that is not canonical, naming where it is', async () => {
    const res = await api('/v1/payouts', { body: draft('1,5') })
    expect(res.status).toBe(400)
    expect(errorOf(res).code).toBe('amount_not_canonical')
    expect(errorOf(res).message).toContain('recipients[0].amount')
  })

  it("answers a malformed request with the contract's code and the one error shape", async () => {
    const res = await api('/v1/payouts', { body: { kind: 'mass', description: 'x', recipients: [] } })
    expect(res.status).toBe(400)
    expect(res.json).toEqual({
      error: { code: 'invalid_input', message: expect.stringContaining('assetId'), details: expect.any(Array) }
    })
    const unknown = await api('/v1/payouts', {
      body: draft('1', { assetId: '1:0x0000000000000000000000000000000000000001' })
    })
    expect(errorOf(unknown).code).toBe('unknown_asset')
    expect(unknown.status).toBe(422)
  })

  it('keeps an invalid row in the draft with its issue, as the window does', async () => {
    const res = await api('/v1/payouts', { body: draft('0') })
    expect(res.status).toBe(201)
    expect(payoutOf(res).errorCount).toBe(1)
    expect(payoutOf(res).items[0]?.issues[0]?.code).toBe('amount_zero')
  })

  it('never drafts twice for a retried request with the same Idempotency-Key', async () => {
    const key = { 'idempotency-key': 'payroll-2026-04-run-1' }
    const first = await api('/v1/payouts', { body: draft('5'), headers: key })
    const again = await api('/v1/payouts', { body: draft('5'), headers: key })
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(payoutOf(again).id).toBe(payoutOf(first).id)
    const other = await api('/v1/payouts', { body: draft('6'), headers: key })
    expect(other.status).toBe(422)
    expect(errorOf(other)).toMatchObject({ code: 'idempotency_key_reused', details: { payoutId: payoutOf(first).id } })
    const list = await api(`/v1/payouts?text=${encodeURIComponent('Affiliate')}&limit=100`)
    expect(PayoutPageSchema.parse(list.json).items.filter((p) => p.id === payoutOf(first).id)).toHaveLength(1)
  })

  it('refuses a second payout with an external id already given', async () => {
    await api('/v1/payouts', { body: draft('1', { externalId: 'dup-1' }) })
    const res = await api('/v1/payouts', { body: draft('1', { externalId: 'dup-1' }) })
    expect(res.status).toBe(409)
    expect(errorOf(res).code).toBe('external_id_taken')
  })

  it('lists, reads, edits and cancels through the same contract', async () => {
    const created = payoutOf(await api('/v1/payouts', { body: draft('2') }))
    const list = await api('/v1/payouts?status=draft&limit=2')
    expect(PayoutPageSchema.parse(list.json).items).toHaveLength(2)
    const one = await api(`/v1/payouts/${created.id}?limit=1`)
    expect(payoutOf(one).items).toHaveLength(1)
    const edited = await api(`/v1/payouts/${created.id}`, {
      method: 'PATCH',
      body: { description: 'Affiliate rewards, corrected', recipients: [{ address: ADDRESS_A, amount: '1.234' }] }
    })
    expect(edited.status).toBe(200)
    expect(payoutOf(edited)).toMatchObject({ description: 'Affiliate rewards, corrected', totalBaseUnits: '1234000' })
    expect(payoutOf(edited).timeline.at(-1)).toMatchObject({
      action: 'edited',
      actor: 'API token "ERP payroll"'
    })
    const cancelled = await api(`/v1/payouts/${created.id}/cancel`, { body: { reason: 'Sent twice by the ERP' } })
    expect(payoutOf(cancelled).status).toBe('cancelled')
    const again = await api(`/v1/payouts/${created.id}/cancel`, { body: {} })
    expect(again.status).toBe(409)
    expect(errorOf(again).code).toBe('illegal_transition')
    expect((await api('/v1/payouts/PO-NOSUCHPAYOUT')).status).toBe(404)
  })

  it("imports a registry sent as multipart, read by the upload's reader", async () => {
    const form = new FormData()
    form.set(
      'file',
      new Blob([`address,amount,reference\n${ADDRESS_A},334.969,R-1\n${ADDRESS_B},2.5,R-2\n`]),
      'april.csv'
    )
    form.set('assetId', USDC_ETH)
    form.set('externalId', 'april-import')
    form.set('decimalSeparator', '.')
    const res = await fetch(`${app.url}/v1/payouts/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writer}` },
      body: form
    })
    const body = PayoutDetailSchema.parse(await res.json())
    expect(res.status).toBe(201)
    expect(body).toMatchObject({
      kind: 'mass',
      recipientCount: 2,
      totalBaseUnits: '337469000',
      description: 'april.csv'
    })
    expect(body.source).toEqual({ kind: 'api', name: 'ERP payroll', externalId: 'april-import' })
  })

  it('refuses a registry with errors whole, listing each problem by row and column', async () => {
    const res = await importCsv('bad.csv', `address,amount\n${ADDRESS_A},12\n0x1234,5\n${ADDRESS_B},-3\n`)
    expect(res.status).toBe(422)
    expect(errorOf(res).code).toBe('registry_refused')
    expect((errorOf(res).details as { problems: unknown }).problems).toEqual([
      expect.objectContaining({ row: 3, column: 'address' }),
      expect.objectContaining({ row: 4, column: 'amount', code: 'amount_negative' })
    ])
  })

  it('imports every row of a registry longer than the first page of its preview, and checks every row', async () => {
    // The preview answers with its first 1,000 rows; the rest are read a page at a time.
    const count = PREVIEW_FIRST_ROWS * 2 + 500
    const address = (i: number) => getAddress(`0x${(i + 1).toString(16).padStart(40, '0')}`)
    const lines = Array.from({ length: count }, (_, i) => `${address(i)},${i + 1}`)
    const whole = await importCsv('long.csv', ['address,amount', ...lines].join('\n'))
    expect(whole.status).toBe(201)
    const sum = (count * (count + 1)) / 2
    expect(payoutOf(whole)).toMatchObject({ recipientCount: count, totalBaseUnits: `${sum}000000`, errorCount: 0 })

    // A broken row far past the first page refuses the whole file, named by its row.
    const broken = [...lines]
    broken[count - 10] = `0x1234,5`
    const refused = await importCsv('long-bad.csv', ['address,amount', ...broken].join('\n'))
    expect(refused.status).toBe(422)
    expect((errorOf(refused).details as { problems: unknown }).problems).toEqual([
      expect.objectContaining({ row: count - 10 + 2, column: 'address' })
    ])
  })

  it('exports a payout and its report as files, and verifies the audit log', async () => {
    const created = payoutOf(await api('/v1/payouts', { body: draft('7') }))
    const csv = await api(`/v1/payouts/${created.id}/export?format=csv`)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.text).toContain(ADDRESS_A)
    const report = await api(`/v1/payouts/${created.id}/report?format=csv`)
    expect(report.status).toBe(200)
    expect(report.text).toContain(ADDRESS_B)
    const audit = await api('/v1/audit/verify')
    expect(audit.json).toMatchObject({ ok: true })
    const paidRows = await api(`/v1/payouts/${created.id}/paid-rows`)
    expect(paidRows.status).toBe(200)
    expect(paidRows.json).toEqual({ checked: 0, differing: 0, mismatches: [] })
    expect((await api('/v1/payouts/PO-NOSUCH/paid-rows')).status).toBe(404)
  })

  it("writes every call to the audit log under the token's name", async () => {
    await api('/v1/networks', { token: reader })
    await api('/v1/payouts', { token: reader, body: draft('1') })
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true })
    const calls = db
      .prepare("SELECT actor, detail FROM audit_log WHERE action = 'api_call' ORDER BY id DESC LIMIT 2")
      .all()
    db.close()
    expect(calls).toEqual([
      { actor: 'API token "Reporting"', detail: 'POST /v1/payouts -> 403 api_scope_missing' },
      { actor: 'API token "Reporting"', detail: 'GET /v1/networks -> 200' }
    ])
  })
})

interface ServerEvent {
  readonly id: string
  readonly event: string
  readonly data: { readonly seq: number; readonly payoutId: string; readonly status: string }
}

/** Reads server-sent events from a streaming answer until `done` says it has what it waited for. */
async function readEvents(res: Response, done: (events: ServerEvent[]) => boolean): Promise<ServerEvent[]> {
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  const events: ServerEvent[] = []
  let buffer = ''
  const until = Date.now() + 10_000
  while (!done(events)) {
    if (Date.now() > until) throw new Error(`Timed out with ${events.length} event(s)`)
    const { value, done: ended } = await reader.read()
    if (ended) break
    buffer += decoder.decode(value, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const field = (name: string) => new RegExp(`^${name}: ?(.*)$`, 'm').exec(block)?.[1]
      const data = field('data')
      if (data !== undefined)
        events.push({
          id: field('id') ?? '',
          event: field('event') ?? '',
          data: JSON.parse(data) as ServerEvent['data']
        })
    }
  }
  await reader.cancel()
  return events
}

describe('server-sent events', () => {
  it('stream each status change as it is committed, and resume after the last id seen', async () => {
    const open = (lastEventId?: string) =>
      fetch(`${app.url}/v1/events`, {
        headers: {
          authorization: `Bearer ${reader}`,
          ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId })
        }
      })
    const stream = await open()
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const created = payoutOf(await api('/v1/payouts', { body: draft('3') }))
    await api(`/v1/payouts/${created.id}/cancel`, { body: {} })
    const seen = await readEvents(stream, (e) => e.filter((x) => x.data.payoutId === created.id).length === 2)
    const mine = seen.filter((x) => x.data.payoutId === created.id)
    expect(mine.map((e) => [e.event, e.data.status])).toEqual([
      ['payout.status', 'draft'],
      ['payout.status', 'cancelled']
    ])
    expect(mine[0]!.id).toBe(String(mine[0]!.data.seq))
    // A client that saw only the first event gets the second again when it reconnects.
    const resumed = await readEvents(await open(mine[0]!.id), (e) => e.some((x) => x.data.payoutId === created.id))
    expect(resumed[0]).toMatchObject({ id: mine[1]!.id, data: { payoutId: created.id, status: 'cancelled' } })
  })
})

describe('the door', () => {
  it('refuses a request naming another host (DNS rebinding)', async () => {
    const port = new URL(app.url).port
    const res = await raw('/v1/networks', { host: `attacker.example:${port}`, authorization: `Bearer ${writer}` })
    expect(res.status).toBe(421)
    expect(errorOf(res).code).toBe('api_host_refused')
    expect((await raw('/v1/networks', { host: `localhost:${port}`, authorization: `Bearer ${writer}` })).status).toBe(
      200
    )
  })

  it('refuses web pages: a request with an Origin gets no answer it could read, and no CORS header', async () => {
    const res = await api('/v1/networks', { headers: { origin: 'https://attacker.example' } })
    expect(res.status).toBe(403)
    expect(errorOf(res).code).toBe('api_origin_refused')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await api('/v1/payouts', { method: 'OPTIONS', token: null })
    expect(preflight.status).toBe(405)
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('refuses a missing, wrong or malformed token, and a revoked one with its own code', async () => {
    expect(errorOf(await api('/v1/networks', { token: null })).code).toBe('api_unauthorized')
    const wrong = writer.slice(0, -4) + (writer.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    const refused = await api('/v1/networks', { token: wrong })
    expect(refused.status).toBe(401)
    expect(errorOf(refused).code).toBe('api_unauthorized')
    expect((await api('/v1/networks', { token: 'not-a-token' })).status).toBe(401)
    const doomed = await app.token('Old ERP', ['payouts:read'])
    expect((await api('/v1/networks', { token: doomed })).status).toBe(200)
    const view = await app.treasury.getAutomation({})
    const id = view.tokens.find((t) => t.name === 'Old ERP')!.id
    await app.treasury.revokeApiToken({ id })
    const revoked = await api('/v1/networks', { token: doomed })
    expect(revoked.status).toBe(401)
    expect(errorOf(revoked).code).toBe('api_token_revoked')
  })

  it('lets a token do only what its scopes allow', async () => {
    const res = await api('/v1/payouts', { token: reader, body: draft('1') })
    expect(res.status).toBe(403)
    expect(errorOf(res).code).toBe('api_scope_missing')
    expect((await api('/v1/payouts', { token: reader })).status).toBe(200)
  })

  it('has no endpoint that submits, approves, signs or pays', async () => {
    const reachable = new Set(ROUTE_SPECS.flatMap((r) => r.contract))
    for (const method of [
      'submitPayout',
      'approvePayout',
      'approveImported',
      'executePayout',
      'quotePayout',
      'retryPayout',
      'replaceTransaction',
      'verifyAccount',
      'listAccounts',
      'updateSettings',
      'createApiToken',
      'addWebhook'
    ])
      expect(reachable.has(method as never)).toBe(false)
    const created = payoutOf(await api('/v1/payouts', { body: draft('1') }))
    for (const path of ['submit', 'approve', 'execute', 'sign'])
      expect(errorOf(await api(`/v1/payouts/${created.id}/${path}`, { body: {} })).code).toMatch(
        /api_route_not_found|api_method_not_allowed/
      )
  })

  it('refuses a body larger than the endpoint takes before reading it', async () => {
    const created = payoutOf(await api('/v1/payouts', { body: draft('1') }))
    const big = { reason: 'x'.repeat(70 * 1024) }
    const res = await api(`/v1/payouts/${created.id}/cancel`, { body: big })
    expect(res.status).toBe(413)
    expect(errorOf(res).code).toBe('api_payload_too_large')
    expect(unwrap(await app.treasury.getPayout({ id: created.id })).status).toBe('draft')
  })

  it('serves its OpenAPI document without a token', async () => {
    const res = await api('/openapi.json', { token: null })
    expect(res.status).toBe(200)
    const doc = res.json as { openapi: string; paths: Record<string, unknown> }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toContain('/v1/payouts/{id}/cancel')
  })
})

describe('rate limits', () => {
  it('slow one token down without touching another', async () => {
    const limited = await openApiApp(tempDir(), {
      automation: { timings: { tickMs: 50 }, rateLimit: { burst: 3, perSecond: 0.5 } }
    })
    try {
      const [a, b] = [await limited.token('Busy', ['payouts:read']), await limited.token('Quiet', ['payouts:read'])]
      const call = (token: string) =>
        fetch(`${limited.url}/v1/networks`, { headers: { authorization: `Bearer ${token}` } })
      const statuses = []
      for (let i = 0; i < 4; i++) statuses.push((await call(a)).status)
      expect(statuses).toEqual([200, 200, 200, 429])
      const refused = await call(a)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(errorOf({ json: await refused.json() }).code).toBe('api_rate_limited')
      expect((await call(b)).status).toBe(200)
    } finally {
      await limited.treasury.close()
    }
  })
})
