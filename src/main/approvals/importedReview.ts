// Runs in: main (plain Node). The review model of a payout imported from another desktop for
// approval: what the approver reads before signing, with the message their Ledger will show, and
// where this desktop's own catalogue disagrees with the file (a token address or network name
// that differs is a reason to stop and ask).
import type { ImportedReview } from '../../shared/approvals'
import type { Catalogue } from '../domain/catalogue'
import type { StoredRequest } from '../store/approvalRepo'
import { parseApprovalRequest } from './files'
import { approvalMessage } from './message'

export type { ImportedReview } from '../../shared/approvals'

export function importedReview(stored: StoredRequest, catalogue: Catalogue): ImportedReview {
  const { file, digestInput } = parseApprovalRequest(new TextEncoder().encode(stored.request))
  const p = file.payout
  const warnings: string[] = []
  const network = catalogue.network(p.chainId)
  if (network === undefined) warnings.push(`Chain ${p.chainId} is not a network this desktop knows.`)
  else if (network.name !== p.networkName)
    warnings.push(`This desktop calls chain ${p.chainId} "${network.name}", the file says "${p.networkName}".`)
  const asset = catalogue.asset(p.asset.id)
  if (asset === undefined)
    warnings.push(`Currency ${p.asset.symbol} (${p.asset.id}) is not in this desktop's catalogue.`)
  else if (
    asset.tokenAddress !== p.asset.tokenAddress ||
    asset.decimals !== p.asset.decimals ||
    asset.symbol !== p.asset.symbol
  ) {
    warnings.push(
      `The file's ${p.asset.symbol} (contract ${p.asset.tokenAddress ?? 'native'}, ${p.asset.decimals} decimals) differs from this desktop's ${asset.symbol} (contract ${asset.tokenAddress ?? 'native'}, ${asset.decimals} decimals).`
    )
  }
  const total = digestInput.recipients.reduce((s, r) => s + r.amount, 0n)
  return {
    payoutId: p.id,
    revision: p.revision,
    kind: p.kind,
    digest: file.digest,
    message: approvalMessage(file.digest, digestInput),
    networkName: p.networkName,
    chainId: p.chainId,
    asset: p.asset,
    purpose: p.purpose,
    creatorName: p.creatorName,
    creatorAddress: p.creatorAddress,
    payerAddress: p.payerAddress,
    totalBaseUnits: total.toString(),
    recipients: p.recipients.map((r) => ({
      row: r.row,
      address: r.address,
      amountBaseUnits: r.amount,
      reference: r.reference,
      name: r.name
    })),
    policy: file.policy,
    exportedBy: file.exportedBy,
    exportedAt: file.exportedAt,
    importedAt: stored.importedAt,
    signed:
      stored.signer !== null && stored.signature !== null && stored.signedAt !== null
        ? { signer: stored.signer, signature: stored.signature, signedAt: stored.signedAt }
        : null,
    catalogueWarnings: warnings
  }
}
