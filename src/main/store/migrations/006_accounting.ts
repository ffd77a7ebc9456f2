// Runs in: main (plain Node). Schema 6: what the books need beyond a payment.
// - payout_items gain category (or account code) and cost center. Added as columns rather than a
//   side table: ALTER TABLE ADD COLUMN with a constant default only rewrites the schema (no row is
//   touched, however many there are), and an import of 1,000,000 rows stays one insert per row
//   into one B-tree, where a side table would double the inserts and need a join on every read.
// - transaction_facts: what the chain says about a sent transaction that the journal does not
//   keep: the block's time, the receipt's fee parts (with the L1 fee of rollups) and its success.
//   Filled by reading the receipt and block once the transaction is final (capture.ts).
// - fiat_rates: each rate used to value a payment or fee: a feed reading (which round, how it was
//   found, what is wrong with it) or a rate a person typed (who, when, exact text).
// - reconciliations: each comparison of the records with the chain, with its differences row by
//   row; append-only, like the audit log, because they are the evidence.
// - payout_schedules and their runs: a template payout drafted again monthly or weekly; a run is
//   recorded in the transaction that creates its draft, and (schedule, date) is unique.
import type { Migration } from './index'

const DIGITS = (column: string) => `${column} GLOB '[0-9]*' AND ${column} NOT GLOB '*[^0-9]*'`
const OPTIONAL_DIGITS = (column: string) => `${column} IS NULL OR (${DIGITS(column)})`
const ISO_DATE = (column: string) => `${column} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`

