// Runs in: Vitest (Node). Settings over a real SQLite file: defaults until written, the desk's
// number format kept as chosen, and a stored value that is not a known format read as "not chosen".
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../test/tempDir'
import { openDatabase } from './db'
import { DEFAULT_SETTINGS, readSettings, writeRawSetting, writeSettings } from './settingsRepo'

const dir = tempDir()

describe('settings', () => {
  it('start from the defaults, with no number format chosen', () => {
    const db = openDatabase(join(dir, 'defaults.sqlite'))
    try {
      expect(readSettings(db.read)).toEqual(DEFAULT_SETTINGS)
      expect(readSettings(db.read).numberFormat).toBeNull()
    } finally {
      db.close()
    }
  })

  it('keep the chosen number format and leave the other settings as they were', () => {
    const db = openDatabase(join(dir, 'format.sqlite'))
    try {
      writeSettings(db.write, { confirmations: 5 })
      writeSettings(db.write, { numberFormat: 'space-comma' })
      expect(readSettings(db.read)).toMatchObject({ confirmations: 5, numberFormat: 'space-comma' })
    } finally {
      db.close()
    }
  })

  it('read a stored number format the app does not know as not chosen', () => {
    const db = openDatabase(join(dir, 'unknown.sqlite'))
    try {
      writeRawSetting(db.write, 'numberFormat', 'roman-numerals')
      expect(readSettings(db.read).numberFormat).toBeNull()
    } finally {
      db.close()
    }
  })
})
