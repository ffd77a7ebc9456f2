// Runs in: plain Node (Vitest), on any Linux machine, with no network and no Electron binary.
// Specification of the installed app's first start: electron-builder really packs Treasury
// (src/test/packagedApp.ts) and everything the built code opens at run time is where that code
// looks for it inside the package: the main bundle package.json names, the preload, the renderer
// and every asset it links, the registry worker, every module the bundles require (loaded from the
// package alone, with all they load in turn), the catalogue, the native modules beside the archive,
// and the extra resources beside the binary they start.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { join, posix, relative, sep } from 'node:path'
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { minimatch } from 'minimatch'
import { beforeAll, describe, expect, it } from 'vitest'
import { APP_ENTRY } from '../src/main/shell/appProtocol'
import { PRELOAD_FROM_MAIN, RENDERER_FROM_MAIN } from '../src/main/shell/bundleLayout'
import { BUNDLED_WORKER_FILE } from '../src/main/registry/inWorker'
import { PROJECT_ROOT } from '../src/test/builtBundle'
import { loadInPackage } from '../src/test/loadInPackage'
import { packApp, type PackedApp } from '../src/test/packagedApp'
import { STAND_IN_LICENSE } from '../src/test/standInElectron'
import { tempDir } from '../src/test/tempDir'

/** Packing takes under a minute; this only stops a hung run. */
const PACK_HOOK_TIMEOUT_MS = 5 * 60_000
const NATIVE_MODULES = ['better-sqlite3', 'keytar', 'node-hid'] as const
/** What electron-builder logs for a production dependency it leaves out of the archive. */
const UNRESOLVED_DEPENDENCY = /cannot find path for dependency|dependency not found on disk/
/** Provided by the Electron runtime itself, never packed. */
const RUNTIME_MODULES = new Set(['electron', ...builtinModules])

const workDir = tempDir('treasury-packed-')
let app: PackedApp
beforeAll(async () => {
  app = await packApp(workDir)
}, PACK_HOOK_TIMEOUT_MS)

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)).split(sep).join('/'))
/** The packed JavaScript of the main process and the preload, as paths inside the archive. */
const packedCode = (): string[] => [...app.entries.keys()].filter((p) => /^out\/(main|preload)\/.*\.js$/.test(p))
const packedText = (path: string): string => readFileSync(join(app.extractedDir, path), 'utf8')
const inArchive = (path: string): boolean => app.entries.has(posix.normalize(path))
/** Where the code in `file` finds `fromItsFolder` (a path it joins to its own __dirname). */
const besideFile = (file: string, fromItsFolder: string): string => posix.join(posix.dirname(file), fromItsFolder)
/** The packed files whose code names `literal`, the folder each resolves it against being its own. */
const filesNaming = (literal: string): string[] => packedCode().filter((p) => packedText(p).includes(`"${literal}"`))

/** Every module name a bundle requires: plain require() and createRequire(__filename)(...). */
function requiredSpecifiers(code: string): string[] {
  const found = [...code.matchAll(/require\("([^"]+)"\)|createRequire\)\(__filename\)\("([^"]+)"\)/g)]
  return [...new Set(found.map((m) => m[1] ?? m[2] ?? ''))].filter(
    (s) => !s.startsWith('node:') && !RUNTIME_MODULES.has(s)
  )
}
/** Module paths a bundle builds at run time (`pkg/dir/${id}/index`): the literal prefix and suffix. */
function templateSpecifiers(code: string): Array<{ prefix: string; suffix: string }> {
  return [...code.matchAll(/\(`((@[\w.-]+\/)?[\w.-]+)(\/[^`$]*)\$\{[^}]+\}([^`$]*)`\)/g)]
    .filter((m) => existsSync(join(PROJECT_ROOT, 'node_modules', m[1] ?? '', 'package.json')))
    .map((m) => ({ prefix: `${m[1] ?? ''}${m[3] ?? ''}`, suffix: m[4] ?? '' }))
}

/** Resolves like Node (and Electron's patched loader) from a packed file; null when it cannot. */
function resolveFrom(root: string, file: string, specifier: string): string | null {
  try {
    return createRequire(join(root, file)).resolve(specifier)
  } catch {
    return null
  }
}
/** A resolved path as a path inside the package (or the staged project): out/... or node_modules/... */
const asPackagePath = (resolved: string, root: string): string => relative(root, resolved).split(sep).join('/')

