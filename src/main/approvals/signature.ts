// Runs in: main (pure, no I/O). Who signed an approval message: the address an EIP-191 signature
// recovers to. A malformed signature is a refusal with its own code, never a crash.
import { getAddress, verifyMessage } from 'ethers'
import { AppFailure } from '../../shared/errors'

const SIGNATURE_HEX = /^0x[0-9a-fA-F]{130}$/

/** The EIP-55 address that signed `message`, or an AppFailure('approval_signature_invalid'). */
export function recoverApprover(message: string, signature: string): string {
  if (!SIGNATURE_HEX.test(signature)) {
    throw new AppFailure(
      'approval_signature_invalid',
      'The approval signature is not a 65-byte Ledger signature. Sign the approval again on the Ledger.'
    )
  }
  try {
    return getAddress(verifyMessage(message, signature))
  } catch {
    throw new AppFailure(
      'approval_signature_invalid',
      'The approval signature cannot be checked: it is damaged. Sign the approval again on the Ledger.'
    )
  }
}
