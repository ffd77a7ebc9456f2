// Runs in: benchmarks (plain Node). The L1 data fee an OP Stack chain (OP Mainnet, Base) charges a
// transaction since Fjord, from the size of its signed bytes once FastLZ-compressed. Source of the
// formula and its constants: the OP Stack specification, "Fjord L1-Cost fee changes (FastLZ
// estimator)" (specs/protocol/fjord/exec-engine.md; the same text at
// docs.base.org/base-chain/specs/upgrades/fjord/exec-engine), whose table gives intercept
// -42,585,600, fastlzCoef 836,500 and minTransactionSize 100; the GasPriceOracle predeploy
// (0x420000000000000000000000000000000000000F) hard-codes the same three values.
//   l1FeeScaled         = baseFeeScalar * l1BaseFee * 16 + blobBaseFeeScalar * blobBaseFee
//   estimatedSizeScaled = max(minTransactionSize * 1e6, intercept + fastlzCoef * fastlzSize)
//   l1Fee               = estimatedSizeScaled * l1FeeScaled / 1e12
// where fastlzSize is the length of the FastLZ (level 1) compression of the whole signed
// transaction (the typed envelope for an EIP-1559 transaction).

export const FJORD_INTERCEPT = -42_585_600n
export const FJORD_FASTLZ_COEF = 836_500n
export const FJORD_MIN_TRANSACTION_SIZE = 100n
const SCALE = 1_000_000n
const CALLDATA_BYTE_WEIGHT = 16n

/** FastLZ level 1 parameters (fastlz.c): hash table of 2^13 entries, back references up to 8,191 bytes. */
const HASH_LOG = 13
const HASH_MASK = (1 << HASH_LOG) - 1
const MAX_DISTANCE = 8192
/** A literal run holds at most 32 bytes behind its one-byte header. */
const MAX_LITERAL_RUN = 32
/** A match longer than this is written as several back references. */
const MAX_MATCH_CODE = 262
/** Match codes below this fit a two-byte back reference; longer ones take a third byte. */
const SHORT_MATCH_CODE = 7
/** The compressor stops looking for matches this close to the end; the tail is literals. */
const TAIL_BYTES = 13
/** Knuth's multiplicative hash constant, as fastlz.c uses it. */
const HASH_MULTIPLIER = 2654435769

const read24 = (data: Uint8Array, at: number): number =>
  (data[at] ?? 0) | ((data[at + 1] ?? 0) << 8) | ((data[at + 2] ?? 0) << 16)

/** Bits 19..31 of the 32-bit product, as fastlz.c computes the hash (Math.imul keeps the low 32 bits exactly). */
const hashOf = (sequence: number): number => (Math.imul(sequence, HASH_MULTIPLIER) >>> (32 - HASH_LOG)) & HASH_MASK

const literalBytes = (run: number): number => run + Math.ceil(run / MAX_LITERAL_RUN)

function matchBytes(code: number): number {
  let bytes = 0
  let rest = code
  while (rest > MAX_MATCH_CODE) {
    bytes += 3
    rest -= MAX_MATCH_CODE
  }
  return bytes + (rest < SHORT_MATCH_CODE ? 2 : 3)
}

/**
 * Length of the FastLZ level-1 compression of `data`, computed without writing the output: the
 * same walk as fastlz.c's compressor (3-byte hash, greedy longest match, literal runs of up to 32).
 */
export function fastLzSize(data: Uint8Array): number {
  const length = data.length
  const limit = length < TAIL_BYTES ? 0 : length - TAIL_BYTES
  const bound = length - 4
  const table = new Int32Array(1 << HASH_LOG)
  let size = 0
  let anchor = 0
  let ip = 2
  while (ip < limit) {
    let ref = 0
    // As fastlz.c: a match found at the last position before the tail is not used.
    for (;;) {
      const sequence = read24(data, ip)
      const hash = hashOf(sequence)
      ref = table[hash] ?? 0
      table[hash] = ip
      const matched = ip - ref < MAX_DISTANCE && read24(data, ref) === sequence
      if (ip >= limit) break
      ip++
      if (matched) break
    }
    if (ip >= limit) break
    ip--
    if (ip > anchor) size += literalBytes(ip - anchor)
    // Bytes beyond the first three that match, plus one: fastlz.c's match code (length - 2).
    let code = 0
    for (let p = ref + 3, q = ip + 3; q < bound; p++, q++) {
      code++
      if (data[p] !== data[q]) break
    }
    size += matchBytes(code)
    ip += code
    table[hashOf(read24(data, ip))] = ip
    ip++
    table[hashOf(read24(data, ip))] = ip
    ip++
    anchor = ip
  }
  return size + (length > anchor ? literalBytes(length - anchor) : 0)
}

export interface L1FeeParameters {
  /** L1 base fee in wei. */
  readonly l1BaseFee: bigint
  /** L1 blob base fee in wei. */
  readonly blobBaseFee: bigint
  /** Scaled by 1e6. */
  readonly baseFeeScalar: bigint
  /** Scaled by 1e6. */
  readonly blobBaseFeeScalar: bigint
}

/** The compressed-size estimate the fee is charged on, in bytes scaled by 1e6. */
export function estimatedSizeScaled(fastlz: number): bigint {
  const estimate = FJORD_INTERCEPT + FJORD_FASTLZ_COEF * BigInt(fastlz)
  const floor = FJORD_MIN_TRANSACTION_SIZE * SCALE
  return estimate > floor ? estimate : floor
}

/** The L1 data fee in wei of a signed transaction (its raw bytes) on an OP Stack chain since Fjord. */
export function l1DataFee(signed: Uint8Array, p: L1FeeParameters): bigint {
  const feeScaled = p.baseFeeScalar * p.l1BaseFee * CALLDATA_BYTE_WEIGHT + p.blobBaseFeeScalar * p.blobBaseFee
  return (estimatedSizeScaled(fastLzSize(signed)) * feeScaled) / (SCALE * SCALE)
}
