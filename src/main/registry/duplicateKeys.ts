// Runs in: main (pure, no I/O) and the registry worker thread.
// Which keys (addresses, references) occur more than once among many rows, without a hash map
// holding every key: each key gets a 52-bit fingerprint in a typed-array hash table, and only the
// keys whose fingerprints meet are compared exactly. Equal keys always have equal fingerprints, so
// no duplicate is missed; different keys that share a fingerprint are told apart by the exact
// comparison. For 100,000 distinct keys this is several times cheaper than a Map of strings.

const INITIAL_CAPACITY = 1024
const CHAR_A = 0x41
const CHAR_Z = 0x5a
const CASE_BIT = 0x20
const ASCII_END = 0x80
/** Two independent 32-bit hashes, 26 bits of each, make a fingerprint a double holds exactly. */
const HALF_BITS = 26
const HALF_SHIFT = 32 - HALF_BITS
const HALF_SPAN = 2 ** HALF_BITS
const FINGERPRINT_SPAN = HALF_SPAN * HALF_SPAN
const SEED_1 = 0x811c9dc5
const SEED_2 = 0x9747b28c
const MULTIPLIER_1 = 0x01000193
const MULTIPLIER_2 = 0x5bd1e995
const MIX_1 = 0x85ebca6b
const MIX_2 = 0xc2b2ae35

/** Murmur3's finalizer: every input bit moves every output bit, so the 26 bits kept are as good as any. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), MIX_1)
  h = Math.imul(h ^ (h >>> 13), MIX_2)
  return (h ^ (h >>> 16)) >>> 0
}

export class DuplicateKeys {
  /** Per key added, in order: its fingerprint and its row index. */
  private prints = new Float64Array(INITIAL_CAPACITY)
  private owners = new Int32Array(INITIAL_CAPACITY)
  private readonly keys: string[] = []
  private count = 0
  /**
   * Open addressing on the fingerprint's low bits, holding 1 + each fingerprint seen (0: free), so a
   * probe reads one place in memory. Never more than half full.
   */
  private table = new Float64Array(INITIAL_CAPACITY * 2)
  /** Fingerprints added more than once. */
  private meeting: Set<number> | undefined

  /**
   * `caseless`: keys that differ only in letter case are the same key (compared as toLowerCase
   * gives them). `fingerprintSpan` below 2^52 only in tests: it makes unrelated keys meet, so the
   * exact comparison is exercised.
   */
  constructor(
    private readonly caseless: boolean,
    private readonly fingerprintSpan = FINGERPRINT_SPAN
  ) {}

  /** Makes room for `keys` keys in all, so a caller that knows how many rows are coming never re-hashes on the way. */
  reserve(keys: number): void {
    let capacity = this.prints.length
    while (capacity < keys) capacity *= 2
    if (capacity > this.prints.length) this.resize(capacity)
  }

  /** Records that row `index` has `key`. */
  add(key: string, index: number): void {
    if (this.count === this.prints.length) this.resize(this.prints.length * 2)
    const print = this.fingerprint(key) % this.fingerprintSpan
    this.prints[this.count] = print
    this.owners[this.count] = index
    this.keys.push(key)
    this.place(this.count)
    this.count++
  }

  /** The row indexes of every key seen more than once, each group in the order the rows were added. */
  groups(): number[][] {
    const meeting = this.meeting
    if (meeting === undefined) return []
    const byKey = new Map<string, number[]>()
    for (let i = 0; i < this.count; i++) {
      if (!meeting.has(this.prints[i]!)) continue
      const key = this.exact(this.keys[i]!)
      const group = byKey.get(key)
      if (group === undefined) byKey.set(key, [this.owners[i]!])
      else group.push(this.owners[i]!)
    }
    return [...byKey.values()].filter((g) => g.length > 1)
  }

  /** Puts entry `entry`'s fingerprint in the table, or notes that it was there already. */
  private place(entry: number): void {
    const print = this.prints[entry]!
    const stored = print + 1
    const mask = this.table.length - 1
    // A fingerprint is an integer below 2^52: `& mask` keeps its low bits, which are uniform.
    for (let slot = print & mask; ; slot = (slot + 1) & mask) {
      const taken = this.table[slot]!
      if (taken === 0) {
        this.table[slot] = stored
        return
      }
      if (taken === stored) {
        ;(this.meeting ??= new Set()).add(print)
        return
      }
    }
  }

  private exact(key: string): string {
    return this.caseless ? key.toLowerCase() : key
  }

  /** A function of the exact key only: caseless keys are folded first (ASCII in place, anything else by toLowerCase). */
  private fingerprint(key: string): number {
    if (!this.caseless) return fingerprintOf(key, false)! // null only when folding
    return fingerprintOf(key, true) ?? fingerprintOf(key.toLowerCase(), false)!
  }

  private resize(capacity: number): void {
    const prints = new Float64Array(capacity)
    prints.set(this.prints)
    this.prints = prints
    const owners = new Int32Array(capacity)
    owners.set(this.owners)
    this.owners = owners
    this.table = new Float64Array(capacity * 2)
    for (let entry = 0; entry < this.count; entry++) this.place(entry)
  }
}

/**
 * The fingerprint of `text`'s characters and length; with `foldAscii`, A-Z count as a-z, and a
 * character beyond ASCII gives null (its lower case is toLowerCase's business, not ours).
 */
function fingerprintOf(text: string, foldAscii: boolean): number | null {
  let h1 = SEED_1
  let h2 = SEED_2
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i)
    if (foldAscii) {
      if (c >= ASCII_END) return null
      if (c >= CHAR_A && c <= CHAR_Z) c |= CASE_BIT
    }
    h1 = Math.imul(h1 ^ c, MULTIPLIER_1)
    h2 = Math.imul(h2 ^ c, MULTIPLIER_2)
  }
  return (mix(h1 ^ text.length) >>> HALF_SHIFT) * HALF_SPAN + (mix(h2 ^ text.length) >>> HALF_SHIFT)
}
