// Runs in: tests (plain Node). A copy of a folder tree that costs almost nothing: every file is a
// hard link to the original (a real copy only where a link cannot be made, as across file systems),
// folders are real folders, and symbolic links are recreated pointing where they pointed. Tools
// that read the copy see the same layout at the copy's own paths, which a symbolic link to the
// whole folder does not give them.
import { copyFileSync, linkSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'

export interface LinkedCopyOptions {
  /** Names in the top folder to leave out. */
  readonly skipTopLevel?: (name: string) => boolean
}

export function linkedCopy(from: string, to: string, options: LinkedCopyOptions = {}): void {
  let canLink = true
  const placeFile = (source: string, target: string): void => {
    if (canLink) {
      try {
        linkSync(source, target)
        return
      } catch {
        // Another file system, or links not allowed here: the remaining files are copied.
        canLink = false
      }
    }
    copyFileSync(source, target)
  }
  const copyFolder = (source: string, target: string, skip: (name: string) => boolean): void => {
    mkdirSync(target, { recursive: true })
    for (const entry of readdirSync(source, { withFileTypes: true })) {
      if (skip(entry.name)) continue
      const inner = join(source, entry.name)
      const outer = join(target, entry.name)
      if (entry.isSymbolicLink()) symlinkSync(readlinkSync(inner), outer)
      else if (entry.isDirectory()) copyFolder(inner, outer, () => false)
      else placeFile(inner, outer)
    }
  }
  copyFolder(from, to, options.skipTopLevel ?? (() => false))
}
