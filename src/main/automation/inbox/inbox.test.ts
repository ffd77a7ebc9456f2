// Runs in: Vitest (node). The inbox folder as another system uses it: files written by another
// process while the app watches, a file read only once complete (stable size, or its .ready marker
// after a long pause), the same file dropped twice, a file with errors, and a restart in the middle.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { InboxReadiness } from '../../../shared/automation'
import { ADDRESS_A, ADDRESS_B, unwrap, USDC_ETH, waitFor } from '../../../test/automation'
import { dropFile } from '../../../test/dropFile'
import { tempDir } from '../../../test/tempDir'
import { createSessionSecretStore } from '../../secrets'
import { createTreasury, type Treasury } from '../../treasury'

/**
 * The writers below pause a quarter of this between pieces; the rest is room for a writer starved of
 * the CPU while the whole suite runs on two cores (at 400 ms one was once taken as finished). The
 * app's default is 2 s.
 */
const SETTLE_MS = 800
/** Long enough for the registry reader's worker to start from sources on a busy machine. */
const DRAFTED_WITHIN_MS = 40_000
const TIMINGS = { tickMs: 50, inbox: { settleMs: SETTLE_MS, pollMs: 100, retryMs: 300 } }
const open: Treasury[] = []
afterEach(async () => {
  for (const t of open.splice(0)) await t.close()
})

async function inboxApp(dataDir: string, inbox: string, readiness: InboxReadiness = 'stable_size'): Promise<Treasury> {
  const treasury = createTreasury({ dataDir, secrets: createSessionSecretStore(), automation: { timings: TIMINGS } })
  open.push(treasury)
  // The registry reader's worker takes seconds to start from sources: wait for it before the clock
  // matters, so a file could be read the moment the watcher let it through.
  await treasury.previewRegistry({
    fileName: 'warm.csv',
    contentBase64: Buffer.from(`address,amount\n${ADDRESS_A},1\n`).toString('base64'),
    assetId: USDC_ETH
  })
  await treasury.updateAutomation({ inboxFolder: inbox, inboxReadiness: readiness })
  return treasury
}

async function closeApp(treasury: Treasury): Promise<void> {
  open.splice(open.indexOf(treasury), 1)
  await treasury.close()
}

function folders(): { dataDir: string; inbox: string } {
  const root = tempDir('treasury-inbox-')
  const inbox = join(root, 'inbox')
  mkdirSync(inbox)
  return { dataDir: join(root, 'data'), inbox }
}

/** A registry of `rows` valid rows (USDC amounts 1.25, 2.25, …). */
function registry(rows: number): string {
  const lines = ['address,amount,reference']
  for (let i = 1; i <= rows; i++) lines.push(`${i % 2 === 0 ? ADDRESS_A : ADDRESS_B},${i}.25,INV-${i}`)
  return `${lines.join('\n')}\n`
}

const sidecar = (externalId?: string, extra: Record<string, string> = {}) =>
  JSON.stringify({
    network: 'Ethereum',
    currency: 'USDC',
    purpose: 'April commissions',
    ...(externalId === undefined ? {} : { externalId }),
    ...extra
  })

const payouts = async (t: Treasury) => unwrap(await t.listPayouts({ limit: 100, offset: 0 }))
const listing = (folder: string): string[] => (existsSync(folder) ? readdirSync(folder).sort() : [])

