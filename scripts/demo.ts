// `npm run demo`: the whole app with no device and no real funds. A local chain on loopback with
// the batch contract and a test stablecoin (TUSD) deployed, the emulated Ledger funded, a sample
// registry ready to import and a draft made from it. In Electron where its binary exists,
// otherwise in a browser tab served on 127.0.0.1. Labelled DEMO everywhere it shows.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createDemoTreasury, DEMO_CHAIN_ID } from '../src/main/demo'
import type { Treasury } from '../src/main/treasury'
import { startDevNetwork } from '../src/test/devNetwork'
import { electronBinary } from '../e2e/harness/electronBinary'
import { startHarnessServer } from '../e2e/harness/server'
import { RENDERER_DIR } from '../e2e/harness/launch'

const SAMPLE = resolve('resources/demo/sample-registry.csv')

async function seedDraft(t: Treasury): Promise<void> {
  const tusd = (await t.listAssets({ chainId: DEMO_CHAIN_ID })).find((a) => a.symbol === 'TUSD')
  if (tusd === undefined) throw new Error('The catalogue has no TUSD on the development network')
  const preview = await t.previewRegistry({
    fileName: 'sample-registry.csv',
    contentBase64: readFileSync(SAMPLE).toString('base64'),
    assetId: tusd.id
  })
  await t.createPayout({
    kind: 'mass',
    assetId: tusd.id,
    description: 'Demo: November affiliate rewards',
    recipients: preview.rows.map((r) => ({
      address: r.address,
      amount: r.amount,
      name: r.name,
      reference: r.reference,
      note: r.note
    }))
  })
}

async function main(): Promise<void> {
  console.log('Starting a local chain and deploying the demo contracts…')
  const net = await startDevNetwork()
  const dataDir = process.env.TREASURY_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'treasury-demo-'))
  const stops: Array<() => Promise<void>> = [() => net.stop()]
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s().catch(() => undefined)
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())

  console.log(`Demo chain: ${net.node.url} (chain ${DEMO_CHAIN_ID}). Data folder: ${dataDir}`)
  console.log(`Sample registry to import: ${SAMPLE}`)
  const binary = electronBinary()
  if (binary.path !== null) {
    // Seed the draft with a short-lived Treasury, then hand the data folder to the Electron app.
    const seeding = await createDemoTreasury({
      dataDir,
      rpcUrl: net.node.url,
      openTransport: () => net.emulator.openTransport()
    })
    await seedDraft(seeding)
    await seeding.close()
    const child = spawn(binary.path, ['.'], {
      stdio: 'inherit',
      env: { ...process.env, TREASURY_DEMO: '1', TREASURY_DEMO_RPC_URL: net.node.url, TREASURY_DATA_DIR: dataDir }
    })
    child.on('exit', () => void stop())
    return
  }
  const treasury = await createDemoTreasury({
    dataDir,
    rpcUrl: net.node.url,
    openTransport: () => net.emulator.openTransport()
  })
  await seedDraft(treasury)
  const server = await startHarnessServer({
    treasury,
    rendererDir: RENDERER_DIR,
    port: process.env.PORT === undefined ? 0 : Number.parseInt(process.env.PORT, 10)
  })
  stops.push(
    () => treasury.close(),
    () => server.close()
  )
  console.log(`\nElectron is not available here (${binary.reason}).`)
  console.log(`Open the DEMO in your browser: ${server.url}?demo=1#/payouts`)
  console.log('The emulated Ledger approves every request. Press Ctrl+C to stop.')
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
