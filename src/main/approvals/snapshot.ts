// Runs in: main (plain Node). What a payout in the database looks like to its signers: the digest
// input built from its stored rows, the catalogue's names for its network and asset, and what was
// recorded at submission (submitter, payer, policy version, acknowledged warnings). Reads only.
import { AppFailure } from '../../shared/errors'
import type { Catalogue } from '../domain/catalogue'
import type { StoredSubmission } from '../store/approvalRepo'
import type { ReadDb, WriteDb } from '../store/db'
import { getItems, type StoredItem, type StoredPayout } from '../store/payoutRepo'
import { payoutDigest, type DigestAcknowledgement, type DigestInput } from './digest'

export interface PayoutSnapshot {
  readonly input: DigestInput
  readonly digest: string
  readonly items: readonly StoredItem[]
}

/** What a submission adds to the payout's own content; empty before one is recorded. */
export interface SubmissionPart {
  readonly submitterName: string
  readonly submitterAddress: string | null
  readonly payerAddress: string | null
  readonly policyHash: string | null
  readonly acknowledgements: readonly DigestAcknowledgement[]
}

export const NO_SUBMISSION: SubmissionPart = {
  submitterName: '',
  submitterAddress: null,
  payerAddress: null,
  policyHash: null,
  acknowledgements: []
}

/** The submission part of a stored submission, with the submitter named by `nameOf` (the roster). */
export function submissionPart(
  s: StoredSubmission | undefined,
  nameOf: (address: string) => string | null
): SubmissionPart {
  if (s === undefined) return NO_SUBMISSION
  return {
    submitterName: s.creatorAddress === null ? '' : (nameOf(s.creatorAddress) ?? ''),
    submitterAddress: s.creatorAddress,
    payerAddress: s.payerAddress,
    policyHash: s.policyHash,
    acknowledgements: s.acknowledgements
  }
}

export function snapshotOf(
  db: ReadDb | WriteDb,
  catalogue: Catalogue,
  p: StoredPayout,
  submission: SubmissionPart
): PayoutSnapshot {
  const asset = catalogue.requireAsset(p.assetId)
  const network = catalogue.requireNetwork(p.chainId)
  const items = getItems(db, p.id)
  const recipients = items.map((it) => {
    if (it.address === null || it.amount === null) {
      throw new AppFailure(
        'payout_not_approvable',
        `Row ${it.row} has no valid address or amount. Correct it before submitting.`
      )
    }
    return { address: it.address, amount: it.amount, reference: it.reference }
  })
  const input: DigestInput = {
    payoutId: p.id,
    revision: p.revision,
    networkName: network.name,
    chainId: p.chainId,
    asset: { id: asset.id, symbol: asset.symbol, decimals: asset.decimals, tokenAddress: asset.tokenAddress },
    purpose: p.description,
    ...submission,
    recipients
  }
  return { input, digest: payoutDigest(input), items }
}
