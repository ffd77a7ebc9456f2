// Runs in: main (pure, no I/O). The EIP-191 personal messages people sign on their Ledgers: a
// payout submitted, approved or rejected, and a policy version adopted. Each is built only from
// signed data (the payout digest, the policy hash) plus the audit log's head at the signing desk,
// so any desk holding the same data builds the same text, a signature is checked anywhere without
// trusting a file, and a log rewritten after the fact no longer matches what people signed.
// The first line names the act, so a signature for one act can never be replayed as another.
import { getAddress, verifyMessage } from 'ethers'
import { AppFailure } from '../../shared/errors'
import { formatAmount } from '../domain/money'
import type { DigestInput } from './digest'
import { approversOf, type PolicyDocument } from './policyDocument'

/** The audit log's last entry at the desk where a statement is signed (id 0 when the log is empty). */
export interface AuditAnchor {
  readonly id: number
  readonly hash: string
}

export type PayoutAct = 'submit' | 'approve'

const ACT_TITLES: Readonly<Record<PayoutAct, string>> = {
  submit: 'Submit Treasury payout',
  approve: 'Approve Treasury payout'
}

const SIGNATURE_HEX = /^0x[0-9a-fA-F]{130}$/

const anchorLine = (anchor: AuditAnchor): string => `Audit ${anchor.id} ${anchor.hash}`

function payoutLines(digest: string, payout: DigestInput): string[] {
  const total = payout.recipients.reduce((sum, r) => sum + r.amount, 0n)
  const count = payout.recipients.length
  return [
    `${payout.payoutId} revision ${payout.revision}`,
    `${formatAmount(total, payout.asset.decimals)} ${payout.asset.symbol} to ${count} recipient${count === 1 ? '' : 's'}`,
    `on ${payout.networkName} (chain ${payout.chainId})`,
    `Digest ${digest.toLowerCase()}`
  ]
}

/** Short lines: the device shows the message a few words at a time. */
export function payoutStatement(act: PayoutAct, digest: string, payout: DigestInput, anchor: AuditAnchor): string {
  return [ACT_TITLES[act], ...payoutLines(digest, payout), anchorLine(anchor)].join('\n')
}

/** A rejection carries its reason: the approver signs why, not only that. */
export function rejectionStatement(digest: string, payout: DigestInput, reason: string, anchor: AuditAnchor): string {
  return ['Reject Treasury payout', ...payoutLines(digest, payout), `Reason: ${reason}`, anchorLine(anchor)].join('\n')
}

export function policyStatement(doc: PolicyDocument, hash: string, anchor: AuditAnchor): string {
  const approvers = approversOf(doc).length
  return [
    'Adopt Treasury approval policy',
    `Version ${doc.sequence}`,
    `${doc.members.length} member${doc.members.length === 1 ? '' : 's'}, ${approvers} approver${approvers === 1 ? '' : 's'}`,
    `${doc.threshold} approval${doc.threshold === 1 ? '' : 's'} needed`,
    `Approval required: ${doc.requireApproval ? 'yes' : 'no'}`,
    `Unsigned submissions: ${doc.unsignedSubmissions ? 'allowed' : 'no'}`,
    `Policy ${hash.toLowerCase()}`,
    anchorLine(anchor)
  ].join('\n')
}

const ANCHOR_LINE = /^Audit ([0-9]{1,15}) ([0-9a-f]{64})$/

/** The audit anchor a signed statement names on its last line, or null when it names none. */
export function anchorOf(message: string): AuditAnchor | null {
  const last = message.slice(message.lastIndexOf('\n') + 1)
  const m = ANCHOR_LINE.exec(last)
  return m === null ? null : { id: Number(m[1]), hash: m[2]! }
}

/** The EIP-55 address that signed `message`; a malformed or damaged signature is a refusal, never a crash. */
export function recoverSigner(message: string, signature: string): string {
  if (!SIGNATURE_HEX.test(signature)) {
    throw new AppFailure(
      'approval_signature_invalid',
      'The signature is not a 65-byte Ledger signature. Sign again on the Ledger.'
    )
  }
  try {
    return getAddress(verifyMessage(message, signature))
  } catch {
    throw new AppFailure(
      'approval_signature_invalid',
      'The signature cannot be checked: it is damaged. Sign again on the Ledger.'
    )
  }
}
