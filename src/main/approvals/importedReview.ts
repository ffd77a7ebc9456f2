// Runs in: main (plain Node). The review model of a payout imported from another desk for approval:
// what the approver reads before signing, with the statement their Ledger will show, and where this
// desk's own catalogue disagrees with the file (a token address or network name that differs is a
// reason to stop and ask).
import type { ImportedReview } from '../../shared/approvals'
import type { Catalogue } from '../domain/catalogue'
import type { StoredRequest } from '../store/approvalRepo'
import { approversOf, type PolicyDocument } from './policyDocument'
import { parseApprovalRequest } from './files'
import { payoutStatement, type AuditAnchor } from './statements'

export function importedReview(
  stored: StoredRequest,
  catalogue: Catalogue,
  policyOf: (hash: string) => PolicyDocument | undefined,
  anchor: AuditAnchor
): ImportedReview {
  const { file, digestInput } = parseApprovalRequest(new TextEncoder().encode(stored.request))
  const p = file.payout
  const warnings: string[] = []
  const network = catalogue.network(p.chainId)
  if (network === undefined) warnings.push(`Chain ${p.chainId} is not a network this desk knows.`)
  else if (network.name !== p.networkName)
    warnings.push(`This desk calls chain ${p.chainId} "${network.name}", the file says "${p.networkName}".`)
  const asset = catalogue.asset(p.asset.id)
  if (asset === undefined) warnings.push(`Currency ${p.asset.symbol} (${p.asset.id}) is not in this desk's catalogue.`)
  else if (
    asset.tokenAddress !== p.asset.tokenAddress ||
    asset.decimals !== p.asset.decimals ||
    asset.symbol !== p.asset.symbol
  ) {
    warnings.push(
      `The file's ${p.asset.symbol} (contract ${p.asset.tokenAddress ?? 'native'}, ${p.asset.decimals} decimals) differs from this desk's ${asset.symbol} (contract ${asset.tokenAddress ?? 'native'}, ${asset.decimals} decimals).`
    )
  }
  const s = file.submission
  const policy = s.policyHash === null ? undefined : policyOf(s.policyHash)
  const total = digestInput.recipients.reduce((sum, r) => sum + r.amount, 0n)
  return {
    payoutId: p.id,
    revision: p.revision,
    kind: p.kind,
    digest: file.digest,
    message: payoutStatement('approve', file.digest, digestInput, anchor),
    networkName: p.networkName,
    chainId: p.chainId,
    asset: p.asset,
    purpose: p.purpose,
    creatorName: s.submitterAddress === null ? 'Unsigned submission' : s.submitterName,
    creatorAddress: s.submitterAddress,
    payerAddress: s.payerAddress,
    acknowledgements: s.acknowledgements,
    totalBaseUnits: total.toString(),
    recipients: p.recipients.map((r) => ({
      row: r.row,
      address: r.address,
      amountBaseUnits: r.amount,
      reference: r.reference,
      name: r.name
    })),
    policy:
      policy === undefined || s.policyHash === null
        ? null
        : {
            sequence: policy.sequence,
            hash: s.policyHash,
            threshold: policy.threshold,
            approvers: approversOf(policy).map((m) => ({ ...m }))
          },
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