describe('the inbox folder', () => {
  it('drafts a registry another process writes into it, only once the file is complete', async () => {
    const { dataDir, inbox } = folders()
    const app = await inboxApp(dataDir, inbox)
    await dropFile(join(inbox, 'april.json'), sidecar('apr-2026'))
    // Written in six pieces with pauses shorter than the settling time.
    const writing = dropFile(join(inbox, 'april.csv'), registry(300), { chunks: 6, pauseMs: SETTLE_MS / 4 })
    await writing
    const filed = await waitFor(
      () => (listing(join(inbox, 'processed')).includes('april.csv') ? true : undefined),
      DRAFTED_WITHIN_MS,
      async () =>
        `the file to be filed (inbox ${JSON.stringify(unwrap(await app.getAutomation({})).inbox)}; in the folder: ${listing(inbox).join(', ')}; failed/: ${listing(join(inbox, 'failed')).join(', ')})`
    )
    expect(filed).toBe(true)
    const page = await payouts(app)
    expect(page.total).toBe(1)
    const payout = unwrap(await app.getPayout({ id: page.items[0]!.id, limit: 0 }))
    expect(payout).toMatchObject({
      kind: 'mass',
      recipientCount: 300,
      errorCount: 0,
      description: 'April commissions',
      assetSymbol: 'USDC',
      createdBy: 'Inbox file "april.csv"',
      source: { kind: 'inbox', name: 'april.csv', externalId: 'apr-2026' }
    })
    expect(listing(inbox)).toEqual(['processed'])
    expect(listing(join(inbox, 'processed'))).toEqual(['april.csv', 'april.csv.sidecar.json'])
  })

  it('waits for the .ready marker when told to, however long the writer pauses half-way', async () => {
    const { dataDir, inbox } = folders()
    const app = await inboxApp(dataDir, inbox, 'ready_marker')
    await dropFile(join(inbox, 'may.json'), sidecar())
    const pause = SETTLE_MS * 2
    const writing = dropFile(join(inbox, 'may.csv'), registry(40), { chunks: 2, pauseMs: pause, marker: true })
    // Half the file has sat unchanged for longer than the settling time: still not read.
    await new Promise((r) => setTimeout(r, pause - 200))
    expect((await payouts(app)).total).toBe(0)
    expect(listing(inbox)).toContain('may.csv')
    await writing
    await waitFor(async () => ((await payouts(app)).total === 1 ? true : undefined), DRAFTED_WITHIN_MS, 'the draft')
    expect((await payouts(app)).items[0]).toMatchObject({ recipientCount: 40 })
    await waitFor(() => (listing(inbox).includes('may.csv.ready') ? undefined : true), 5_000, 'the marker to go')
  })

  it('drafts a file once: a copy dropped again goes to failed/ saying which payout it became', async () => {
    const { dataDir, inbox } = folders()
    const app = await inboxApp(dataDir, inbox)
    writeFileSync(join(inbox, 'june.json'), sidecar('jun-1'))
    writeFileSync(join(inbox, 'june.csv'), registry(3))
    await waitFor(() => (listing(join(inbox, 'processed')).includes('june.csv') ? true : undefined), DRAFTED_WITHIN_MS)
    const first = (await payouts(app)).items[0]!
    // The same file and sidecar, copied in again under another name.
    copyFileSync(join(inbox, 'processed', 'june.csv.sidecar.json'), join(inbox, 'june-copy.json'))
    copyFileSync(join(inbox, 'processed', 'june.csv'), join(inbox, 'june-copy.csv'))
    await waitFor(
      () => (listing(join(inbox, 'failed')).includes('june-copy.csv.errors.csv') ? true : undefined),
      DRAFTED_WITHIN_MS
    )
    const errors = readFileSync(join(inbox, 'failed', 'june-copy.csv.errors.csv'), 'utf8')
    expect(errors).toContain(`already drafted as payout ${first.id} from june.csv`)
    expect((await payouts(app)).total).toBe(1)
    // The same content for another payout (its own external id) is a new draft.
    writeFileSync(join(inbox, 'july.json'), sidecar('jul-1'))
    copyFileSync(join(inbox, 'processed', 'june.csv'), join(inbox, 'july.csv'))
    await waitFor(async () => ((await payouts(app)).total === 2 ? true : undefined), DRAFTED_WITHIN_MS)
  })

  it('refuses a file with errors whole: failed/ with row, column and message for each problem', async () => {
    const { dataDir, inbox } = folders()
    const app = await inboxApp(dataDir, inbox)
    writeFileSync(join(inbox, 'bad.json'), sidecar())
    writeFileSync(join(inbox, 'bad.csv'), `address,amount\n${ADDRESS_A},10\n0x12345,5\n${ADDRESS_B},-3\n`)
    await waitFor(
      () => (listing(join(inbox, 'failed')).includes('bad.csv.errors.csv') ? true : undefined),
      DRAFTED_WITHIN_MS
    )
    const lines = readFileSync(join(inbox, 'failed', 'bad.csv.errors.csv'), 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe('row,column,message')
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['3,address', '4,amount'])
    expect(listing(join(inbox, 'failed'))).toEqual(['bad.csv', 'bad.csv.errors.csv', 'bad.csv.sidecar.json'])
    expect((await payouts(app)).total).toBe(0)
  })

  it('reads "334.969" as the sidecar\'s decimal separator says, and refuses it as ambiguous without one', async () => {
    const { dataDir, inbox } = folders()
    const app = await inboxApp(dataDir, inbox)
    const csv = `address,amount\n${ADDRESS_A},334.969\n`
    writeFileSync(join(inbox, 'plain.json'), sidecar('plain-1'))
    writeFileSync(join(inbox, 'plain.csv'), csv)
    await waitFor(
      () => (listing(join(inbox, 'failed')).includes('plain.csv.errors.csv') ? true : undefined),
      DRAFTED_WITHIN_MS
    )
    expect(readFileSync(join(inbox, 'failed', 'plain.csv.errors.csv'), 'utf8')).toContain('ambiguous')
    writeFileSync(join(inbox, 'point.json'), sidecar('point-1', { decimalSeparator: '.' }))
    writeFileSync(join(inbox, 'point.csv'), csv)
    await waitFor(() => (listing(join(inbox, 'processed')).includes('point.csv') ? true : undefined), DRAFTED_WITHIN_MS)
    expect((await payouts(app)).items[0]).toMatchObject({
      totalBaseUnits: '334969000',
      source: { externalId: 'point-1' }
    })
  })

  it('refuses a registry without a sidecar, saying what to put beside it', async () => {
    const { dataDir, inbox } = folders()
    await inboxApp(dataDir, inbox)
    writeFileSync(join(inbox, 'lonely.csv'), registry(2))
    await waitFor(
      () => (listing(join(inbox, 'failed')).includes('lonely.csv.errors.csv') ? true : undefined),
      DRAFTED_WITHIN_MS
    )
    expect(readFileSync(join(inbox, 'failed', 'lonely.csv.errors.csv'), 'utf8')).toContain('lonely.json')
  })

  it('after a restart in the middle (drafted, not yet filed away), files the draft without drafting again', async () => {
    const { dataDir, inbox } = folders()
    // processed/ cannot be created (a file has its name): the draft is committed, the move fails.
    writeFileSync(join(inbox, 'processed'), 'in the way')
    let app = await inboxApp(dataDir, inbox)
    writeFileSync(join(inbox, 'aug.json'), sidecar('aug-1'))
    writeFileSync(join(inbox, 'aug.csv'), registry(5))
    await waitFor(async () => ((await payouts(app)).total === 1 ? true : undefined), DRAFTED_WITHIN_MS)
    await waitFor(
      async () => ((await app.getAutomation({})).inbox.state === 'failed' ? true : undefined),
      DRAFTED_WITHIN_MS
    )
    expect(listing(inbox)).toContain('aug.csv')
    await closeApp(app)
    rmSync(join(inbox, 'processed'))
    app = await inboxApp(dataDir, inbox)
    await waitFor(() => (listing(join(inbox, 'processed')).includes('aug.csv') ? true : undefined), DRAFTED_WITHIN_MS)
    expect((await payouts(app)).total).toBe(1)
    expect(listing(inbox)).toEqual(['processed'])
  })

  it('after a restart while a file is half-written, drafts it whole once it is complete', async () => {
    const { dataDir, inbox } = folders()
    let app = await inboxApp(dataDir, inbox, 'ready_marker')
    await dropFile(join(inbox, 'sep.json'), sidecar())
    const writing = dropFile(join(inbox, 'sep.csv'), registry(60), { chunks: 3, pauseMs: 600, marker: true })
    await new Promise((r) => setTimeout(r, 300))
    await closeApp(app)
    app = await inboxApp(dataDir, inbox, 'ready_marker')
    await writing
    await waitFor(async () => ((await payouts(app)).total === 1 ? true : undefined), DRAFTED_WITHIN_MS)
    expect((await payouts(app)).items[0]).toMatchObject({ recipientCount: 60 })
  })
})
