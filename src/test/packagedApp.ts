// Runs in: tests (plain Node). Packs Treasury the way `npm run dist` does, on a machine with no
// network: electron-vite builds into a staging copy of the project, and electron-builder packs it
// for Linux into a folder (`--linux dir`, the step every installer starts from) with the project's
// own electron-builder.yml, around a stand-in Electron distribution (src/test/standInElectron.ts).
// The archive is then read with the @electron/asar electron-builder itself wrote it with.
import { execFile } from 'node:child_process'
import { copyFileSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import type { Configuration } from 'electron-builder'
import { PROJECT_ROOT } from './builtBundle'
import { linkedCopy } from './linkedCopy'
import { writeStandInElectronLinuxDist } from './standInElectron'

type Asar = typeof import('@electron/asar')

const requireHere = createRequire(__filename)
const appBuilderLib = createRequire(requireHere.resolve('app-builder-lib/package.json'))
const asar = appBuilderLib('@electron/asar') as Asar
const configLoader = requireHere('app-builder-lib/out/util/config/config.js') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Configuration>
}

/** Each step takes well under a minute on a busy 2-core machine; this only stops a hung run. */
const PACK_TIMEOUT_MS = 3 * 60_000
const LOG_BUFFER_BYTES = 16 * 1024 * 1024

/**
 * What the offline run changes in electron-builder.yml, and nothing else:
 * - electronDist: the stand-in instead of downloading Electron's release from GitHub.
 * - npmRebuild false: rebuilding the native modules needs Electron's headers from electronjs.org,
 *   so the package carries the modules as compiled in node_modules (for Node, not Electron's ABI).
 * - the output goes to the test's own folder instead of dist/.
 */
export const offlineOverrides = (electronDist: string, outputDir: string): string[] => [
  `-c.electronDist=${electronDist}`,
  '-c.npmRebuild=false',
  `-c.directories.output=${outputDir}`
]

/** One path inside app.asar, with `/` separators and no leading slash. */
export interface ArchiveEntry {
  readonly size: number
  /** Kept outside the archive, in app.asar.unpacked, where Electron redirects reads of it. */
  readonly unpacked: boolean
}

export interface PackedApp {
  readonly config: Configuration
  /** The staging copy of the project electron-builder packed; its modules are the project's. */
  readonly projectDir: string
  /** The staging project's out/ folder, as electron-vite built it. */
  readonly builtDir: string
  /** The installed app's folder (linux-unpacked). */
  readonly appOutDir: string
  /** process.resourcesPath of the installed app. */
  readonly resourcesDir: string
  readonly archive: string
  readonly unpackedDir: string
  /** Every file and link in the archive (folders are implied by their files). */
  readonly entries: ReadonlyMap<string, ArchiveEntry>
  /** The archive extracted, unpacked files included: the files the app sees at run time. */
  readonly extractedDir: string
  readonly log: string
}

interface HeaderNode {
  files?: Record<string, HeaderNode>
  size?: number
  unpacked?: boolean
  link?: string
}

function flatten(node: HeaderNode, prefix: string, into: Map<string, ArchiveEntry>): void {
  for (const [name, child] of Object.entries(node.files ?? {})) {
    const path = prefix === '' ? name : `${prefix}/${name}`
    if (child.files !== undefined) flatten(child, path, into)
    else into.set(path, { size: child.size ?? 0, unpacked: child.unpacked === true })
  }
}

/** Lists app.asar from its header, the way Electron reads it. */
export function archiveEntries(archive: string): Map<string, ArchiveEntry> {
  const entries = new Map<string, ArchiveEntry>()
  flatten(asar.getRawHeader(archive).header as HeaderNode, '', entries)
  return entries
}

/**
 * A copy of the project holding what electron-builder reads: the real manifest, lock file and
 * config, and node_modules as a real folder (hard links to the project's files). A symbolic link
 * to the project's node_modules is not enough: npm then trusts its record of the tree
 * (node_modules/.package-lock.json) only while that record is newer than the folder, and once the
 * folder has changed (vite writes its cache there on the first build of a fresh install) it reads
 * the packages at their real paths outside the copy, calls them extraneous, and electron-builder
 * finds no path for their dependencies.
 */
async function stageProject(projectDir: string): Promise<Configuration> {
  const config = await configLoader.getConfig(PROJECT_ROOT, null, null)
  mkdirSync(projectDir, { recursive: true })
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) {
    copyFileSync(join(PROJECT_ROOT, file), join(projectDir, file))
  }
  // electron-builder refuses a hook whose real path is outside the project, so the hook is copied.
  const hook = String(config.afterPack)
  mkdirSync(dirname(join(projectDir, hook)), { recursive: true })
  copyFileSync(join(PROJECT_ROOT, hook), join(projectDir, hook))
  // Dot entries are tools' caches, npm's record of the tree and .bin: none is a package. Nothing
  // writes into these shared files: the native rebuild is off (offlineOverrides).
  linkedCopy(realpathSync(join(PROJECT_ROOT, 'node_modules')), join(projectDir, 'node_modules'), {
    skipTopLevel: (name) => name.startsWith('.')
  })
  for (const dir of ['resources', config.directories?.buildResources ?? 'build']) {
    symlinkSync(join(PROJECT_ROOT, dir), join(projectDir, dir))
  }
  return config
}

/**
 * The environment without Vitest's variables: under them electron-builder logs only errors and
 * hard-links the files it should copy, so the run would not be the one `npm run dist` makes.
 */
function outsideTestRunner(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')))
}

export async function packApp(tempDir: string): Promise<PackedApp> {
  // Real paths throughout, so paths Node resolves inside the package compare with these as they are.
  const workDir = realpathSync(tempDir)
  const projectDir = join(workDir, 'project')
  const electronDist = join(workDir, 'electron')
  const outputDir = join(workDir, 'dist')
  const config = await stageProject(projectDir)
  writeStandInElectronLinuxDist(electronDist)
  const run = promisify(execFile)
  const bin = (name: string): string => join(PROJECT_ROOT, 'node_modules/.bin', name)
  const builtDir = join(projectDir, 'out')
  const limits = { timeout: PACK_TIMEOUT_MS, maxBuffer: LOG_BUFFER_BYTES, env: outsideTestRunner() }
  // electron-vite reads its config and sources from the project; electron-builder packs the staging copy.
  const vite = await run(bin('electron-vite'), ['build', '--outDir', builtDir], { cwd: PROJECT_ROOT, ...limits })
  const builder = await run(
    bin('electron-builder'),
    ['--linux', 'dir', '--publish', 'never', ...offlineOverrides(electronDist, outputDir)],
    { cwd: projectDir, ...limits }
  )
  const appOutDir = join(outputDir, 'linux-unpacked')
  const resourcesDir = join(appOutDir, 'resources')
  const archive = join(resourcesDir, 'app.asar')
  const extractedDir = join(workDir, 'extracted')
  asar.extractAll(archive, extractedDir)
  return {
    config,
    projectDir,
    builtDir,
    appOutDir,
    resourcesDir,
    archive,
    unpackedDir: `${archive}.unpacked`,
    entries: archiveEntries(archive),
    extractedDir,
    log: `${vite.stdout}${vite.stderr}${builder.stdout}${builder.stderr}`
  }
}
