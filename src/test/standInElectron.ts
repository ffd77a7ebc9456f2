// Runs in: tests (plain Node). Stands in for Electron's binary where the real one cannot be
// downloaded: a file holding only the fuse wire as Electron ships it, which @electron/fuses finds,
// flips and reads back exactly as in a real binary. It cannot run.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { FuseState } from '@electron/fuses'

/** What @electron/fuses looks for in front of the wire. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSE_WIRE_VERSION = 1
/** Filler either side of the wire, so it is found inside a file rather than at its edges. */
const PADDING_BYTES = 4096
const NOP = 0x90

/** A binary with the fuse wire in the states Electron ships them. */
export function fakeElectronBinary(): Buffer {
  const shipped = [
    FuseState.ENABLE, // RunAsNode
    FuseState.DISABLE, // EnableCookieEncryption
    FuseState.ENABLE, // EnableNodeOptionsEnvironmentVariable
    FuseState.ENABLE, // EnableNodeCliInspectArguments
    FuseState.DISABLE, // EnableEmbeddedAsarIntegrityValidation
    FuseState.DISABLE, // OnlyLoadAppFromAsar
    FuseState.DISABLE, // LoadBrowserProcessSpecificV8Snapshot
    FuseState.ENABLE, // GrantFileProtocolExtraPrivileges
    FuseState.ENABLE // WasmTrapHandlers
  ]
  return Buffer.concat([
    Buffer.alloc(PADDING_BYTES, NOP),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([FUSE_WIRE_VERSION, shipped.length, ...shipped]),
    Buffer.alloc(PADDING_BYTES, NOP)
  ])
}

/** Electron's licence as the stand-in distribution carries it; electron-builder keeps it beside the app. */
export const STAND_IN_LICENSE = 'Stand-in for the Electron distribution licence.\n'

/**
 * An unpacked Electron distribution for Linux, as electron-builder's `electronDist` takes it: the
 * `electron` executable it renames to the app's name, and the LICENSE it keeps beside it.
 */
export function writeStandInElectronLinuxDist(dir: string): void {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'electron'), fakeElectronBinary(), { mode: 0o755 })
  writeFileSync(join(dir, 'LICENSE'), STAND_IN_LICENSE)
}
