import { afterAll, describe, expect, it } from 'vitest'
import { createTreasury } from '../main/treasury'
import { createSessionSecretStore } from '../main/secrets'
import { startDevNetwork, FUNDED_PATHS, type DevNetwork } from './devNetwork'
import { tempDir } from './tempDir'
import { submitAcknowledged } from './submit'

let net: DevNetwork | null = null
afterAll(async () => {
  await net?.stop()
})

describe('the local development network (demo and e2e)', () => {
  it('pays a TUSD mass payout through createTreasury with the emulated Ledger, ending completed', async () => {
    net = await startDevNetwork()
    const t = createTreasury({
      dataDir: tempDir(),
      secrets: createSessionSecretStore(),
      ledger: { openTransport: () => net!.emulator.openTransport() },
      pollIntervalMs: 100
    })
    await t.updateSettings({ confirmations: 1 })
    expect(await t.setEndpoint({ chainId: 31337, url: net.node.url })).toMatchObject({ source: 'custom' })
    expect((await t.checkEndpoint({ chainId: 31337 })).online).toBe(true)
    const assets = await t.listAssets({ chainId: 31337 })
    const tusd = assets.find((a) => a.symbol === 'TUSD')!
    const recipients = [
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
      '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB'
    ]
    const draft = await t.createPayout({
      kind: 'mass',
      assetId: tusd.id,
      description: 'demo',
      recipients: recipients.map((address, i) => ({ address, amount: `${i + 1}.5` }))
    })
    await submitAcknowledged(t, draft.id)
    const quote = await t.quotePayout({ id: draft.id, accountPath: FUNDED_PATHS[0] })
    expect(quote.proposed).not.toBeNull()
    const result = await t.executePayout({ id: draft.id, accountPath: FUNDED_PATHS[0], plan: quote.proposed! })
    expect(result.stopped).toBeNull()
    let status = ''
    for (let i = 0; i < 100 && status !== 'completed'; i++) {
      status = (await t.getPayout({ id: draft.id })).status
      if (status !== 'completed') await new Promise((r) => setTimeout(r, 100))
    }
    expect(status).toBe('completed')
    for (const [i, address] of recipients.entries())
      expect(await net.chain.tokenBalance(address)).toBe(BigInt(i + 1) * 1_000_000n + 500_000n)

    // The auditor's report: recipients with transaction and block, transactions with fees, a summary.
    const XLSX = await import('@e965/xlsx')
    const report = await t.exportPayoutReport({ id: draft.id, format: 'xlsx' })
    const wb = XLSX.read(Buffer.from(report.contentBase64, 'base64'), { type: 'buffer' })
    expect(wb.SheetNames).toEqual(['Summary', 'Recipients', 'Transactions', 'Approvals'])
    const sheet = (name: string) => XLSX.utils.sheet_to_json<string[]>(wb.Sheets[name]!, { header: 1, raw: false })
    const recipientsSheet = sheet('Recipients')
    // Amounts are number cells shown to the asset's six decimals, with the exact base units beside them.
    expect(recipientsSheet.slice(1).map((r) => [r[1], r[4], r[5], r[7]])).toEqual(
      recipients.map((a, i) => [a, `${i + 1}.500000`, String((i + 1) * 1_000_000 + 500_000), 'paid'])
    )
    for (const r of recipientsSheet.slice(1)) expect(r[9]).toMatch(/^[0-9]+$/)
    const txSheet = sheet('Transactions')
    expect(txSheet.length).toBeGreaterThanOrEqual(2)
    for (const r of txSheet.slice(1)) expect(r[6]).toMatch(/^0\.[0-9]+$/)
    expect(sheet('Summary').find((r) => r[0] === 'total')?.[1]).toBe('7.500000')
    const csv = Buffer.from(
      (await t.exportPayoutReport({ id: draft.id, format: 'csv' })).contentBase64,
      'base64'
    ).toString('utf8')
    expect(
      csv.startsWith(
        '\ufeffrow,address,name,reference,amount,amount_base_units,currency,status,tx_hash,block,failure,category,cost_center,'
      )
    ).toBe(true)
    await t.close()
  })
})

describe('stuck transactions on the local network', () => {
  it('speeds up a payment that is not mined: the replacement pays, the original is marked replaced', async () => {
    const network = await startDevNetwork()
    const rpc = (method: string, params: unknown[] = []) =>
      fetch(network.node.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })
      }).then((r) => r.json() as Promise<{ result: string }>)
    const t = createTreasury({
      dataDir: tempDir(),
      secrets: createSessionSecretStore(),
      ledger: { openTransport: () => network.emulator.openTransport() },
      pollIntervalMs: 100
    })
    try {
      await t.updateSettings({ confirmations: 1 })
      await t.setEndpoint({ chainId: 31337, url: network.node.url })
      const recipient = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'
      const d = await t.createPayout({
        kind: 'single',
        assetId: '31337:native',
        description: 'stuck',
        recipients: [{ address: recipient, amount: '0.25' }]
      })
      await submitAcknowledged(t, d.id)
      await rpc('evm_setAutomine', [false])
      const sent = await t.executePayout({ id: d.id, accountPath: FUNDED_PATHS[1], plan: 'per_recipient' })
      const [original] = await t.listPayoutTransactions({ id: d.id })
      expect(original).toMatchObject({ hash: sent.signed[0], state: 'broadcast', purpose: 'payment' })
      const faster = await t.replaceTransaction({
        id: d.id,
        hash: original!.hash,
        kind: 'speed_up',
        accountPath: FUNDED_PATHS[1]
      })
      expect(faster.hash).not.toBe(original!.hash)
      await rpc('evm_mine')
      let status = ''
      for (let i = 0; i < 100 && status !== 'completed'; i++) {
        status = (await t.getPayout({ id: d.id })).status
        if (status !== 'completed') await new Promise((r) => setTimeout(r, 100))
      }
      expect(status).toBe('completed')
      const txs = await t.listPayoutTransactions({ id: d.id })
      expect(txs.map((x) => [x.hash, x.state])).toEqual([
        [original!.hash, 'replaced'],
        [faster.hash, 'confirmed']
      ])
      expect((await t.getPayout({ id: d.id })).items[0]).toMatchObject({ status: 'paid', txHash: faster.hash })
      const balance = await rpc('eth_getBalance', [recipient, 'latest'])
      expect(BigInt(balance.result)).toBe(250_000_000_000_000_000n)
    } finally {
      await t.close()
      await network.stop()
    }
  })
})
