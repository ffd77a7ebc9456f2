// Exchanges of the Ethereum app with the Speculos default seed, replayed against the emulator:
// recorded from the real app (public sources named in each file), or, where no public recording
// exists, the commands hw-app-eth sends with the answers computed independently (the file says
// how). Every response must match byte for byte.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseApduRecording } from './apduRecording'
import { createLedgerEmulator } from './emulator'

const dir = join(__dirname, 'recordings')
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.apdus'))
  .sort()

describe('public Speculos recordings replayed against the emulator', () => {
  it('there are recordings for every command the app uses', () => {
    const ins = new Set(
      files.flatMap((f) => parseApduRecording(readFileSync(join(dir, f), 'utf8')).map((e) => e.command.slice(2, 4)))
    )
    expect([...ins].sort()).toEqual(['02', '04', '08', '0a', '0c', '1a', '1c'])
  })

  for (const file of files) {
    it(`${file} matches byte for byte`, async () => {
      const exchanges = parseApduRecording(readFileSync(join(dir, file), 'utf8'))
      expect(exchanges.length).toBeGreaterThan(0)
      const emulator = createLedgerEmulator()
      for (const { command, response, line } of exchanges) {
        const actual = await emulator.transport.exchange(Buffer.from(command, 'hex'))
        expect({ line, response: actual.toString('hex') }).toEqual({ line, response })
      }
    })
  }
})
