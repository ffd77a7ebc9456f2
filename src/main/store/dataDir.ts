// Runs in: main (plain Node). The data folder is checked before the database is opened: it must
// exist (it is created when missing), be a folder, be writable, and have room. A folder on a
// read-only disk, without write permission, or on a full disk is explained at start with what to
// do, instead of failing as an internal error at the first payout saved.
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  statfsSync,
  unlinkSync,
  writeSync
} from 'node:fs'
import { randomBytes } from 'node:crypto'
import { dirname, join } from 'node:path'
import { AppFailure } from '../../shared/errors'

export const DATA_FOLDER_ERROR = {
  readOnly: 'data_folder_read_only',
  full: 'data_folder_full',
  notAFolder: 'data_folder_not_a_folder',
  unusable: 'data_folder_unusable'
} as const

/**
 * Free space below which the folder counts as full: the database, its write-ahead log and a large
 * import's rows need room, and a write that fails half way through a payout helps nobody.
 */
export const MIN_FREE_BYTES = 32 * 1024 * 1024
/** How much the probe writes (and syncs): enough that a disk with no room left refuses it. */
export const PROBE_BYTES = 64 * 1024
/** The probe file's name: hidden, named for what it is, unique to this process. */
export const PROBE_PREFIX = '.treasury-write-check-'
const PROBE_NAME_BYTES = 4

const BYTES_PER_MB = 1024 * 1024
const READ_ONLY_CODES: ReadonlySet<string> = new Set(['EROFS'])
const NOT_PERMITTED_CODES: ReadonlySet<string> = new Set(['EACCES', 'EPERM'])
const FULL_CODES: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT'])
/** What mkdir answers when a file of that name, or in its path, is in the way. */
const NOT_A_FOLDER_CODES: ReadonlySet<string> = new Set(['ENOTDIR', 'EEXIST'])

const errnoCode = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : ''

/** The AppFailure for a system error met while creating or writing in `dir`. */
export function dataFolderFailure(dir: string, e: unknown, freeBytes?: number): AppFailure {
  const code = errnoCode(e)
  if (READ_ONLY_CODES.has(code))
    return new AppFailure(
      DATA_FOLDER_ERROR.readOnly,
      `The data folder ${dir} is on a read-only disk or share, so Treasury cannot save anything there. ` +
        'Make that disk writable (or choose a writable data folder) and start Treasury again.'
    )
  if (NOT_PERMITTED_CODES.has(code))
    return new AppFailure(
      DATA_FOLDER_ERROR.readOnly,
      `Treasury is not allowed to write in the data folder ${dir}. ` +
        'Give your user account write permission on that folder (or choose another data folder) and start Treasury again.'
    )
  if (FULL_CODES.has(code)) return fullFailure(dir, freeBytes)
  const detail = e instanceof Error ? e.message : String(e)
  return new AppFailure(
    DATA_FOLDER_ERROR.unusable,
    `Treasury cannot write in the data folder ${dir} (${detail}). Check the disk and the folder, then start Treasury again.`
  )
}

export function fullFailure(dir: string, freeBytes?: number): AppFailure {
  const free = freeBytes === undefined ? '' : ` (${Math.floor(freeBytes / BYTES_PER_MB)} MB free)`
  return new AppFailure(
    DATA_FOLDER_ERROR.full,
    `The disk holding the data folder ${dir} is full${free}; Treasury needs at least ` +
      `${MIN_FREE_BYTES / BYTES_PER_MB} MB free to save payouts safely. Free some space on that disk and start Treasury again.`
  )
}

/** Free bytes for an unprivileged writer, or undefined where the file system cannot say. */
function freeBytesOf(dir: string): number | undefined {
  try {
    const s = statfsSync(dir)
    return s.bavail * s.bsize
  } catch {
    return undefined
  }
}

/** Writes, syncs and deletes a probe file: the folder really takes a write. */
function probeWrite(dir: string): void {
  const file = join(dir, `${PROBE_PREFIX}${process.pid}-${randomBytes(PROBE_NAME_BYTES).toString('hex')}`)
  const fd = openSync(file, 'wx')
  try {
    writeSync(fd, Buffer.alloc(PROBE_BYTES))
    fsyncSync(fd)
  } finally {
    closeSync(fd)
    // A probe that cannot be deleted is harmless; the write it proved is what counts.
    try {
      unlinkSync(file)
    } catch {
      // left behind: a few bytes of zeros, recognisable by the prefix
    }
  }
}

/** Creates `dir` when missing and checks it can hold the database; throws an AppFailure saying what is wrong. */
export function prepareDataFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true })
  } catch (e) {
    if (NOT_A_FOLDER_CODES.has(errnoCode(e)))
      throw new AppFailure(
        DATA_FOLDER_ERROR.notAFolder,
        `The data folder ${dir} is not a folder (a file of that name, or in its path, is in the way). ` +
          'Move that file away (or choose another data folder) and start Treasury again.'
      )
    // Creating a path on a read-only disk fails as "no such file": ask the nearest folder that exists why.
    throw dataFolderFailure(dir, whyNotWritable(dir) ?? e)
  }
  // The write comes first: a read-only disk also reports no free space, and must be called read-only.
  try {
    probeWrite(dir)
  } catch (e) {
    throw dataFolderFailure(dir, e, freeBytesOf(dir))
  }
  const free = freeBytesOf(dir)
  if (free !== undefined && free < MIN_FREE_BYTES) throw fullFailure(dir, free)
}

/** The error that refuses writing in the nearest existing folder above `dir`, if one does. */
function whyNotWritable(dir: string): unknown {
  let at = dirname(dir)
  while (!existsSync(at) && dirname(at) !== at) at = dirname(at)
  try {
    accessSync(at, constants.W_OK)
    return undefined
  } catch (e) {
    return e
  }
}

/** Checks that an existing database file (and its journal files) can be written; throws an AppFailure naming it. */
export function assertFileWritable(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(path)) continue
    try {
      accessSync(path, constants.W_OK)
    } catch {
      throw readOnlyFileFailure(path)
    }
  }
}

export function readOnlyFileFailure(file: string): AppFailure {
  return new AppFailure(
    DATA_FOLDER_ERROR.readOnly,
    `The database file ${file} cannot be written (it, or the disk it is on, is read-only). ` +
      'Make it writable for your user account and start Treasury again.'
  )
}
