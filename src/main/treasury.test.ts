import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../test/tempDir'
import { dispatch } from './dispatch'
import { verifyAuditLog } from './store/auditLog'
import { openDatabase } from './store/db'
import { createTreasury, DATABASE_FILE } from './treasury'

const ALICE = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
const USDC_ETH = '1:0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'

describe('createTreasury: single payout drafts', () => {
  it('creates, lists, reopens after restart, edits and cancels a draft, all in SQLite', async () => {
    const dataDir = tempDir()
    const t1 = createTreasury({ dataDir })
    const created = await t1.createPayout({
      kind: 'single',
      assetId: USDC_ETH,
      description: 'October invoice',
      recipients: [{ address: ALICE, amount: '1,250.50' }]
    })
    expect(created).toMatchObject({
      status: 'draft',
      totalBaseUnits: '1250500000',
      recipientCount: 1,
      errorCount: 0,
      assetSymbol: 'USDC',
      networkName: 'Ethereum'
    })
    expect(created.items[0]).toMatchObject({
      row: 1,
      address: ALICE,
      amount: '1250.5',
      amountBaseUnits: '1250500000',
      status: 'draft'
    })
    expect(created.allowed).toEqual({ edit: true, cancel: true, submit: true })
    await t1.close()

    const t2 = createTreasury({ dataDir })
    const page = await t2.listPayouts({ offset: 0, limit: 50 })
    expect(page.total).toBe(1)
    expect(page.items[0]!.id).toBe(created.id)
    const edited = await t2.updatePayout({
      id: created.id,
      description: 'October invoice (corrected)',
      recipients: [{ address: ALICE, amount: '1250.75' }]
    })
    expect(edited.totalBaseUnits).toBe('1250750000')
    const cancelled = await t2.cancelPayout({ id: created.id, reason: 'paid by bank instead' })
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.items[0]!.status).toBe('cancelled')
    expect(cancelled.timeline.map((e) => e.action)).toEqual(['created', 'edited', 'cancelled'])
    expect(cancelled.timeline[2]).toMatchObject({
      fromStatus: 'draft',
      toStatus: 'cancelled',
      detail: 'paid by bank instead',
      actor: 'Operator'
    })
    await expect(t2.updatePayout({ id: created.id, description: 'again' })).rejects.toMatchObject({
      code: 'not_editable'
    })
    await t2.close()

    const db = openDatabase(join(dataDir, DATABASE_FILE))
    expect(verifyAuditLog(db.read)).toEqual({ ok: true, entries: 3 })
    db.close()
  })

  it('saves a draft with invalid fields, keeping exactly what was typed and why it is wrong', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const d = await t.createPayout({
      kind: 'single',
      assetId: USDC_ETH,
      description: '',
      recipients: [{ address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD', amount: '10.1234567' }]
    })
    expect(d.errorCount).toBe(1)
    expect(d.allowed.submit).toBe(false)
    expect(d.items[0]).toMatchObject({
      address: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD',
      amount: '10.1234567',
      amountBaseUnits: null
    })
    expect(d.items[0]!.issues.map((i) => i.code)).toEqual(['address_bad_checksum', 'amount_too_many_decimals'])
    await t.close()
  })

  it('filters the list by status, kind and text, and pages it', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    for (let i = 0; i < 7; i++)
      await t.createPayout({
        kind: 'single',
        assetId: '1:native',
        description: `Payroll ${i}`,
        recipients: [{ address: ALICE, amount: '1' }]
      })
    const rent = await t.createPayout({
      kind: 'single',
      assetId: '1:native',
      description: 'Office rent 100%',
      recipients: [{ address: ALICE, amount: '2', name: 'Landlord Ltd' }]
    })
    await t.cancelPayout({ id: rent.id })
    expect((await t.listPayouts({ offset: 0, limit: 50, status: 'cancelled' })).items.map((p) => p.id)).toEqual([
      rent.id
    ])
    expect((await t.listPayouts({ offset: 0, limit: 50, status: 'draft' })).total).toBe(7)
    expect((await t.listPayouts({ offset: 0, limit: 50, text: 'landlord' })).items.map((p) => p.id)).toEqual([rent.id])
    expect((await t.listPayouts({ offset: 0, limit: 50, text: '100%' })).total).toBe(1)
    expect((await t.listPayouts({ offset: 0, limit: 50, kind: 'mass' })).total).toBe(0)
    const page2 = await t.listPayouts({ offset: 5, limit: 5 })
    expect(page2).toMatchObject({ total: 8 })
    expect(page2.items).toHaveLength(3)
    await t.close()
  })

  it('refuses a single payout with no recipient, a blank one or more than one, and an unknown currency', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    await expect(
      t.createPayout({ kind: 'single', assetId: '1:native', description: '', recipients: [] })
    ).rejects.toMatchObject({ code: 'single_needs_one_recipient' })
    // A blank row is skipped as in a registry: the one recipient of a single payout cannot be blank.
    await expect(
      t.createPayout({
        kind: 'single',
        assetId: '1:native',
        description: '',
        recipients: [{ address: ' ', amount: '' }]
      })
    ).rejects.toMatchObject({
      code: 'single_needs_one_recipient',
      message: expect.stringContaining("recipient's address")
    })
    expect((await t.listPayouts({ offset: 0, limit: 5 })).total).toBe(0)
    // Nor can an edit blank the one recipient of a saved single payout: it is refused, and the draft keeps its row.
    const rent = await t.createPayout({
      kind: 'single',
      assetId: '1:native',
      description: 'Rent',
      recipients: [{ address: ALICE, amount: '2' }]
    })
    await expect(t.updatePayout({ id: rent.id, recipients: [{ address: '', amount: ' ' }] })).rejects.toMatchObject({
      code: 'single_needs_one_recipient'
    })
    const kept = await t.getPayout({ id: rent.id })
    expect(kept.items.map((i) => i.address)).toEqual([ALICE])
    expect([kept.recipientCount, kept.totalBaseUnits]).toEqual([1, '2000000000000000000'])
    await expect(
      t.createPayout({
        kind: 'single',
        assetId: '999:native',
        description: '',
        recipients: [{ address: ALICE, amount: '1' }]
      })
    ).rejects.toMatchObject({ code: 'unknown_asset' })
    await t.close()
  })

  it('emits an event for every change so open windows refresh', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    const events: string[] = []
    t.onEvent((e) => events.push(e.type === 'payout.changed' ? `${e.type}:${e.status}` : e.type))
    const d = await t.createPayout({
      kind: 'single',
      assetId: '1:native',
      description: '',
      recipients: [{ address: ALICE, amount: '1' }]
    })
    await t.cancelPayout({ id: d.id })
    await t.updateSettings({ operatorName: 'Dana' })
    expect(events).toEqual(['payout.changed:draft', 'payout.changed:cancelled', 'settings.changed'])
    expect((await t.getSettings({})).operatorName).toBe('Dana')
    await t.close()
  })
})

