// Runs in: Vitest (node). The `treasury` command run as its own process against a data folder while
// the app has it open: what one writes the other sees (the app within a second, without a reload),
// neither corrupts the other's writes, and exit codes a script can branch on.
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { getAddress } from 'ethers'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { PREVIEW_FIRST_ROWS, type TreasuryEvent } from '../../shared/api'
import { ADDRESS_A, ADDRESS_B, FAST_AUTOMATION, unwrap, USDC_ETH, waitFor } from '../../test/automation'
import { tempDir } from '../../test/tempDir'
import { PayoutDetailSchema, PayoutPageSchema } from '../automation/openapi/responses'
import { createSessionSecretStore } from '../secrets'
import { createTreasury, type Treasury } from '../treasury'
import { EXIT } from './exitCodes'

const MAIN = join(__dirname, 'main.ts')
// Each run starts its own Node with the TypeScript loader: seconds apiece on a loaded machine, and
// some tests make five runs.
const CLI_TEST_TIMEOUT_MS = 180_000
vi.setConfig({ testTimeout: CLI_TEST_TIMEOUT_MS })
const dataDir = tempDir('treasury-cli-')
let app: Treasury
const events: Array<{ at: number; event: TreasuryEvent }> = []

beforeAll(() => {
  app = createTreasury({ dataDir, secrets: createSessionSecretStore(), automation: FAST_AUTOMATION })
  app.onEvent((event) => events.push({ at: Date.now(), event }))
})
afterAll(() => app.close())

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  /** When the process exited. */
  readonly exitedAt: number
}

function cliIn(dir: string, args: readonly string[]): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, `--data-dir=${dir}`, ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, exitedAt: Date.now() }))
  })
}

const cli = (...args: string[]): Promise<Run> => cliIn(dataDir, args)

const changed = (id: string, status?: string) =>
  events.find(
    (e) => e.event.type === 'payout.changed' && e.event.id === id && (status === undefined || e.event.status === status)
  )

