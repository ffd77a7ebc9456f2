// Runs in: Vitest (node). A payout and its rows as the store keeps them, for tests that write to a database
// directly: a native mass draft on chain 1 unless the test says otherwise.
import type { StoredItem, StoredPayout } from '../main/store/payoutRepo'

export function storedPayout(id: string, patch: Partial<StoredPayout> = {}): StoredPayout {
  return {
    id,
    kind: 'mass',
    status: 'draft',
    chainId: 1,
    assetId: '1:native',
    description: '',
    total: 0n,
    recipientCount: 0,
    errorCount: 0,
    warningCount: 0,
    createdBy: 'op',
    createdAt: 'x',
    updatedAt: 'x',
    revision: 1,
    ...patch
  }
}

/** A payout row as the store keeps it: queued, paying `amount` base units to `address`, unless the test says otherwise. */
export function storedItem(row: number, address: string, amount: bigint, patch: Partial<StoredItem> = {}): StoredItem {
  return {
    row,
    addressInput: address,
    address,
    amountInput: amount.toString(),
    amount,
    name: '',
    reference: '',
    note: '',
    status: 'queued',
    issues: [],
    txHash: null,
    ...patch
  }
}
