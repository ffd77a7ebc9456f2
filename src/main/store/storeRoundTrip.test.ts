import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { storedPayout } from '../../test/storedPayout'
import { tempDir } from '../../test/tempDir'
import { openDatabase } from './db'
import { getItems, insertItems, insertPayout, upsertItem, type StoredItem } from './payoutRepo'

const ADDRESS = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'

/** Texts a registry can hold that are easy to get wrong: quotes, backslashes, controls, separators, astral and broken UTF-16. */
const TEXTS = ['"quoted" \\ back', 'a\u0000b', 'tab\there\nnewline', '\u2028\u2029', '😀 Zoë', 'x\ud800y', '\udc00', '']

function items(count: number): StoredItem[] {
  return Array.from({ length: count }, (_, i) => {
    const text = TEXTS[i % TEXTS.length]!
    return {
      row: i * 3 + 1, // rows need not follow each other
      addressInput: i % 5 === 0 ? ` ${ADDRESS.toLowerCase()} ` : ADDRESS,
      address: i % 7 === 0 ? null : ADDRESS,
      amountInput: i % 11 === 0 ? '1e5' : `${i}.000100`,
      amount: i % 11 === 0 ? null : BigInt(i) * 10n ** 18n + 2n ** 64n,
      name: text,
      reference: `0001-${text}`,
      note: i % 2 === 0 ? '' : text,
      status: i % 3 === 0 ? 'draft' : 'queued',
      issues:
        i % 4 === 0
          ? [{ code: 'duplicate_address', severity: 'warning', field: 'address', message: `Row ${i}: "${text}"` }]
          : [],
      txHash: null,
      ...(i % 6 === 0 ? {} : { category: text, costCenter: `CC ${i}` })
    }
  })
}

describe('items stored by the bulk insert and by the one-row upsert', () => {
  it('read back the same, text as written where UTF-8 can hold it', () => {
    const db = openDatabase(join(tempDir(), 'round-trip.sqlite'))
    try {
      insertPayout(db.write, storedPayout('PO-BULK'))
      insertPayout(db.write, storedPayout('PO-ONE-BY-ONE'))
      const written = items(2_000)
      db.write.transaction(() => {
        insertItems(db.write, 'PO-BULK', written)
        for (const it of written) upsertItem(db.write, 'PO-ONE-BY-ONE', it)
      })()
      const bulk = getItems(db.read, 'PO-BULK')
      expect(bulk).toHaveLength(written.length)
      expect(bulk).toEqual(getItems(db.read, 'PO-ONE-BY-ONE'))
      // And as written, where text survives UTF-8 (a lone surrogate cannot, either way).
      const sample = bulk[1]!
      expect(sample).toMatchObject({ row: 4, name: 'a\u0000b', amount: 10n ** 18n + 2n ** 64n, category: 'a\u0000b' })
      expect(bulk[0]).toMatchObject({
        address: null,
        amount: null,
        amountInput: '1e5',
        category: '',
        costCenter: ''
      })
      expect(bulk[4]?.issues).toEqual(written[4]?.issues)
      expect(db.read.prepare("SELECT COUNT(*) AS n FROM payout_items WHERE typeof(row) <> 'integer'").get()).toEqual({
        n: 0
      })
    } finally {
      db.close()
    }
  })
})