describe('the treasury command beside the running app', () => {
  it('drafts a payout that the open app announces within a second, as from the command line', async () => {
    const run = await cli(
      'payouts',
      'create',
      '--json',
      '--asset',
      USDC_ETH,
      '--purpose',
      'Contractors, April',
      '--to',
      `${ADDRESS_A}=334.969`,
      '--to',
      `${ADDRESS_B}=2`,
      '--external-id',
      'cli-april'
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(EXIT.ok)
    const made = PayoutDetailSchema.parse(JSON.parse(run.stdout))
    expect(made).toMatchObject({
      kind: 'mass',
      totalBaseUnits: '336969000',
      source: { kind: 'cli', externalId: 'cli-april' }
    })
    expect(made.createdBy).toMatch(/^Command line \(.+\)$/)
    const seen = await waitFor(() => changed(made.id), 5_000, 'the app to notice')
    expect(seen.at - run.exitedAt).toBeLessThan(1_000)
    expect(unwrap(await app.getPayout({ id: made.id })).source.kind).toBe('cli')
  })

  it('lists and shows what the app drafted, and exports it', async () => {
    const drafted = await app.createPayout({
      kind: 'single',
      assetId: USDC_ETH,
      description: 'Office rent',
      recipients: [{ address: ADDRESS_B, amount: '1500' }]
    })
    const list = await cli('payouts', 'list', '--json', '--search', 'Office rent')
    expect(PayoutPageSchema.parse(JSON.parse(list.stdout)).items.map((p) => p.id)).toEqual([drafted.id])
    const shown = await cli('payouts', 'show', drafted.id)
    expect(shown.stdout).toContain(drafted.id)
    expect(shown.stdout).toContain('1,500 USDC')
    expect(shown.stdout).toContain('This desk')
    const exported = await cli('payouts', 'export', drafted.id)
    expect(exported.code).toBe(EXIT.ok)
    expect(exported.stdout).toContain(ADDRESS_B)
  })

  it('cancels, and the open app shows the new status', async () => {
    const drafted = await app.createPayout({
      kind: 'single',
      assetId: USDC_ETH,
      description: 'Duplicate',
      recipients: [{ address: ADDRESS_A, amount: '5' }]
    })
    const run = await cli('payouts', 'cancel', drafted.id, '--reason', 'Entered twice')
    expect(run.code).toBe(EXIT.ok)
    await waitFor(() => changed(drafted.id, 'cancelled'), 5_000, 'the app to notice')
    const again = await cli('payouts', 'cancel', drafted.id)
    expect(again.code).toBe(EXIT.conflict)
    expect(again.stderr).toContain('illegal_transition')
  })

  it('imports a registry file read as an upload is, and refuses one with errors', async () => {
    const file = join(tempDir(), 'bonus.csv')
    writeFileSync(file, `address,amount,reference\n${ADDRESS_A},10,B-1\n${ADDRESS_B},20,B-2\n`)
    const run = await cli('payouts', 'import', file, '--asset', USDC_ETH, '--purpose', 'Q2 bonus', '--json')
    expect(run.code).toBe(EXIT.ok)
    expect(JSON.parse(run.stdout)).toMatchObject({
      recipientCount: 2,
      description: 'Q2 bonus',
      source: { kind: 'cli' }
    })
    writeFileSync(file, `address,amount\n0x123,10\n`)
    const refused = await cli('payouts', 'import', file, '--asset', USDC_ETH, '--json')
    expect(refused.code).toBe(EXIT.refused)
    expect(JSON.parse(refused.stderr)).toMatchObject({
      error: { code: 'registry_refused', details: { problems: [{ row: 2, column: 'address' }] } }
    })
    // The row is named once.
    expect(JSON.parse(refused.stderr).error.message).toMatch(
      /^bonus\.csv was not drafted: it has 1 problem\(s\)\. First: row 2, address: (?!Row 2)/
    )
    // Longer than the preview's first page: every row is drafted, not the first page's.
    const count = PREVIEW_FIRST_ROWS + 500
    const lines = Array.from(
      { length: count },
      (_, i) => `${getAddress(`0x${(i + 1).toString(16).padStart(40, '0')}`)},1`
    )
    writeFileSync(file, ['address,amount', ...lines].join('\n'))
    const long = await cli('payouts', 'import', file, '--asset', USDC_ETH, '--json')
    expect(long.code).toBe(EXIT.ok)
    expect(JSON.parse(long.stdout)).toMatchObject({ recipientCount: count, totalBaseUnits: `${count}000000` })
  })

  it('answers with exit codes a script can branch on', async () => {
    const usage = await cli('payouts', 'pay', 'PO-X')
    expect(usage.code).toBe(EXIT.usage)
    expect(usage.stderr).toContain('Usage: treasury')
    expect((await cli('payouts', 'show', 'PO-NOSUCHTHING')).code).toBe(EXIT.notFound)
    const grouped = await cli('payouts', 'create', '--asset', USDC_ETH, '--purpose', 'x', '--to', `${ADDRESS_A}=1,5`)
    expect(grouped.code).toBe(EXIT.refused)
    expect(grouped.stderr).toContain('amount_not_canonical')
    expect((await cli('networks', '--json')).code).toBe(EXIT.ok)
    expect((await cli('assets', '--chain', '1')).stdout).toContain('USDC')
  })

  it('drafts once for a retried command with the same --idempotency-key, and refuses the key for another request', async () => {
    const args = [
      'payouts',
      'create',
      '--json',
      '--asset',
      USDC_ETH,
      '--purpose',
      'Payroll run 7',
      '--to',
      `${ADDRESS_A}=12.5`
    ]
    const first = await cli(...args, '--idempotency-key', 'payroll-run-7')
    const retried = await cli(...args, '--idempotency-key', 'payroll-run-7')
    expect([first.code, retried.code]).toEqual([EXIT.ok, EXIT.ok])
    const id = PayoutDetailSchema.parse(JSON.parse(first.stdout)).id
    expect(PayoutDetailSchema.parse(JSON.parse(retried.stdout)).id).toBe(id)
    const found = unwrap(await app.listPayouts({ text: 'Payroll run 7', limit: 10, offset: 0 }))
    expect(found.items.map((p) => p.id)).toEqual([id])
    const other = await cli(
      'payouts',
      'create',
      '--json',
      '--asset',
      USDC_ETH,
      '--purpose',
      'Payroll run 8',
      '--to',
      `${ADDRESS_A}=99`,
      '--idempotency-key',
      'payroll-run-7'
    )
    expect(other.code).toBe(EXIT.conflict)
    expect(JSON.parse(other.stderr)).toMatchObject({
      error: { code: 'idempotency_key_reused', details: { payoutId: id } }
    })
  })

  it('has no command that submits, approves or signs: a draft stays a draft', async () => {
    const drafted = await app.createPayout({
      kind: 'single',
      assetId: USDC_ETH,
      description: 'Needs four eyes',
      recipients: [{ address: ADDRESS_A, amount: '7' }]
    })
    for (const verb of ['submit', 'approve', 'sign']) {
      const run = await cli('payouts', verb, drafted.id, '--json')
      expect(run.code).toBe(EXIT.usage)
      expect(JSON.parse(run.stderr)).toMatchObject({ error: { code: 'cli_usage' } })
      expect(JSON.parse(run.stderr).error.message).toContain(`"payouts ${verb}" is not a command`)
    }
    expect(unwrap(await app.getPayout({ id: drafted.id })).status).toBe('draft')
  })

  it("never corrupts the app's writes: both draft at once and the audit log stays whole", async () => {
    const before = unwrap(await app.listPayouts({ limit: 1, offset: 0 })).total
    const desk = (async () => {
      for (let i = 0; i < 20; i++)
        await app.createPayout({
          kind: 'single',
          assetId: USDC_ETH,
          description: `Desk ${i}`,
          recipients: [{ address: ADDRESS_A, amount: '1' }]
        })
    })()
    const runs = await Promise.all(
      [1, 2, 3].map((n) =>
        cli('payouts', 'create', '--asset', USDC_ETH, '--purpose', `Script ${n}`, '--to', `${ADDRESS_B}=${n}`)
      )
    )
    await desk
    expect(runs.map((r) => [r.code, r.stderr])).toEqual([
      [0, ''],
      [0, ''],
      [0, '']
    ])
    expect(unwrap(await app.listPayouts({ limit: 1, offset: 0 })).total).toBe(before + 23)
    const audit = await cli('audit', 'verify')
    expect(audit.code).toBe(EXIT.ok)
    expect(audit.stdout).toContain('The audit log is intact')
    expect(audit.stdout).toContain('Paid rows: 0 checked against the transactions that paid them, all match.')
  })
})

describe('the treasury command with the app closed', () => {
  it('drafts on the data folder alone; the app finds the payout when it opens', async () => {
    const dir = tempDir('treasury-cli-closed-')
    const run = await cliIn(dir, [
      'payouts',
      'create',
      '--json',
      '--asset',
      USDC_ETH,
      '--purpose',
      'Weekend payroll',
      '--to',
      `${ADDRESS_A}=100`
    ])
    expect(run.code).toBe(EXIT.ok)
    const id = PayoutDetailSchema.parse(JSON.parse(run.stdout)).id
    const opened = createTreasury({ dataDir: dir, secrets: createSessionSecretStore() })
    try {
      expect(unwrap(await opened.getPayout({ id })).description).toBe('Weekend payroll')
    } finally {
      await opened.close()
    }
  })
})
