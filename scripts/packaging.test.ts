// Runs in: plain Node (Vitest), on any machine: no Electron binary and no network needed.
// Specification of the installer configuration: electron-builder.yml passes electron-builder's own
// schema, every file it names exists, native modules are rebuilt and unpacked, the afterPack hook
// really flips each fuse on a binary, and the Linux udev rules and macOS entitlements say what they must.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import type { Configuration } from 'electron-builder'
import { minimatch } from 'minimatch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeElectronBinary } from '../src/test/standInElectron'

const ROOT = resolve(import.meta.dirname, '..')
const requireHere = createRequire(import.meta.url)
const NATIVE_MODULES = ['better-sqlite3', 'keytar', 'node-hid'] as const
const LEDGER_VENDOR_ID = '2c97'

interface ConfigLoader {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>
  validateConfiguration(
    config: Configuration,
    debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }
  ): Promise<void>
}

interface HookContext {
  appOutDir: string
  electronPlatformName: string
  arch: number
  packager: { appInfo: { productFilename: string }; executableName: string }
}
interface AfterPackModule {
  afterPack(context: HookContext): Promise<void>
  FUSE_SETTINGS: Readonly<Record<string, boolean>>
  ARCH: Readonly<Record<string, number>>
  electronBinaryPath(context: HookContext): string
  buildFuseConfig(context: HookContext, fusesModule: unknown): Record<string, unknown>
}

// electron-builder's own loader: the same lookup (package.json "build" first, then
// electron-builder.yml) and the same JSON-schema validation the real build runs.
const loader = requireHere('app-builder-lib/out/util/config/config.js') as ConfigLoader
const hooks = requireHere('./afterPack.cjs') as AfterPackModule
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string
  productName: string
  build?: unknown
}

let config: Configuration
beforeAll(async () => {
  config = await loader.getConfig(ROOT, null, null)
})

const tempDirs: string[] = []
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

const rootPath = (path: string): string => resolve(ROOT, path)
const asList = <T>(value: T | readonly T[] | null | undefined): T[] =>
  value === null || value === undefined ? [] : Array.isArray(value) ? [...(value as T[])] : [value as T]
/** The `files` patterns, flattened: electron-builder's loader wraps the YAML list in a FileSet. */
const filePatterns = (): string[] =>
  asList(config.files).flatMap((entry) => (typeof entry === 'string' ? [entry] : asList(entry.filter)))

describe('electron-builder.yml', () => {
  it('is the configuration electron-builder finds, and package.json has no "build" key to shadow it', () => {
    expect(packageJson.build).toBeUndefined()
    expect(config.appId).toBe('com.treasury.desktop')
  })

  it("passes electron-builder's own configuration schema", async () => {
    await expect(
      loader.validateConfiguration(config, { isEnabled: false, add: () => undefined })
    ).resolves.toBeUndefined()
  })

  it('a misspelt option would be caught by that schema (the check is not a no-op)', async () => {
    const broken = { ...config, mac: { ...config.mac, hardenedRuntim: true } } as Configuration
    await expect(loader.validateConfiguration(broken, { isEnabled: false, add: () => undefined })).rejects.toThrow(
      /configuration/i
    )
  })

  it('names the product as package.json does, with a reverse-DNS app id that contains the package name', () => {
    expect(config.productName).toBe(packageJson.productName)
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/)
    expect(config.appId?.split('.')).toContain(packageJson.name)
  })

  it('packs only the built app and package.json, into dist/, and never publishes as a side effect', () => {
    const files = filePatterns()
    expect(files).toEqual(expect.arrayContaining(['out/**', 'package.json']))
    expect(files.filter((f) => !f.startsWith('!'))).toEqual(['out/**', 'package.json'])
    expect(config.directories?.output).toBe('dist')
    expect(config.publish).toBeNull()
  })

  it('fails the build, rather than warn, when a production dependency cannot be found to pack', () => {
    expect(config.allowMissingDependencies).toBe(false)
  })

  it('names only files and folders that exist', () => {
    const named: string[] = [
      String(config.afterPack),
      config.directories?.buildResources ?? 'build',
      String(config.linux?.icon),
      String(config.mac?.icon),
      String(config.win?.icon),
      String(config.mac?.entitlements),
      String(config.mac?.entitlementsInherit),
      ...[config.linux, config.mac, config.win].flatMap((platform) =>
        asList(platform?.extraResources).map((r) => (typeof r === 'string' ? r : (r.from ?? '')))
      ),
      ...asList(config.deb?.fpm).map((arg) => arg.split('=')[0] ?? '')
    ]
    for (const path of named) expect(existsSync(rootPath(path)), `${path} is named in electron-builder.yml`).toBe(true)
  })

  it('builds AppImage and .deb in the Finance category, a hardened-runtime dmg, and an NSIS installer', () => {
    expect(asList(config.linux?.target)).toEqual(['AppImage', 'deb'])
    expect(config.linux?.category).toBe('Finance')
    expect(asList(config.mac?.target).map((t) => (typeof t === 'string' ? t : t.target))).toEqual(['dmg'])
    expect(config.mac?.hardenedRuntime).toBe(true)
    expect(asList(config.win?.target).map((t) => (typeof t === 'string' ? t : t.target))).toEqual(['nsis'])
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false)
  })

  it('offers Treasury for .csv and .xlsx on macOS and Linux without taking the default', () => {
    const mac = asList(config.mac?.fileAssociations)
    expect(mac.map((a) => a.ext)).toEqual(['csv', 'xlsx'])
    for (const association of mac) {
      expect(association.role).toBe('Viewer')
      expect(association.rank).toBe('Alternate')
    }
    expect(asList(config.linux?.fileAssociations).map((a) => a.mimeType)).toEqual([
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    ])
    expect(config.fileAssociations).toBeUndefined()
    expect(config.win?.fileAssociations).toBeUndefined()
  })
})

