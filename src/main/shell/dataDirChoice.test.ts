// Runs in: Vitest (node). Where the data lives: a packaged build takes another folder only from
// the command line, never silently from the environment.
import { describe, expect, it } from 'vitest'
import { chooseDataDir } from './dataDirChoice'

const base = { argv: ['/opt/Treasury/treasury'], env: {}, defaultDir: '/home/me/.config/Treasury' }

describe('the data folder', () => {
  it('is the per-user app folder by default', () => {
    expect(chooseDataDir({ ...base, isPackaged: true })).toEqual({ ok: true, dir: base.defaultDir, source: 'default' })
  })

  it('ignores TREASURY_DATA_DIR in a packaged build', () => {
    expect(chooseDataDir({ ...base, isPackaged: true, env: { TREASURY_DATA_DIR: '/tmp/other' } })).toEqual({
      ok: true,
      dir: base.defaultDir,
      source: 'default'
    })
  })

  it('follows TREASURY_DATA_DIR when not packaged (development, tests, the demo)', () => {
    expect(chooseDataDir({ ...base, isPackaged: false, env: { TREASURY_DATA_DIR: '/tmp/other' } })).toEqual({
      ok: true,
      dir: '/tmp/other',
      source: 'env'
    })
  })

  it('follows --data-dir=<full path> packaged or not, ahead of the environment; the last one given wins', () => {
    for (const isPackaged of [true, false])
      expect(
        chooseDataDir({
          ...base,
          isPackaged,
          argv: [...base.argv, '--data-dir=/srv/a', 'payroll.csv', '--data-dir=/srv/treasury'],
          env: { TREASURY_DATA_DIR: '/tmp/other' }
        })
      ).toEqual({ ok: true, dir: '/srv/treasury', source: 'flag' })
  })

  it('refuses a flag without a folder or with a relative path, saying how to write it', () => {
    expect(chooseDataDir({ ...base, isPackaged: true, argv: [...base.argv, '--data-dir'] })).toEqual({
      ok: false,
      message: '--data-dir needs a folder: write it as --data-dir=/path/to/folder.'
    })
    expect(chooseDataDir({ ...base, isPackaged: true, argv: [...base.argv, '--data-dir='] })).toMatchObject({
      ok: false
    })
    expect(chooseDataDir({ ...base, isPackaged: true, argv: [...base.argv, '--data-dir=data'] })).toEqual({
      ok: false,
      message:
        "--data-dir=data is not a full path. Give the folder's full path (for example --data-dir=/home/me/treasury-data)."
    })
  })

  it('does not read the executable itself as a flag', () => {
    expect(chooseDataDir({ ...base, isPackaged: true, argv: ['--data-dir=/x'] })).toMatchObject({ source: 'default' })
  })
})
