// Runs in: tests (plain Node, Vitest). The cheap sender check answers exactly what full recovery answers: for the
// right account, for another account, and for signatures whose r, s or parity were changed.
import fc from 'fast-check'
import { Signature, Transaction, Wallet, getAddress } from 'ethers'
import { describe, expect, it } from 'vitest'
import { isSignedBy, recoveredSender } from './senderCheck'

const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const key = (seed: bigint): string => '0x' + ((seed % (CURVE_ORDER - 1n)) + 1n).toString(16).padStart(64, '0')

function signedTx(wallet: Pick<Wallet, 'signingKey'>, nonce: number, value: bigint): Transaction {
  const tx = Transaction.from({
    type: 2,
    chainId: 31337n,
    nonce,
    to: '0x000000000000000000000000000000000000dEaD',
    value,
    gasLimit: 21_000n,
    maxFeePerGas: 30n,
    maxPriorityFeePerGas: 2n
  })
  tx.signature = wallet.signingKey.sign(tx.unsignedHash)
  return tx
}

/** The same transaction with another signature: what recovery says about it is the reference. */
function resigned(tx: Transaction, signature: Signature): Transaction {
  const copy = tx.clone()
  copy.signature = signature
  return copy
}

describe('checking who signed a transaction', () => {
  it('agrees with full recovery for the right account, another account and altered signatures', () => {
    const seeds = fc.bigInt({ min: 1n, max: 2n ** 256n })
    fc.assert(
      fc.property(
        seeds,
        seeds,
        fc.nat({ max: 2 ** 31 }),
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        (a, b, nonce, value) => {
          const signer = new Wallet(key(a))
          const other = new Wallet(key(b))
          // Twice for the signer: the first call recovers in full, the second uses the account's tables.
          for (const n of [nonce, nonce + 1]) {
            const tx = signedTx(signer, n, value)
            expect(isSignedBy(tx.serialized, tx, signer.address)).toBe(true)
            expect(isSignedBy(tx.serialized, tx, other.address)).toBe(recoveredSender(tx) === other.address)
            const sig = tx.signature!
            const flipped = resigned(tx, Signature.from({ r: sig.r, s: sig.s, yParity: sig.yParity === 0 ? 1 : 0 }))
            const r = (BigInt(sig.r) + 1n) % CURVE_ORDER
            const otherR = resigned(
              tx,
              Signature.from({ r: '0x' + r.toString(16).padStart(64, '0'), s: sig.s, yParity: sig.yParity })
            )
            for (const altered of [flipped, otherR]) {
              const truth = recoveredSender(altered)
              expect(truth).not.toBe(signer.address)
              expect(isSignedBy(altered.serialized, altered, signer.address)).toBe(false)
              // An altered signature still recovers to some key; the check agrees with recovery for it too.
              if (truth !== undefined) expect(isSignedBy(altered.serialized, altered, truth)).toBe(true)
            }
          }
        }
      ),
      { numRuns: 12 }
    )
  })

  it('accepts any spelling of the address and refuses an unsigned transaction', () => {
    const wallet = Wallet.createRandom()
    const tx = signedTx(wallet, 3, 1n)
    expect(isSignedBy(tx.serialized, tx, wallet.address.toLowerCase())).toBe(true)
    expect(isSignedBy(tx.serialized, tx, getAddress(wallet.address))).toBe(true)
    const unsigned = tx.clone()
    unsigned.signature = null
    expect(isSignedBy(unsigned.unsignedSerialized, unsigned, wallet.address)).toBe(false)
  })
})
