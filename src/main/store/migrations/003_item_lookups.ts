// Runs in: main (plain Node). Schema 3: lookups that let one edited grid cell re-check duplicates
// among 100,000 rows without reading them all: rows by address and by reference within a payout.
import type { Migration } from './index'

export const m003ItemLookups: Migration = {
  version: 3,
  name: 'item lookups',
  up(db) {
    db.exec(`
      CREATE INDEX payout_items_by_address ON payout_items (payout_id, address) WHERE address IS NOT NULL;
      CREATE INDEX payout_items_by_reference ON payout_items (payout_id, lower(trim(reference))) WHERE trim(reference) <> '';
    `)
  }
}
