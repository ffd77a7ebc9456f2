// Runs in: a child process started by webhook tests (plain Node with the tsx loader). The app on a
// data folder, with its secrets in the real keychain under a test service name: it adds a webhook,
// drafts a payout, reports both on stdout, and waits there to be killed before its webhook call
// is ever accepted.
import { createKeytarSecretStore } from '../main/secrets'
import { createTreasury } from '../main/treasury'
import { ADDRESS_A, USDC_ETH } from './automation'

interface ChildInput {
  readonly dataDir: string
  readonly service: string
  readonly webhookUrl: string
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2]!) as ChildInput
  const treasury = createTreasury({
    dataDir: input.dataDir,
    secrets: createKeytarSecretStore({ service: input.service }),
    automation: { timings: { tickMs: 50, webhooks: { firstRetryMs: 1_000, maxRetryMs: 1_000, timeoutMs: 2_000 } } }
  })
  const { secret } = await treasury.addWebhook({ url: input.webhookUrl })
  const payout = await treasury.createPayout({
    kind: 'single',
    assetId: USDC_ETH,
    description: 'Bonus, paid by the HR system',
    recipients: [{ address: ADDRESS_A, amount: '250' }]
  })
  process.stdout.write(`${JSON.stringify({ secret, payoutId: payout.id })}\n`)
  setInterval(() => undefined, 1_000)
}

void main()
