// Runs in: plain Node (Vitest). Specification of the linked copy the packaging check stages
// node_modules with: the same tree at new paths, files shared rather than duplicated.
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { linkedCopy } from './linkedCopy'
import { tempDir } from './tempDir'

function sampleTree(root: string): void {
  mkdirSync(join(root, 'pkg/lib'), { recursive: true })
  mkdirSync(join(root, '.cache'), { recursive: true })
  writeFileSync(join(root, 'pkg/package.json'), '{"name":"pkg"}')
  writeFileSync(join(root, 'pkg/lib/run.js'), 'module.exports = 1\n', { mode: 0o755 })
  writeFileSync(join(root, '.cache/state'), 'cache')
  mkdirSync(join(root, 'pkg/node_modules/.bin'), { recursive: true })
  symlinkSync('../../lib/run.js', join(root, 'pkg/node_modules/.bin/run'))
}

describe('linkedCopy', () => {
  const dir = tempDir('treasury-linked-copy-')

  it('recreates every folder, shares every file with the original, and keeps symbolic links as they point', () => {
    const from = join(dir, 'from-all')
    const to = join(dir, 'to-all')
    sampleTree(from)
    linkedCopy(from, to)
    for (const file of ['pkg/package.json', 'pkg/lib/run.js', '.cache/state']) {
      expect(readFileSync(join(to, file), 'utf8')).toBe(readFileSync(join(from, file), 'utf8'))
      expect(statSync(join(to, file)).ino, file).toBe(statSync(join(from, file)).ino)
    }
    expect(lstatSync(join(to, 'pkg')).isDirectory()).toBe(true)
    expect(lstatSync(join(to, 'pkg')).isSymbolicLink()).toBe(false)
    expect(readlinkSync(join(to, 'pkg/node_modules/.bin/run'))).toBe('../../lib/run.js')
    expect(realpathSync(join(to, 'pkg/node_modules/.bin/run'))).toBe(realpathSync(join(to, 'pkg/lib/run.js')))
    expect(statSync(join(to, 'pkg/lib/run.js')).mode & 0o777).toBe(0o755)
  })

  it('leaves out the top-level names it is told to, and only at the top', () => {
    const from = join(dir, 'from-skip')
    const to = join(dir, 'to-skip')
    sampleTree(from)
    linkedCopy(from, to, { skipTopLevel: (name) => name.startsWith('.') })
    expect(() => lstatSync(join(to, '.cache'))).toThrow(/ENOENT/)
    expect(lstatSync(join(to, 'pkg/node_modules/.bin/run')).isSymbolicLink()).toBe(true)
  })
})
