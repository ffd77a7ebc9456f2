// Runs in: Vitest, for tests only. A payout as the payouts list shows it: one ETH recipient on
// Ethereum, drafted at this desk, of the kind and status a test needs; `changed` sets anything else.
import type { PayoutSummary } from '../../../shared/api'
import type { PayoutKind, PayoutStatus } from '../../../shared/statuses'

export function summary(
  id: string,
  kind: PayoutKind,
  status: PayoutStatus,
  changed: Partial<PayoutSummary> = {}
): PayoutSummary {
  return {
    id,
    kind,
    status,
    chainId: 1,
    networkName: 'Ethereum',
    assetId: '1:native',
    assetSymbol: 'ETH',
    decimals: 18,
    totalBaseUnits: '1000000000000000000',
    recipientCount: 1,
    errorCount: 0,
    warningCount: 0,
    description: id,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    createdBy: 'desk',
    source: { kind: 'app', name: '', externalId: null },
    ...changed
  }
}