describe('native modules', () => {
  const nativeFiles = NATIVE_MODULES.flatMap((name) =>
    readdirSync(join(ROOT, 'node_modules', name, 'build', 'Release'))
      .filter((file) => file.endsWith('.node'))
      .map((file) => `node_modules/${name}/build/Release/${file}`)
  )

  it('are rebuilt for Electron by the packaging run', () => {
    expect(config.npmRebuild).toBe(true)
    expect(config.asar).toBe(true)
    expect(config.disableAsarIntegrity).toBeUndefined()
  })

  it('every compiled .node file of better-sqlite3, keytar and node-hid is unpacked from the ASAR', () => {
    const patterns = asList(config.asarUnpack) as string[]
    expect(nativeFiles.length).toBeGreaterThanOrEqual(NATIVE_MODULES.length)
    for (const file of nativeFiles)
      expect(
        patterns.some((p) => minimatch(file, p, { dot: true })),
        file
      ).toBe(true)
    for (const name of NATIVE_MODULES) expect(patterns).toContain(`**/node_modules/${name}/**`)
  })

  it('every direct dependency with a native build is listed for unpacking', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
    }
    const native = Object.keys(manifest.dependencies).filter((dep) =>
      existsSync(join(ROOT, 'node_modules', dep, 'binding.gyp'))
    )
    expect(native).toEqual(expect.arrayContaining(['better-sqlite3', 'keytar']))
    for (const dep of native) expect(config.asarUnpack).toContain(`**/node_modules/${dep}/**`)
  })

  it('the size exclusions never drop a compiled module or a module entry point', () => {
    const exclusions = filePatterns()
      .filter((f) => f.startsWith('!'))
      .map((f) => f.slice(1))
    const entries = NATIVE_MODULES.map((name) => {
      const main =
        (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { main?: string })
          .main ?? 'index.js'
      return join('node_modules', name, main)
    })
    for (const file of [...nativeFiles, ...entries]) {
      expect(
        exclusions.some((pattern) => minimatch(file, pattern, { dot: true })),
        file
      ).toBe(false)
    }
  })
})

