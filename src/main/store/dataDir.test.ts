// Runs in: Vitest (node). A data folder that cannot hold the database is refused at start with
// what is wrong and what to do, on real file systems: a read-only disk and a full disk are real
// tmpfs mounts made in a private mount namespace (`unshare -Urm`, which needs no root), so the
// checks are exercised even when the tests run as root, where file permissions stop nothing.
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { AppFailure } from '../../shared/errors'
import { createTreasury, DATABASE_FILE } from '../treasury'
import { DATA_FOLDER_ERROR, PROBE_PREFIX, prepareDataFolder } from './dataDir'
import { openDatabase } from './db'

const ROOT = resolve(__dirname, '../../..')
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const DB_MODULE = join(__dirname, 'db.ts')
const isRoot = process.getuid?.() === 0
const namespaces = spawnSync('unshare', ['-Urm', 'true']).status === 0
if (!namespaces) console.warn('[dataDir] unshare -Urm is not available here: the mounted-disk cases are skipped')

/**
 * Runs `shell` (which mounts what it needs at $MNT) and then openDatabase on `$MNT/<sub>` in a
 * private user and mount namespace; returns what openDatabase threw, or null when it opened.
 * The namespace and its mounts end with the command.
 */
function openInNamespace(shell: string, sub = 'data'): Outcome {
  const mnt = tempDir('treasury-mnt-')
  return openInNamespaceAt(join(mnt, sub), shell, mnt)
}

type Outcome = { code: string; message: string } | null

/** The same with the database in `dataDir`; `$MNT` in `shell` is `mnt`. */
function openInNamespaceAt(dataDir: string, shell: string, mnt = dataDir): Outcome {
  const script = join(tempDir('treasury-probe-'), 'open.ts')
  writeFileSync(
    script,
    `import { openDatabase } from ${JSON.stringify(DB_MODULE)}
try {
  openDatabase(${JSON.stringify(join(dataDir, DATABASE_FILE))}).close()
  console.log(JSON.stringify(null))
} catch (e) {
  const { code, message, name } = e as { code: string; message: string; name: string }
  console.log(JSON.stringify({ code, message, name }))
}
`
  )
  const r = spawnSync('unshare', ['-Urm', 'sh', '-euc', `MNT="$1"; ${shell}; exec "$2" "$3"`, 'sh', mnt, TSX, script], {
    cwd: ROOT,
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`namespace run failed (${r.status}): ${r.stderr}`)
  const outcome = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    code: string
    message: string
    name: string
  } | null
  if (outcome !== null) expect(outcome.name).toBe('AppFailure')
  return outcome
}

describe('a data folder that cannot hold the database is explained at start', () => {
  it.skipIf(!namespaces)('on a read-only disk', () => {
    const failure = openInNamespace('mount -t tmpfs -o ro,size=8m tmpfs "$MNT"', '.')
    expect(failure?.code).toBe(DATA_FOLDER_ERROR.readOnly)
    expect(failure?.message).toMatch(/^The data folder \/.*treasury-mnt-.* is on a read-only disk or share/)
    expect(failure?.message).toContain('Make that disk writable (or choose a writable data folder)')
  })

  it.skipIf(!namespaces)('inside a read-only disk, where the folder cannot even be created', () => {
    const failure = openInNamespace('mount -t tmpfs -o ro,size=8m tmpfs "$MNT"', 'payouts/2026')
    expect(failure?.code).toBe(DATA_FOLDER_ERROR.readOnly)
    expect(failure?.message).toContain('payouts/2026 is on a read-only disk or share')
  })

  it.skipIf(!namespaces)('on a full disk', () => {
    // 40 MiB of room, filled to the last byte before Treasury starts.
    const failure = openInNamespace(
      'mount -t tmpfs -o size=40m tmpfs "$MNT" && mkdir "$MNT/data" && (dd if=/dev/zero of="$MNT/data/fill" bs=64k 2>/dev/null || true)'
    )
    expect(failure?.code).toBe(DATA_FOLDER_ERROR.full)
    expect(failure?.message).toMatch(/data is full \(0 MB free\); Treasury needs at least 32 MB free/)
    expect(failure?.message).toContain('Free some space on that disk and start Treasury again.')
  })

  it.skipIf(!namespaces)('on a disk with less room than the database needs', () => {
    const failure = openInNamespace('mount -t tmpfs -o size=8m tmpfs "$MNT"')
    expect(failure?.code).toBe(DATA_FOLDER_ERROR.full)
    expect(failure?.message).toContain('is full (8 MB free)')
  })

  it.skipIf(!namespaces)('whose database file is read-only while the folder is not', () => {
    const dir = tempDir()
    openDatabase(join(dir, DATABASE_FILE)).close()
    const file = join(dir, DATABASE_FILE)
    const failure = openInNamespaceAt(dir, `mount --bind "${file}" "${file}" && mount -o remount,bind,ro "${file}"`)
    expect(failure?.code).toBe(DATA_FOLDER_ERROR.readOnly)
    expect(failure?.message).toBe(
      `The database file ${file} cannot be written (it, or the disk it is on, is read-only). Make it writable for your user account and start Treasury again.`
    )
  })

  it.skipIf(!namespaces)('and a disk with room opens as before', () => {
    expect(openInNamespace('mount -t tmpfs -o size=64m tmpfs "$MNT"')).toBeNull()
  })

  it.skipIf(isRoot)('without write permission on the folder', () => {
    const dir = tempDir()
    chmodSync(dir, 0o555)
    try {
      expect(() => prepareDataFolder(dir)).toThrow(
        expect.objectContaining({
          code: DATA_FOLDER_ERROR.readOnly,
          message: expect.stringContaining('is not allowed to write')
        })
      )
    } finally {
      chmodSync(dir, 0o755)
    }
  })

  it('when a file stands where the folder should be, through createTreasury', () => {
    const parent = tempDir()
    const file = join(parent, 'treasury-data')
    writeFileSync(file, 'not a folder')
    let thrown: unknown
    try {
      createTreasury({ dataDir: join(file, 'inside') })
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(AppFailure)
    expect(thrown).toMatchObject({
      code: DATA_FOLDER_ERROR.notAFolder,
      message: `The data folder ${join(file, 'inside')} is not a folder (a file of that name, or in its path, is in the way). Move that file away (or choose another data folder) and start Treasury again.`
    })
  })

  it('creates a missing folder and leaves no probe behind', () => {
    const dir = join(tempDir(), 'new', 'data')
    openDatabase(join(dir, DATABASE_FILE)).close()
    expect(existsSync(join(dir, DATABASE_FILE))).toBe(true)
    expect(readdirSync(dir).filter((f) => f.startsWith(PROBE_PREFIX))).toEqual([])
  })
})
