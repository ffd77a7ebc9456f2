// Runs in: plain Node (`npm run harness`). Opens the app in any local browser: createTreasury on a
// data folder, the built renderer and its bridge on 127.0.0.1, and the URL printed.
import { resolve } from 'node:path'
import { createTreasury } from '../../src/main/treasury'
import { startHarnessServer } from './server'
import { RENDERER_DIR } from './launch'

async function main(): Promise<void> {
  const dataDir = resolve(process.env.TREASURY_DATA_DIR ?? '.data/harness')
  const port = process.env.PORT === undefined ? 0 : Number.parseInt(process.env.PORT, 10)
  const treasury = createTreasury({ dataDir })
  const server = await startHarnessServer({ treasury, rendererDir: RENDERER_DIR, port })
  treasury.prepareRegistryReader()
  console.log(`Treasury is running in your browser at ${server.url}#/payouts`)
  console.log(`Data folder: ${dataDir}. Press Ctrl+C to stop.`)
  const stop = async () => {
    await server.close()
    await treasury.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

void main()