describe('fuses (scripts/afterPack.cjs)', () => {
  it('requires exactly: RunAsNode, NODE_OPTIONS, inspect and file:// privileges off; ASAR integrity, ASAR-only and cookie encryption on', () => {
    expect(hooks.FUSE_SETTINGS).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
      GrantFileProtocolExtraPrivileges: false
    })
  })

  it('is the afterPack hook electron-builder loads, under the name it looks up', () => {
    expect(rootPath(String(config.afterPack))).toBe(join(ROOT, 'scripts', 'afterPack.cjs'))
    expect(typeof hooks.afterPack).toBe('function')
  })

  it('targets the packaged binary of each platform', () => {
    const context = (platform: string): HookContext => ({
      appOutDir: '/out',
      electronPlatformName: platform,
      arch: hooks.ARCH.x64!,
      packager: { appInfo: { productFilename: 'Treasury' }, executableName: 'treasury' }
    })
    expect(hooks.electronBinaryPath(context('linux'))).toBe(join('/out', 'treasury'))
    expect(hooks.electronBinaryPath(context('win32'))).toBe(join('/out', 'Treasury.exe'))
    expect(hooks.electronBinaryPath(context('darwin'))).toBe(join('/out', 'Treasury.app'))
    expect(() => hooks.electronBinaryPath(context('freebsd'))).toThrow(/no fuse target/)
  })

  it('re-signs ad hoc only for Apple silicon and universal macOS builds', async () => {
    const fusesModule: unknown = await import('@electron/fuses')
    const config = (platform: string, arch: number): Record<string, unknown> =>
      hooks.buildFuseConfig(
        {
          appOutDir: '/out',
          electronPlatformName: platform,
          arch,
          packager: { appInfo: { productFilename: 'T' }, executableName: 't' }
        },
        fusesModule
      )
    expect(config('darwin', hooks.ARCH.arm64!).resetAdHocDarwinSignature).toBe(true)
    expect(config('darwin', hooks.ARCH.universal!).resetAdHocDarwinSignature).toBe(true)
    expect(config('darwin', hooks.ARCH.x64!).resetAdHocDarwinSignature).toBe(false)
    expect(config('linux', hooks.ARCH.arm64!).resetAdHocDarwinSignature).toBe(false)
    expect(config('linux', hooks.ARCH.x64!)[FuseV1Options.RunAsNode]).toBe(false)
  })

  it.each([
    ['linux', 'treasury'],
    ['win32', 'Treasury.exe'],
    ['darwin', join('Treasury.app', 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework')]
  ])(
    'flips every required fuse in a %s binary and leaves the others as Electron shipped them',
    async (platform, fuseFile) => {
      const appOutDir = mkdtempSync(join(tmpdir(), 'treasury-fuses-'))
      tempDirs.push(appOutDir)
      const binary = join(appOutDir, fuseFile)
      mkdirSync(resolve(binary, '..'), { recursive: true })
      writeFileSync(binary, fakeElectronBinary())
      await hooks.afterPack({
        appOutDir,
        electronPlatformName: platform,
        arch: hooks.ARCH.x64!,
        packager: { appInfo: { productFilename: 'Treasury' }, executableName: 'treasury' }
      })
      const wire = await getCurrentFuseWire(platform === 'darwin' ? join(appOutDir, 'Treasury.app') : binary)
      expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE)
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE)
      expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE)
      expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE)
    }
  )

  it('fails the build when a binary has no fuse wire, instead of shipping it unfused', async () => {
    const appOutDir = mkdtempSync(join(tmpdir(), 'treasury-nofuses-'))
    tempDirs.push(appOutDir)
    writeFileSync(join(appOutDir, 'treasury'), Buffer.from('not an electron binary'))
    await expect(
      hooks.afterPack({
        appOutDir,
        electronPlatformName: 'linux',
        arch: hooks.ARCH.x64!,
        packager: { appInfo: { productFilename: 'Treasury' }, executableName: 'treasury' }
      })
    ).rejects.toThrow(/sentinel/)
  })
})

describe('Linux udev rules for the Ledger', () => {
  const rulesFile = 'resources/udev/20-ledger.rules'
  const rules = readFileSync(rootPath(rulesFile), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))

  it('grants the logged-in user access to Ledger devices (vendor 2c97) over hidraw and raw USB, never to everyone', () => {
    expect(rules.length).toBe(2)
    for (const rule of rules) {
      expect(rule).toContain(`ATTRS{idVendor}=="${LEDGER_VENDOR_ID}"`)
      expect(rule).toContain('TAG+="uaccess"')
      expect(rule).toMatch(/MODE="0660"/)
      expect(rule).not.toMatch(/MODE="0?66[6-7]"/)
    }
    expect(rules.some((r) => r.includes('SUBSYSTEM=="hidraw"') && r.includes('KERNEL=="hidraw*"'))).toBe(true)
    expect(rules.some((r) => r.includes('SUBSYSTEM=="usb"'))).toBe(true)
  })

  it('sorts before 73-seat-late.rules, where uaccess is applied', () => {
    expect(Number(/^(\d+)-/.exec('20-ledger.rules')?.[1])).toBeLessThan(73)
  })

  it('is installed system-wide by the .deb and shipped inside every Linux package', () => {
    expect(asList(config.deb?.fpm)).toContain(`${rulesFile}=/usr/lib/udev/rules.d/20-ledger.rules`)
    expect(asList(config.linux?.extraResources)).toContainEqual({
      from: 'resources/udev',
      to: 'udev',
      filter: ['*.rules']
    })
  })

  it('is documented with install instructions', () => {
    const docs = readFileSync(rootPath('docs/packaging.md'), 'utf8')
    expect(docs).toContain('20-ledger.rules')
    expect(docs).toContain('udevadm control --reload-rules')
    expect(docs).toContain('npm run dist')
  })
})