export const m006Accounting: Migration = {
  version: 6,
  name: 'accounting',
  up(db) {
    db.exec(`
      ALTER TABLE payout_items ADD COLUMN category TEXT NOT NULL DEFAULT '';
      ALTER TABLE payout_items ADD COLUMN cost_center TEXT NOT NULL DEFAULT '';

      CREATE TABLE transaction_facts (
        tx_hash TEXT PRIMARY KEY REFERENCES transactions (hash),
        block_number TEXT NOT NULL CHECK (${DIGITS('block_number')}),
        block_hash TEXT NOT NULL,
        block_timestamp INTEGER NOT NULL CHECK (block_timestamp >= 0),
        success INTEGER NOT NULL CHECK (success IN (0, 1)),
        gas_used TEXT NOT NULL CHECK (${DIGITS('gas_used')}),
        effective_gas_price TEXT NOT NULL CHECK (${DIGITS('effective_gas_price')}),
        l1_fee TEXT CHECK (${OPTIONAL_DIGITS('l1_fee')}),
        fee_paid TEXT NOT NULL CHECK (${DIGITS('fee_paid')}),
        read_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX transaction_facts_by_time ON transaction_facts (block_timestamp);

      CREATE TABLE fiat_rates (
        id INTEGER PRIMARY KEY,
        payout_id TEXT NOT NULL REFERENCES payouts (id) ON DELETE CASCADE,
        tx_hash TEXT REFERENCES transactions (hash),
        base TEXT NOT NULL,
        quote TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source = 'chainlink' OR source = 'manual'),
        rate_units TEXT CHECK (${OPTIONAL_DIGITS('rate_units')}),
        rate_scale INTEGER CHECK (rate_scale IS NULL OR rate_scale BETWEEN 0 AND 77),
        basis TEXT NOT NULL,
        feed_address TEXT,
        feed_description TEXT,
        feed_source TEXT,
        round_id TEXT CHECK (${OPTIONAL_DIGITS('round_id')}),
        round_updated_at INTEGER,
        issues TEXT NOT NULL DEFAULT '[]',
        entered_by TEXT NOT NULL,
        entered_at TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        CHECK ((rate_units IS NULL) = (rate_scale IS NULL)),
        CHECK (source = 'chainlink' OR (tx_hash IS NULL AND rate_units IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX fiat_rates_one_reading ON fiat_rates (tx_hash, base, quote) WHERE source = 'chainlink';
      CREATE INDEX fiat_rates_by_payout ON fiat_rates (payout_id, base, quote, id);

      CREATE TABLE reconciliations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        scope TEXT NOT NULL CHECK (scope = 'payout' OR scope = 'range'),
        payout_id TEXT REFERENCES payouts (id),
        range_from TEXT CHECK (range_from IS NULL OR ${ISO_DATE('range_from')}),
        range_to TEXT CHECK (range_to IS NULL OR ${ISO_DATE('range_to')}),
        outcome TEXT NOT NULL CHECK (outcome = 'matched' OR outcome = 'differences' OR outcome = 'incomplete'),
        payouts_checked INTEGER NOT NULL,
        rows_checked INTEGER NOT NULL,
        transactions_checked INTEGER NOT NULL,
        difference_count INTEGER NOT NULL,
        summary TEXT NOT NULL,
        run_by TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        CHECK ((scope = 'payout') = (payout_id IS NOT NULL))
      ) STRICT;
      CREATE TABLE reconciliation_payouts (
        reconciliation_id INTEGER NOT NULL REFERENCES reconciliations (id),
        payout_id TEXT NOT NULL REFERENCES payouts (id),
        PRIMARY KEY (payout_id, reconciliation_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE reconciliation_differences (
        reconciliation_id INTEGER NOT NULL REFERENCES reconciliations (id),
        seq INTEGER NOT NULL,
        payout_id TEXT NOT NULL,
        row INTEGER,
        tx_hash TEXT,
        code TEXT NOT NULL,
        expected TEXT NOT NULL,
        found TEXT NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (reconciliation_id, seq)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER reconciliations_append_only_update BEFORE UPDATE ON reconciliations
        BEGIN SELECT RAISE(ABORT, 'reconciliations are append-only'); END;
      CREATE TRIGGER reconciliations_append_only_delete BEFORE DELETE ON reconciliations
        BEGIN SELECT RAISE(ABORT, 'reconciliations are append-only'); END;
      CREATE TRIGGER reconciliation_payouts_append_only_update BEFORE UPDATE ON reconciliation_payouts
        BEGIN SELECT RAISE(ABORT, 'reconciliations are append-only'); END;
      CREATE TRIGGER reconciliation_payouts_append_only_delete BEFORE DELETE ON reconciliation_payouts
        BEGIN SELECT RAISE(ABORT, 'reconciliations are append-only'); END;
      CREATE TRIGGER reconciliation_differences_append_only_update BEFORE UPDATE ON reconciliation_differences
        BEGIN SELECT RAISE(ABORT, 'reconciliations are append-only'); END;
      CREATE TRIGGER reconciliation_differences_append_only_delete BEFORE DELETE ON reconciliation_differences
        BEGIN SELECT RAISE(ABORT, 'reconciliations are append-only'); END;

      CREATE TABLE payout_schedules (
        id TEXT PRIMARY KEY,
        template_payout_id TEXT NOT NULL REFERENCES payouts (id),
        cadence TEXT NOT NULL CHECK (cadence = 'monthly' OR cadence = 'weekly'),
        day INTEGER NOT NULL,
        time_zone TEXT NOT NULL,
        starts_on TEXT NOT NULL CHECK (${ISO_DATE('starts_on')}),
        active INTEGER NOT NULL CHECK (active IN (0, 1)),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK ((cadence = 'monthly' AND day BETWEEN 1 AND 31) OR (cadence = 'weekly' AND day BETWEEN 1 AND 7))
      ) STRICT;
      CREATE TABLE payout_schedule_runs (
        schedule_id TEXT NOT NULL REFERENCES payout_schedules (id),
        due_on TEXT NOT NULL CHECK (${ISO_DATE('due_on')}),
        payout_id TEXT NOT NULL,
        missed TEXT NOT NULL DEFAULT '[]',
        ran_at TEXT NOT NULL,
        PRIMARY KEY (schedule_id, due_on)
      ) STRICT, WITHOUT ROWID;
    `)
  }
}
