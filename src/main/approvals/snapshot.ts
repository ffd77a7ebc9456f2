// Runs in: main (plain Node). What a payout in the database looks like to an approver: the digest
// input built from its stored rows, the catalogue's names for its network and asset, and the
// accounts named at submission. Reads only.
import type { Catalogue } from '../domain/catalogue'
import { AppFailure } from '../../shared/errors'
import { getSubmission } from '../store/approvalRepo'
import type { ReadDb, WriteDb } from '../store/db'
import { getItems, type StoredItem, type StoredPayout } from '../store/payoutRepo'
import { payoutDigest, type DigestInput } from './digest'
import { approvalMessage } from './message'

export interface PayoutSnapshot {
  readonly input: DigestInput
  readonly digest: string
  readonly message: string
  readonly items: readonly StoredItem[]
}

export function snapshotOf(db: ReadDb | WriteDb, catalogue: Catalogue, p: StoredPayout): PayoutSnapshot {
  const asset = catalogue.asset(p.assetId)
  const network = catalogue.network(p.chainId)
  if (asset === undefined || network === undefined) {
    throw new AppFailure(
      'unknown_asset',
      `Currency ${p.assetId} is not in the catalogue, so this payout cannot be approved with this version of the app.`
    )
  }
  const items = getItems(db, p.id)
  const recipients = items.map((it) => {
    if (it.address === null || it.amount === null) {
      throw new AppFailure(
        'payout_not_approvable',
        `Row ${it.row} has no valid address or amount. Correct it before asking for approval.`
      )
    }
    return { address: it.address, amount: it.amount, reference: it.reference }
  })
  const submission = getSubmission(db, p.id)
  const input: DigestInput = {
    payoutId: p.id,
    revision: p.revision,
    networkName: network.name,
    chainId: p.chainId,
    asset: { id: asset.id, symbol: asset.symbol, decimals: asset.decimals, tokenAddress: asset.tokenAddress },
    purpose: p.description,
    creatorName: p.createdBy,
    creatorAddress: submission?.creatorAddress ?? null,
    payerAddress: submission?.payerAddress ?? null,
    recipients
  }
  const digest = payoutDigest(input)
  return { input, digest, message: approvalMessage(digest, input), items }
}
