// Runs in: main (plain Node). Whether a signed transaction was signed by a given account: the same
// answer as recovering the signer from the signature and comparing addresses, computed cheaply.
//
// Why not plain recovery: recovery multiplies the signature's own point R, a new point every time,
// with no precomputation; on our machines that is about 5 ms of the main thread per transaction.
// Instead, the first transaction of an account is recovered in full (which yields its public key
// Q), and from then on each signature (r, s, yParity) over digest h is checked against Q with
// precomputed tables for Q, in about a fifth of the time:
//
//   recovery with yParity v returns Q  <=>  R_v = (h/s)·G + (r/s)·Q
//
// where R_v is the curve point with x = r and y of parity v (the point recovery starts from).
// Proof: recovery computes r⁻¹(s·R_v − h·G); that equals Q exactly when s·R_v = h·G + r·Q. So the
// check below (x of the sum equals r exactly, not modulo n, and y has parity v) is recovery itself
// compared with Q, not a weaker "ECDSA verify" that would accept a flipped v. An address is the
// hash of its key, so the key found by the first recovery is the only key for that address.
//
// Answers are also remembered for the last few transactions (by raw signed bytes and account), so
// the signer's own check and the engine's check of the same bytes cost one computation, not two.
import { secp256k1 } from '@noble/curves/secp256k1'
import { invert } from '@noble/curves/abstract/modular'
import { SigningKey, computeAddress, type Transaction } from 'ethers'

type Point = InstanceType<typeof secp256k1.ProjectivePoint>
const G = secp256k1.ProjectivePoint.BASE
const N = secp256k1.CURVE.n
/** Window of the per-key tables: 8 bits makes each check about as fast as a multiple of G. */
const KEY_TABLE_WINDOW_BITS = 8
/** Accounts whose tables are kept (a payout signs from one; a few cover every device account in use). */
const MAX_KEYS = 8
/** Signed transactions whose answer is kept: the ones in flight between signing and the engine's check. */
const MAX_REMEMBERED = 32

const keys = new Map<string, Point>()
const remembered = new Map<string, true>()

function keep<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key)
  map.set(key, value)
  if (map.size > max) map.delete(map.keys().next().value as string)
}

/** The signer's address by full recovery; undefined when the signature recovers to nothing. */
export function recoveredSender(tx: Transaction): string | undefined {
  const publicKey = recoveredKey(tx)
  return publicKey === undefined ? undefined : computeAddress(publicKey)
}

function recoveredKey(tx: Transaction): string | undefined {
  if (tx.signature === null) return undefined
  try {
    return SigningKey.recoverPublicKey(tx.unsignedHash, tx.signature)
  } catch {
    return undefined
  }
}

/** R_v = (h/s)·G + (r/s)·Q, see the header. Undefined in the one case it cannot decide (h ≡ 0 mod n). */
function matchesKey(q: Point, digest: string, r: bigint, s: bigint, yParity: number): boolean | undefined {
  if (r <= 0n || r >= N || s <= 0n || s >= N) return false
  const h = BigInt(digest) % N
  const sInverse = invert(s, N)
  const u1 = (h * sInverse) % N
  const u2 = (r * sInverse) % N
  if (u1 === 0n) return undefined
  const sum = G.multiply(u1).add(q.multiply(u2))
  if (sum.equals(secp256k1.ProjectivePoint.ZERO)) return false
  const { x, y } = sum.toAffine()
  return x === r && Number(y & 1n) === yParity
}

/**
 * True when the signature of `tx` (parsed from exactly `raw`) recovers to `address` (EIP-55 or
 * lower case). Exactly the answer of `recoveredSender(tx) === address`, at a fraction of the cost
 * once the account has been seen, and free for bytes already checked.
 */
export function isSignedBy(raw: string, tx: Transaction, address: string): boolean {
  const signature = tx.signature
  if (signature === null) return false
  const account = address.toLowerCase()
  const memo = `${account}:${raw.toLowerCase()}`
  if (remembered.has(memo)) return true
  const q = keys.get(account)
  let verdict =
    q === undefined
      ? undefined
      : matchesKey(q, tx.unsignedHash, BigInt(signature.r), BigInt(signature.s), signature.yParity)
  if (verdict === undefined) {
    const publicKey = recoveredKey(tx)
    verdict = publicKey !== undefined && computeAddress(publicKey).toLowerCase() === account
    if (verdict && publicKey !== undefined && q === undefined) {
      keep(
        keys,
        account,
        secp256k1.utils.precompute(KEY_TABLE_WINDOW_BITS, secp256k1.ProjectivePoint.fromHex(publicKey.slice(2))),
        MAX_KEYS
      )
    }
  }
  if (verdict) keep(remembered, memo, true, MAX_REMEMBERED)
  return verdict
}