describe('the packed app (electron-builder --linux dir, stand-in Electron)', () => {
  it('starts from the main bundle its package.json names, the one electron-vite built', () => {
    const manifest = JSON.parse(packedText('package.json')) as { main: string }
    const main = posix.normalize(manifest.main)
    expect(app.entries.get(main)?.size).toBe(statSync(join(app.projectDir, main)).size)
    expect(main).toMatch(/^out\/main\//)
  })

  it('holds every file electron-vite built, at the same path and size, inside the archive', () => {
    const built = filesUnder(app.builtDir)
    expect(built.length).toBeGreaterThan(0)
    for (const file of built) {
      const entry = app.entries.get(`out/${file}`)
      expect(entry, `out/${file}`).toEqual({ size: statSync(join(app.builtDir, file)).size, unpacked: false })
    }
  })

  it('has the preload where the main bundle points the window at it', () => {
    const naming = filesNaming(PRELOAD_FROM_MAIN)
    expect(naming.length).toBeGreaterThan(0)
    for (const file of naming) expect(inArchive(besideFile(file, PRELOAD_FROM_MAIN)), file).toBe(true)
  })

  it('has the page the app:// protocol serves, and every script, style and chunk it loads', () => {
    const naming = filesNaming(RENDERER_FROM_MAIN)
    expect(naming.length).toBeGreaterThan(0)
    for (const file of naming) {
      const rendererDir = besideFile(file, RENDERER_FROM_MAIN)
      const page = posix.join(rendererDir, APP_ENTRY)
      expect(inArchive(page), page).toBe(true)
      const linked = [...packedText(page).matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((m) => m[1] ?? '')
      expect(linked.length).toBeGreaterThan(0)
      const scripts = [...app.entries.keys()].filter((p) => p.startsWith(`${rendererDir}/`) && p.endsWith('.js'))
      const imported = scripts.flatMap((script) =>
        [...packedText(script).matchAll(/"(\.\/[^"]+\.js)"/g)].map((m) => besideFile(script, m[1] ?? ''))
      )
      for (const path of [...linked.map((l) => posix.join(rendererDir, l)), ...imported])
        expect(inArchive(path), path).toBe(true)
    }
  })

  it('has the registry worker beside the code that starts it', () => {
    const naming = filesNaming(BUNDLED_WORKER_FILE)
    expect(naming.length).toBeGreaterThan(0)
    for (const file of naming) expect(inArchive(besideFile(file, BUNDLED_WORKER_FILE)), file).toBe(true)
  })

  it('resolves every module the main, worker and preload bundles require, inside the package, as in development', () => {
    const checked: string[] = []
    for (const file of packedCode()) {
      for (const specifier of requiredSpecifiers(packedText(file))) {
        const packed = resolveFrom(app.extractedDir, file, specifier)
        const dev = resolveFrom(app.projectDir, file, specifier)
        expect(packed, `${specifier} from ${file}`).not.toBeNull()
        expect(packed?.startsWith(app.extractedDir + sep), `${specifier} from ${file}`).toBe(true)
        expect(asPackagePath(packed ?? '', app.extractedDir)).toBe(asPackagePath(dev ?? '', app.projectDir))
        checked.push(specifier)
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['better-sqlite3', 'keytar', '@ledgerhq/hw-transport-node-hid']))
  })

  it('electron-builder found every production dependency on disk, in the real node_modules layout', () => {
    expect(app.log).toContain('searching for node modules')
    expect(app.log).not.toMatch(UNRESOLVED_DEPENDENCY)
  })

  it('loads every package the bundles require, and all they require in turn, from inside the package alone', async () => {
    const requests = packedCode().flatMap((from) =>
      requiredSpecifiers(packedText(from))
        .filter((specifier) => !specifier.startsWith('.'))
        .map((specifier) => ({ from, specifier }))
    )
    expect(requests.map((r) => r.specifier)).toEqual(
      expect.arrayContaining(['better-sqlite3', 'keytar', '@ledgerhq/hw-app-eth', '@ledgerhq/hw-transport-node-hid'])
    )
    const report = await loadInPackage(app.extractedDir, requests)
    expect(report.failures).toEqual([])
    const fromPackages = report.loadedFiles.filter((file) => file.includes(`${sep}node_modules${sep}`))
    expect(fromPackages.length).toBeGreaterThan(requests.length)
    for (const file of report.loadedFiles) expect(file.startsWith(app.extractedDir + sep), file).toBe(true)
  })

  it('packs every file a bundle names by a run-time path (the Ledger signature data per chain)', () => {
    const templates = packedCode().flatMap((file) => templateSpecifiers(packedText(file)).map((t) => ({ file, ...t })))
    expect(templates.length).toBeGreaterThan(0)
    for (const { file, prefix, suffix } of templates) {
      const specifiers = readdirSync(join(PROJECT_ROOT, 'node_modules', prefix))
        .map((id) => `${prefix}${id}${suffix}`)
        .filter((specifier) => resolveFrom(app.projectDir, file, specifier) !== null)
      expect(specifiers.length, prefix).toBeGreaterThan(0)
      for (const specifier of specifiers)
        expect(resolveFrom(app.extractedDir, file, specifier), specifier).not.toBeNull()
    }
  })

  it('carries the network catalogue inside the main bundle, needing no file beside it', () => {
    const catalogue = JSON.parse(readFileSync(join(PROJECT_ROOT, 'resources/catalogue.json'), 'utf8')) as {
      networks: Array<{ chainId: number; explorerUrl: string; defaultRpcUrls: string[] }>
    }
    const code = packedCode().map(packedText).join('\n')
    expect(catalogue.networks.length).toBeGreaterThan(0)
    for (const network of catalogue.networks)
      for (const url of [network.explorerUrl, ...network.defaultRpcUrls])
        expect(code, `chain ${network.chainId}`).toContain(url)
  })
})

describe('native modules in the package', () => {
  const copiesOf = (name: string): string[] =>
    [...app.entries.keys()]
      .filter((p) => p === `node_modules/${name}/package.json` || p.endsWith(`/node_modules/${name}/package.json`))
      .map((p) => posix.dirname(p))

  it.each(NATIVE_MODULES)(
    '%s: every compiled .node file its loader looks for is beside the archive, as built',
    (name) => {
      const copies = copiesOf(name)
      expect(copies.length, name).toBeGreaterThan(0)
      for (const copy of copies) {
        const compiled = readdirSync(join(PROJECT_ROOT, copy, 'build/Release')).filter((f) => f.endsWith('.node'))
        expect(compiled.length, copy).toBeGreaterThan(0)
        for (const file of compiled) {
          const path = `${copy}/build/Release/${file}`
          const size = statSync(join(PROJECT_ROOT, path)).size
          expect(app.entries.get(path), path).toEqual({ size, unpacked: true })
          expect(statSync(join(app.unpackedDir, path)).size, path).toBe(size)
        }
      }
    }
  )

  it('node-hid is the copy the Ledger transport resolves, and its loader is packed', () => {
    const transport = resolveFrom(app.extractedDir, 'out/main/index.js', '@ledgerhq/hw-transport-node-hid')
    expect(transport).not.toBeNull()
    const nodeHid = resolveFrom(app.extractedDir, relative(app.extractedDir, transport ?? ''), 'node-hid')
    expect(copiesOf('node-hid')).toContain(posix.dirname(asPackagePath(nodeHid ?? '', app.extractedDir)))
    for (const name of ['better-sqlite3', 'node-hid'])
      expect(resolveFrom(app.extractedDir, `node_modules/${name}/package.json`, 'bindings'), name).not.toBeNull()
  })

  it('no compiled module anywhere is left inside the archive, where it could not be loaded', () => {
    const compiled = [...app.entries].filter(([path]) => path.endsWith('.node'))
    expect(compiled.length).toBeGreaterThanOrEqual(NATIVE_MODULES.length)
    for (const [path, entry] of compiled) {
      expect(entry.unpacked, path).toBe(true)
      expect(statSync(join(app.unpackedDir, path)).size, path).toBe(entry.size)
    }
  })
})

describe('beside the archive', () => {
  it('the binary is named as the launcher expects, with its fuses flipped by the afterPack hook', async () => {
    const binary = join(app.appOutDir, String(app.config.linux?.executableName))
    expect(statSync(binary).mode & 0o111).toBe(0o111)
    const wire = await getCurrentFuseWire(binary)
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    expect(readFileSync(join(app.appOutDir, 'LICENSE.electron.txt'), 'utf8')).toBe(STAND_IN_LICENSE)
  })

  it('every extra resource is in process.resourcesPath, as in the project, and the launcher stays executable', () => {
    const extra = (app.config.linux?.extraResources ?? []) as Array<{ from: string; to: string; filter: string[] }>
    expect(extra.length).toBeGreaterThan(0)
    for (const { from, to, filter } of extra) {
      const shipped = readdirSync(join(PROJECT_ROOT, from)).filter((f) =>
        filter.some((pattern) => minimatch(f, pattern))
      )
      expect(shipped.length, from).toBeGreaterThan(0)
      expect(readdirSync(join(app.resourcesDir, to)).sort()).toEqual(shipped.sort())
      for (const file of shipped) {
        const source = join(PROJECT_ROOT, from, file)
        const packed = join(app.resourcesDir, to, file)
        expect(readFileSync(packed)).toEqual(readFileSync(source))
        expect(statSync(packed).mode & 0o111, packed).toBe(statSync(source).mode & 0o111)
      }
    }
  })
})
