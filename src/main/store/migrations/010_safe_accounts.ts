// Runs in: main (plain Node). Schema 10: paying from a Safe multisig. The Safes this desk pays from
// (verified on chain when added), the Safe transactions a payout was planned into or that an
// owner's desk imported to sign (every SafeTx field, its nonce and EIP-712 hash, the rows it pays,
// where it stands), and the owner signatures collected for each (who, the 65 bytes, from which
// device or file, when). Amounts and 256-bit fields are TEXT of decimal digits.
import type { Migration } from './index'

export const m010SafeAccounts: Migration = {
  version: 10,
  name: 'safe accounts',
  up(db) {
    db.exec(`
      CREATE TABLE safe_accounts (
        id TEXT PRIMARY KEY,
        chain_id INTEGER NOT NULL,
        address TEXT NOT NULL,
        version TEXT NOT NULL,
        singleton TEXT NOT NULL,
        owners TEXT NOT NULL,
        threshold INTEGER NOT NULL CHECK (threshold >= 1),
        added_at TEXT NOT NULL,
        UNIQUE (chain_id, address)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE safe_transactions (
        safe_tx_hash TEXT PRIMARY KEY,
        payout_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        payout_digest TEXT NOT NULL,
        chain_id INTEGER NOT NULL,
        safe TEXT NOT NULL,
        asset_id TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('planned', 'imported')),
        purpose TEXT NOT NULL CHECK (purpose IN ('payment', 'cancel')),
        route TEXT NOT NULL CHECK (route IN ('transfers', 'batch_contract', 'cancel')),
        position INTEGER NOT NULL CHECK (position >= 0),
        plan_size INTEGER NOT NULL CHECK (plan_size >= 1),
        to_address TEXT NOT NULL,
        value TEXT NOT NULL,
        data TEXT NOT NULL,
        operation INTEGER NOT NULL CHECK (operation IN (0, 1)),
        safe_tx_gas TEXT NOT NULL,
        base_gas TEXT NOT NULL,
        gas_price TEXT NOT NULL,
        gas_token TEXT NOT NULL,
        refund_receiver TEXT NOT NULL,
        nonce TEXT NOT NULL,
        rows TEXT NOT NULL,
        since_block TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('awaiting_signatures', 'executing', 'executed', 'nonce_consumed', 'cancelled', 'superseded')),
        explanation TEXT,
        execution_hash TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX safe_transactions_by_payout ON safe_transactions (payout_id, position);

      CREATE TABLE safe_signatures (
        safe_tx_hash TEXT NOT NULL REFERENCES safe_transactions (safe_tx_hash) ON DELETE CASCADE,
        signer TEXT NOT NULL,
        signature TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('full', 'hashed')),
        source TEXT NOT NULL CHECK (source IN ('device', 'file')),
        source_file TEXT,
        signed_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (safe_tx_hash, signer)
      ) STRICT, WITHOUT ROWID;
    `)
  }
}
