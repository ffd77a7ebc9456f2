// Runs in: main (pure, no I/O). The EIP-191 personal message a manager reads on their Ledger and
// signs. It is built only from what the digest covers, so any desktop holding the same payout
// builds the same text, and the signature can be checked anywhere without trusting a file.
import { formatAmount } from '../domain/money'
import type { DigestInput } from './digest'

/** Short lines: the device shows the message a few words at a time. */
export function approvalMessage(digest: string, payout: DigestInput): string {
  const total = payout.recipients.reduce((sum, r) => sum + r.amount, 0n)
  const count = payout.recipients.length
  return [
    'Approve Treasury payout',
    `${payout.payoutId} revision ${payout.revision}`,
    `${formatAmount(total, payout.asset.decimals)} ${payout.asset.symbol} to ${count} recipient${count === 1 ? '' : 's'}`,
    `on ${payout.networkName} (chain ${payout.chainId})`,
    `Digest ${digest.toLowerCase()}`
  ].join('\n')
}
