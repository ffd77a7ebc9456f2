// Runs in: Vitest (node). Webhooks received by a local HTTP server as another system would: each
// status change signed with the hook's secret, in order, retried with backoff until accepted, and
// still delivered when the app was killed before any call got through and is started again.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { ADDRESS_A, freePort, unwrap, USDC_ETH, waitFor } from '../../../test/automation'
import { tempDir } from '../../../test/tempDir'
import { startWebhookReceiver } from '../../../test/webhookReceiver'
import { createSessionSecretStore } from '../../secrets'
import { clearTestKeychain, detectTestKeychain } from '../../secrets/testKeychain'
import { createTreasury, DATABASE_FILE } from '../../treasury'
import { verifyWebhook } from './signature'

const keychain = await detectTestKeychain()
if (!keychain.reachable)
  console.warn(`[webhooks] the restart test needs a real keychain and is skipped: ${keychain.reason}`)
afterAll(() => clearTestKeychain(keychain))

const nowSeconds = () => Math.floor(Date.now() / 1000)

describe('webhooks', () => {
  it('deliver each status change signed and in order, retrying until the receiver accepts', async () => {
    // The receiver fails its first two calls.
    const receiver = await startWebhookReceiver({ answer: (n) => (n < 2 ? 503 : 200) })
    const treasury = createTreasury({
      dataDir: tempDir(),
      secrets: createSessionSecretStore(),
      automation: { timings: { tickMs: 50, webhooks: { firstRetryMs: 100, maxRetryMs: 400, timeoutMs: 2_000 } } }
    })
    try {
      const { secret, webhook } = await treasury.addWebhook({ url: receiver.url })
      const payout = await treasury.createPayout({
        kind: 'single',
        assetId: USDC_ETH,
        description: 'Refund',
        recipients: [{ address: ADDRESS_A, amount: '12.5' }]
      })
      await treasury.cancelPayout({ id: payout.id, reason: 'Paid by card instead' })
      const accepted = await waitFor(() => {
        const ok = receiver.calls.filter((c) => c.status === 200)
        return ok.length === 2 ? ok : undefined
      })
      expect(receiver.calls.map((c) => c.status)).toEqual([503, 503, 200, 200])
      const bodies = accepted.map((c) => JSON.parse(c.body) as Record<string, unknown>)
      expect(bodies).toEqual([
        expect.objectContaining({ type: 'payout.status', payoutId: payout.id, status: 'draft', previousStatus: null }),
        expect.objectContaining({
          type: 'payout.status',
          payoutId: payout.id,
          status: 'cancelled',
          previousStatus: 'draft'
        })
      ])
      expect(Number(bodies[1]!.seq)).toBeGreaterThan(Number(bodies[0]!.seq))
      for (const call of receiver.calls) {
        expect(verifyWebhook(secret, call.body, call.signature, nowSeconds())).toBe(true)
        expect(verifyWebhook(`${secret}x`, call.body, call.signature, nowSeconds())).toBe(false)
        expect(verifyWebhook(secret, call.body.replace('cancelled', 'completed'), call.signature, nowSeconds())).toBe(
          call.body.includes('cancelled') ? false : true
        )
      }
      // The receiver has answered; the outbox is cleared once the answer is read, a moment later.
      const settled = await waitFor(
        async () => {
          const [hook] = unwrap(await treasury.getAutomation({})).webhooks
          return hook?.pending === 0 ? hook : undefined
        },
        10_000,
        'the outbox to be empty'
      )
      expect(settled).toMatchObject({ id: webhook.id, pending: 0, lastError: null })
      expect(receiver.calls).toHaveLength(4)
    } finally {
      await treasury.close()
      await receiver.close()
    }
  })

  it('refuse an address that would send payout data over plain http to another computer', async () => {
    const treasury = createTreasury({ dataDir: tempDir(), secrets: createSessionSecretStore() })
    try {
      await expect(treasury.addWebhook({ url: 'http://erp.example.com/hook' })).rejects.toMatchObject({
        code: 'webhook_url_invalid'
      })
      await expect(treasury.addWebhook({ url: 'https://user:pw@erp.example.com/hook' })).rejects.toMatchObject({
        code: 'webhook_url_invalid'
      })
    } finally {
      await treasury.close()
    }
  })

  it.skipIf(!keychain.reachable)(
    'are delivered after a restart when the app was killed before any call got through',
    async () => {
      const dataDir = tempDir()
      const port = await freePort() // nobody listens there while the first app runs
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(__dirname, '../../../test/automationChild.ts'),
          JSON.stringify({
            dataDir,
            service: keychain.store.service,
            webhookUrl: `http://127.0.0.1:${port}/treasury/events`
          })
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] }
      )
      const first = await new Promise<{ secret: string; payoutId: string }>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', (line) =>
          resolve(JSON.parse(line) as { secret: string; payoutId: string })
        )
        child.once('exit', (code) => reject(new Error(`the app exited early with ${code}`)))
      })
      // Its call was tried and refused (nothing listens): it waits to be tried again.
      const dbFile = join(dataDir, DATABASE_FILE)
      const waiting = () => {
        const db = new Database(dbFile, { readonly: true })
        try {
          return db.prepare('SELECT attempts, delivered_at FROM webhook_deliveries').get() as
            { attempts: number; delivered_at: string | null } | undefined
        } finally {
          db.close()
        }
      }
      await waitFor(() => ((waiting()?.attempts ?? 0) >= 1 ? true : undefined))
      child.kill('SIGKILL')
      await new Promise((resolve) => child.once('exit', resolve))
      expect(waiting()).toMatchObject({ delivered_at: null })

      const receiver = await startWebhookReceiver({ port })
      const restarted = createTreasury({
        dataDir,
        secrets: keychain.store,
        automation: { timings: { tickMs: 50, webhooks: { firstRetryMs: 100, maxRetryMs: 200, timeoutMs: 2_000 } } }
      })
      try {
        const call = await waitFor(() => receiver.calls[0], 20_000, 'the webhook call')
        expect(JSON.parse(call.body)).toMatchObject({ payoutId: first.payoutId, status: 'draft' })
        expect(verifyWebhook(first.secret, call.body, call.signature, nowSeconds())).toBe(true)
        await waitFor(() => (waiting()?.delivered_at !== null ? true : undefined))
        expect(receiver.calls).toHaveLength(1)
      } finally {
        await restarted.close()
        await receiver.close()
      }
    }
  )
})