describe('the treasury command', () => {
  const launcher = readFileSync(rootPath('resources/bin/treasury'), 'utf8')
  const windowsLauncher = readFileSync(rootPath('resources/bin/treasury.cmd'), 'utf8')

  it('ships its launcher in resources/bin of every package', () => {
    const shipped = (filter: string) => ({ from: 'resources/bin', to: 'bin', filter: [filter] })
    expect(asList(config.linux?.extraResources)).toContainEqual(shipped('treasury'))
    expect(asList(config.mac?.extraResources)).toContainEqual(shipped('treasury'))
    expect(asList(config.win?.extraResources)).toContainEqual(shipped('treasury.cmd'))
  })

  it('is executable on Linux and macOS, in the repository as on disk', () => {
    const staged = spawnSync('git', ['ls-files', '--stage', 'resources/bin/treasury'], { cwd: ROOT, encoding: 'utf8' })
    expect(staged.stdout.split(' ')[0]).toBe('100755')
    expect(statSync(rootPath('resources/bin/treasury')).mode & 0o111).toBe(0o111)
  })

  it('starts the binary each package installs, under its packaged name, with --cli and never RunAsNode', () => {
    expect(launcher).toContain(`"$resources/../MacOS/${packageJson.productName}" --cli "$@"`)
    expect(launcher).toContain(`"$resources/../${String(config.linux?.executableName)}" --ozone-platform=headless`)
    expect(windowsLauncher).toContain(`%~dp0..\\..\\${packageJson.productName}.exe`)
    expect(windowsLauncher).toContain('--cli %*')
    expect(windowsLauncher).toContain('exit /b %ERRORLEVEL%')
    for (const text of [launcher, windowsLauncher]) expect(text).not.toContain('ELECTRON_RUN_AS_NODE')
  })

  it('has Windows line endings in the batch file, which cmd.exe needs', () => {
    expect(windowsLauncher.split('\r\n').length).toBe(windowsLauncher.split('\n').length)
  })
})

describe('macOS entitlements', () => {
  const plist = readFileSync(rootPath('build/entitlements.mac.plist'), 'utf8')
  const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1])

  it('grant USB device access and JIT, and nothing that weakens the hardened runtime further', () => {
    expect(granted).toEqual(
      expect.arrayContaining(['com.apple.security.device.usb', 'com.apple.security.cs.allow-jit'])
    )
    expect(granted).not.toContain('com.apple.security.cs.allow-unsigned-executable-memory')
    expect(granted).not.toContain('com.apple.security.cs.disable-library-validation')
    expect(granted).not.toContain('com.apple.security.cs.allow-dyld-environment-variables')
    expect(granted).not.toContain('com.apple.security.get-task-allow')
  })

  it('is a well-formed property list with only true-valued keys', () => {
    expect(plist).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/)
    expect((plist.match(/<key>/g) ?? []).length).toBe(granted.length)
    expect(plist.trim().endsWith('</plist>')).toBe(true)
  })
})

describe('app icon', () => {
  it('is a 512x512 RGBA PNG with valid chunk checksums', () => {
    const png = readFileSync(rootPath('resources/icons/icon.png'))
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
    expect(png.readUInt32BE(16)).toBe(512)
    expect(png.readUInt32BE(20)).toBe(512)
    expect(png[25]).toBe(6)
    const chunks = pngChunks(png)
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND'])
    expect(chunks.every((c) => c.crcOk)).toBe(true)
  })

  it('icon.png and icon.svg are exactly what resources/icons/renderIcon.mjs draws', () => {
    const script = pathToFileURL(rootPath('resources/icons/renderIcon.mjs')).href
    const child = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { renderSvg, rasterise, encodePng, SIZE } from ${JSON.stringify(script)}; process.stdout.write(JSON.stringify({ svg: renderSvg(), png: encodePng(rasterise(SIZE), SIZE).toString('base64') }))`
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }
    )
    expect(child.status, child.stderr).toBe(0)
    const drawn = JSON.parse(child.stdout) as { svg: string; png: string }
    expect(drawn.svg).toBe(readFileSync(rootPath('resources/icons/icon.svg'), 'utf8'))
    expect(drawn.png).toBe(readFileSync(rootPath('resources/icons/icon.png')).toString('base64'))
  })
})

function pngChunks(png: Buffer): Array<{ type: string; crcOk: boolean }> {
  const chunks: Array<{ type: string; crcOk: boolean }> = []
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset)
    const typeAndData = png.subarray(offset + 4, offset + 8 + length)
    chunks.push({
      type: typeAndData.subarray(0, 4).toString('ascii'),
      crcOk: crc32(typeAndData) === png.readUInt32BE(offset + 8 + length)
    })
    offset += 12 + length
  }
  return chunks
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const byte of bytes) {
    c ^= byte
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  }
  return (c ^ 0xffffffff) >>> 0
}
