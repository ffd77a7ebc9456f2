// Runs in: main (plain Node). The engine's own check of what a signer returned, before the bytes
// are persisted: the raw transaction must decode to exactly the transaction that was asked for,
// recover to the paying account, and hash to the hash that will be journalled. Signers promise the
// same (see signer.ts); a payment engine checks anyway. The sender check is `isSignedBy`: exact
// recovery semantics, computed once per signed transaction even though the signer checked the same
// bytes a moment earlier (see senderCheck.ts).
import { Transaction, keccak256 } from 'ethers'
import { CHAIN_ERROR, ChainError } from './errors'
import { isSignedBy } from './senderCheck'
import type { SignedTransaction, UnsignedTransaction } from './signer'

function mismatch(field: string): ChainError {
  return new ChainError(
    CHAIN_ERROR.signerMismatch,
    `The signed transaction differs from the one prepared (${field}). Nothing was sent.`,
    { details: { field } }
  )
}

/** Returns the lower-case hash to journal. Throws SIGNER_MISMATCH naming the first differing field. */
export function checkSigned(expected: UnsignedTransaction, from: string, signed: SignedTransaction): string {
  let parsed: Transaction
  try {
    parsed = Transaction.from(signed.raw)
  } catch {
    throw mismatch('raw bytes')
  }
  if (!parsed.isSigned() || !isSignedBy(signed.raw, parsed, from)) throw mismatch('signer')
  // The hash of the very bytes that will be sent (what a node computes), not of a re-serialization.
  const hash = keccak256(signed.raw)
  if (hash !== signed.hash.toLowerCase()) throw mismatch('hash')
  const checks: [string, boolean][] = [
    ['type', parsed.type === expected.type],
    ['chain id', parsed.chainId === expected.chainId],
    ['nonce', parsed.nonce === expected.nonce],
    // Both sides are parsed addresses (the plan's went through getAddress): equal bytes, equal text.
    ['recipient', parsed.to !== null && parsed.to.toLowerCase() === expected.to.toLowerCase()],
    ['value', parsed.value === expected.value],
    ['data', parsed.data.toLowerCase() === expected.data.toLowerCase()],
    ['gas limit', parsed.gasLimit === expected.gasLimit],
    ...(expected.type === 2
      ? ([
          ['max fee', parsed.maxFeePerGas === expected.maxFeePerGas],
          ['priority fee', parsed.maxPriorityFeePerGas === expected.maxPriorityFeePerGas]
        ] as [string, boolean][])
      : ([['gas price', parsed.gasPrice === expected.gasPrice]] as [string, boolean][]))
  ]
  const wrong = checks.find(([, same]) => !same)
  if (wrong) throw mismatch(wrong[0])
  return hash
}