describe('dispatch: the only door from the renderer', () => {
  it('validates input against the contract and returns typed errors, never throws', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    expect(await dispatch(t, 'listNetworks', {})).toMatchObject({ ok: true })
    expect(await dispatch(t, 'close', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } })
    expect(await dispatch(t, 'getPayout', { id: "'; DROP TABLE payouts; --" })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' }
    })
    expect(
      await dispatch(t, 'createPayout', {
        kind: 'single',
        assetId: '1:native',
        description: '',
        recipients: [{ address: ALICE, amount: '1' }],
        extra: 1
      })
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await dispatch(t, 'getPayout', { id: 'PO-NOPE' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
    expect(
      await dispatch(t, 'createPayout', {
        kind: 'single',
        assetId: '1:native',
        description: 'x'.repeat(5000),
        recipients: []
      })
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    const logged: unknown[] = []
    const broken = {
      ...t,
      listNetworks: async () => {
        throw new Error('disk on fire at /secret/path')
      }
    }
    const r = await dispatch(broken, 'listNetworks', {}, (e) => logged.push(e))
    expect(r).toMatchObject({ ok: false, error: { code: 'internal_error' } })
    expect(JSON.stringify(r)).not.toContain('/secret/path')
    expect(logged).toHaveLength(1)
    await t.close()
  })
})

describe('createTreasury: mass payouts from a registry file', () => {
  it('previews an uploaded file, then saves every row as a draft mass payout with its issues', async () => {
    const { readFileSync } = await import('node:fs')
    const t = createTreasury({ dataDir: tempDir() })
    const bytes = readFileSync(join(__dirname, '../test/fixtures/registry/excel-bom-crlf.csv'))
    const preview = await t.previewRegistry({
      fileName: 'excel-bom-crlf.csv',
      contentBase64: bytes.toString('base64'),
      assetId: USDC_ETH
    })
    expect(preview.error).toBeNull()
    expect(preview.needs).toBeNull()
    expect(preview.rows.length).toBeGreaterThan(0)
    const created = await t.createPayout({
      kind: 'mass',
      assetId: USDC_ETH,
      description: 'November affiliates',
      recipients: preview.rows.map((r) => ({
        address: r.address,
        amount: r.amount,
        name: r.name,
        reference: r.reference,
        note: r.note
      }))
    })
    expect(created.recipientCount).toBe(preview.rows.length)
    expect(created.totalBaseUnits).toBe(preview.totals.amountTotalBaseUnits)
    expect(created.errorCount).toBe(preview.totals.rowsWithErrors)
    await t.close()
  })

  it('refuses a file that is not base64 before reading it', async () => {
    const t = createTreasury({ dataDir: tempDir() })
    expect(
      await dispatch(t, 'previewRegistry', { fileName: 'x.csv', contentBase64: '<script>', assetId: USDC_ETH })
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    await t.close()
  })
})

describe('createTreasury: notices', () => {
  it('has nothing to tell when secrets have a store', async () => {
    const { createSessionSecretStore } = await import('./secrets')
    const t = createTreasury({ dataDir: tempDir(), secrets: createSessionSecretStore() })
    expect(await t.getNotices({})).toEqual([])
    await t.close()
  })
})

describe('createTreasury: the registry reader', () => {
  /** A stand-in worker script that only says it was started, by writing a file. */
  function markerWorker(dir: string): { workerFile: string; marker: string } {
    const marker = join(dir, 'started')
    const workerFile = join(dir, 'marker-worker.mjs')
    writeFileSync(
      workerFile,
      `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(marker)}, 'yes')\n`
    )
    return { workerFile, marker }
  }

  async function eventually(check: () => boolean, ms: number): Promise<boolean> {
    const until = Date.now() + ms
    while (Date.now() < until) {
      if (check()) return true
      await new Promise((r) => setTimeout(r, 20))
    }
    return check()
  }

  it('starts its worker only when asked to prepare it or when a file is read', async () => {
    const dir = tempDir()
    const { workerFile, marker } = markerWorker(dir)
    const t = createTreasury({ dataDir: join(dir, 'data'), registryWorkerFile: workerFile })
    expect(await eventually(() => existsSync(marker), 300)).toBe(false)
    t.prepareRegistryReader()
    expect(await eventually(() => existsSync(marker), 10_000)).toBe(true)
    await t.close()
  })
})
