// Runs in: main (plain Node, Vitest).
// Specification of choosing where secrets live: the real OS keychain when it works, otherwise this
// session's memory with a notice for the user, and never a file on disk.

import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { keychainUnavailableMessage, openSecretStore } from './openSecretStore'
import { SECRET_BACKEND, SECRET_ERROR } from './secretStore'
import { clearTestKeychain, detectTestKeychain } from './testKeychain'

const keychain = await detectTestKeychain()
if (!keychain.reachable && !keychain.required) {
  console.warn(`[secrets] real-keychain tests skipped: ${keychain.reason}`)
}
const tempDirs: string[] = []
afterAll(async () => {
  await clearTestKeychain(keychain)
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

const SECRET_URL = 'https://eth-mainnet.g.alchemy.com/v2/Xq3vJ-abcdEFGH1234ijklMNOP5678qr'

describe('openSecretStore', () => {
  it.skipIf(!keychain.reachable)('uses the OS keychain, with no notice, when a Secret Service answers', async () => {
    const selection = await openSecretStore({ service: keychain.store.service })
    expect(selection.store.kind).toBe(SECRET_BACKEND.osKeychain)
    expect(selection.notice).toBeNull()
    await selection.store.set('rpc-endpoint:selected', SECRET_URL)
    expect(await keychain.store.get('rpc-endpoint:selected')).toBe(SECRET_URL)
  })

  it('falls back to this session only, and says so, when the keychain cannot be loaded', async () => {
    const selection = await openSecretStore({
      load: () => {
        throw new Error('The module was compiled against a different Node.js version (NODE_MODULE_VERSION 127)')
      }
    })
    expect(selection.store.kind).toBe(SECRET_BACKEND.sessionOnly)
    expect(selection.notice?.code).toBe(SECRET_ERROR.keychainUnavailable)
    expect(selection.notice?.message).toBe(keychainUnavailableMessage(selection.notice?.reason ?? ''))
    expect(selection.notice?.message).toMatch(
      /^No OS keychain is available \(the keychain library could not be loaded: .*\(NODE_MODULE_VERSION 127\)\); RPC keys are kept for this session only and must be entered again after restart\.$/
    )
    await selection.store.set('rpc-endpoint:session', SECRET_URL)
    expect(await selection.store.get('rpc-endpoint:session')).toBe(SECRET_URL)
  })

  it('a session-only store forgets everything when the process ends: a new one starts empty', async () => {
    const broken = {
      load: () => {
        throw new Error('no keytar')
      }
    }
    const first = await openSecretStore(broken)
    await first.store.set('rpc-endpoint:gone', SECRET_URL)
    const second = await openSecretStore(broken)
    expect(await second.store.get('rpc-endpoint:gone')).toBeNull()
    expect(await second.store.keys()).toEqual([])
  })

  it.runIf(process.platform === 'linux')(
    'a real process whose D-Bus session is unreachable falls back to session-only and writes the secret nowhere on disk',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'treasury-nobus-'))
      tempDirs.push(dir)
      const script = join(dir, 'open.mts')
      const moduleUrl = pathToFileURL(resolve(import.meta.dirname, 'openSecretStore.ts')).href
      writeFileSync(
        script,
        [
          `import { openSecretStore } from ${JSON.stringify(moduleUrl)}`,
          `const selection = await openSecretStore({ service: 'Treasury-test-nobus', timeoutMs: 20000 })`,
          // The secret arrives through the environment so that no file in the directory holds it.
          `const secret = process.env.TREASURY_TEST_SECRET ?? ''`,
          `await selection.store.set('rpc-endpoint:nobus', secret)`,
          `const readBack = await selection.store.get('rpc-endpoint:nobus')`,
          `console.log(JSON.stringify({ kind: selection.store.kind, notice: selection.notice, readBackMatches: readBack === secret && secret !== '' }))`
        ].join('\n')
      )
      const tsx = resolve(import.meta.dirname, '../../../node_modules/.bin/tsx')
      const child = spawnSync(tsx, [script], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: dir,
          XDG_DATA_HOME: join(dir, 'data'),
          XDG_CONFIG_HOME: join(dir, 'config'),
          XDG_CACHE_HOME: join(dir, 'cache'),
          DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-such-bus')}`,
          TREASURY_TEST_SECRET: SECRET_URL
        }
      })
      expect(child.status, child.stderr).toBe(0)
      const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
        kind: string
        notice: { code: string; message: string } | null
        readBackMatches: boolean
      }
      expect(result.kind).toBe(SECRET_BACKEND.sessionOnly)
      expect(result.readBackMatches).toBe(true)
      expect(result.notice?.code).toBe(SECRET_ERROR.keychainUnavailable)
      expect(result.notice?.message).toMatch(
        /^No OS keychain is available \(the Secret Service could not be reached over D-Bus: .+\); RPC keys are kept for this session only/
      )
      expect(`${child.stdout}${child.stderr}`).not.toContain('Xq3vJ-abcdEFGH1234ijklMNOP5678qr')
      for (const file of filesUnder(dir)) {
        expect(readFileSync(file).includes('Xq3vJ-abcdEFGH1234ijklMNOP5678qr'), file).toBe(false)
      }
    }
  )
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}
