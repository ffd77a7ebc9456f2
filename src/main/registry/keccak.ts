// Runs in: main (pure, no I/O) and the registry worker thread.
// Keccak-256 (the Ethereum hash, not NIST SHA3-256) of short ASCII input, for EIP-55 checksums of
// many addresses. JavaScript has no 64-bit integer type that is fast, and Keccak works on 64-bit
// lanes: so the permutation is a small WebAssembly function (native i64 xor, and, rotate) that
// this file writes out byte by byte from the Keccak-f[1600] definition when it is first loaded.
// The round constants and rotation offsets are derived from the specification's own rules (the
// LFSR and the (x, y) walk), not copied tables. Tests hold it to ethers' keccak256.

const LANES = 25
const LANE_BYTES = 8
const ROUNDS = 24
/** Bytes absorbed per block by Keccak-256 (1600 - 2 * 256 bits). */
const RATE_BYTES = 136
const RATE_LANES = RATE_BYTES / LANE_BYTES
const DIGEST_BYTES = 32
const DIGEST_LANES = DIGEST_BYTES / LANE_BYTES
/** Memory layout: the block to hash at 0, the digest right after it, the round constants after that. */
const BLOCK_AT = 0
const DIGEST_AT = RATE_BYTES
const ROUND_CONSTANTS_AT = 256
/** Keccak's (not SHA-3's) padding: 0x01 after the message, 0x80 in the block's last byte. */
const PAD_FIRST = 0x01
const PAD_LAST = 0x80

/** Round constants: bit 2^j - 1 of RC[i] is rc(j + 7i), rc being the specification's LFSR over x^8 + x^6 + x^5 + x^4 + 1. */
function roundConstants(): bigint[] {
  const out: bigint[] = []
  let lfsr = 1
  const rcBit = (): number => {
    const bit = lfsr & 1
    lfsr = lfsr & 0x80 ? ((lfsr << 1) ^ 0x71) & 0xff : (lfsr << 1) & 0xff
    return bit
  }
  for (let i = 0; i < ROUNDS; i++) {
    let rc = 0n
    for (let j = 0; j < 7; j++) if (rcBit() === 1) rc |= 1n << BigInt((1 << j) - 1)
    out.push(rc)
  }
  return out
}

/** Rotation offset of lane x + 5y: lane (1, 0) moves by 1, then (x, y) -> (y, 2x + 3y) moves by (t + 1)(t + 2) / 2. */
function rotationOffsets(): number[] {
  const r = new Array<number>(LANES).fill(0)
  let x = 1
  let y = 0
  for (let t = 0; t < ROUNDS; t++) {
    r[x + 5 * y] = (((t + 1) * (t + 2)) / 2) % 64
    ;[x, y] = [y, (2 * x + 3 * y) % 5]
  }
  return r
}

// WebAssembly encoding: the few opcodes the permutation needs.
const OP = {
  loop: 0x03,
  end: 0x0b,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i64Load: 0x29,
  i64Store: 0x37,
  i32Const: 0x41,
  i64Const: 0x42,
  i32LtU: 0x49,
  i32Add: 0x6a,
  i64And: 0x83,
  i64Xor: 0x85,
  i64Rotl: 0x89
} as const
const TYPE = { i32: 0x7f, i64: 0x7e, func: 0x60, voidBlock: 0x40 } as const
const SECTION = { type: 1, function: 3, memory: 5, export: 7, code: 10 } as const
const EXPORT_KIND = { func: 0, memory: 2 } as const
const ALIGN_8 = 3

function uleb(n: number): number[] {
  const out: number[] = []
  do {
    let byte = n & 0x7f
    n >>>= 7
    if (n !== 0) byte |= 0x80
    out.push(byte)
  } while (n !== 0)
  return out
}

function sleb(n: bigint): number[] {
  const out: number[] = []
  for (;;) {
    const byte = Number(n & 0x7fn)
    n >>= 7n
    const done = (n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0)
    out.push(done ? byte : byte | 0x80)
    if (done) return out
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()]
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body]
const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))]

/** The body of `permute()`: absorbs the block at BLOCK_AT into a zero state, runs 24 rounds, writes the digest at DIGEST_AT. */
function permuteBody(): number[] {
  // Locals: state a0..a24, after rho-pi b0..b24, column parities c0..c4, one theta term d, round offset.
  const A = 0
  const B = A + LANES
  const C = B + LANES
  const D = C + 5
  const ROUND = D + 1
  const rot = rotationOffsets()
  const code: number[] = []
  const get = (i: number) => code.push(OP.localGet, ...uleb(i))
  const set = (i: number) => code.push(OP.localSet, ...uleb(i))
  const memarg = (offset: number) => [ALIGN_8, ...uleb(offset)]
  for (let i = 0; i < RATE_LANES; i++) {
    code.push(OP.i32Const, 0, OP.i64Load, ...memarg(BLOCK_AT + i * LANE_BYTES))
    set(A + i)
  }
  code.push(OP.loop, TYPE.voidBlock)
  // Theta: column parities.
  for (let x = 0; x < 5; x++) {
    get(A + x)
    for (let y = 1; y < 5; y++) {
      get(A + x + 5 * y)
      code.push(OP.i64Xor)
    }
    set(C + x)
  }
  // Theta applied, then rho (rotate) and pi (move): B[y, 2x + 3y] = rot(A[x, y] ^ D[x], r[x, y]).
  for (let x = 0; x < 5; x++) {
    get(C + ((x + 4) % 5))
    get(C + ((x + 1) % 5))
    code.push(OP.i64Const, 1, OP.i64Rotl, OP.i64Xor)
    set(D)
    for (let y = 0; y < 5; y++) {
      get(A + x + 5 * y)
      get(D)
      code.push(OP.i64Xor)
      const r = rot[x + 5 * y]!
      if (r !== 0) code.push(OP.i64Const, ...sleb(BigInt(r)), OP.i64Rotl)
      set(B + y + 5 * ((2 * x + 3 * y) % 5))
    }
  }
  // Chi: A[x, y] = B[x, y] ^ (~B[x + 1, y] & B[x + 2, y]).
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 5; x++) {
      get(B + x + 5 * y)
      get(B + ((x + 1) % 5) + 5 * y)
      code.push(OP.i64Const, ...sleb(-1n), OP.i64Xor)
      get(B + ((x + 2) % 5) + 5 * y)
      code.push(OP.i64And, OP.i64Xor)
      set(A + x + 5 * y)
    }
  }
  // Iota: the round constant, read from memory at the round's offset.
  get(A)
  get(ROUND)
  code.push(OP.i64Load, ...memarg(ROUND_CONSTANTS_AT), OP.i64Xor)
  set(A)
  get(ROUND)
  code.push(
    OP.i32Const,
    ...sleb(BigInt(LANE_BYTES)),
    OP.i32Add,
    OP.localTee,
    ...uleb(ROUND),
    OP.i32Const,
    ...sleb(BigInt(ROUNDS * LANE_BYTES))
  )
  code.push(OP.i32LtU, OP.brIf, 0, OP.end)
  for (let i = 0; i < DIGEST_LANES; i++) {
    code.push(OP.i32Const, 0)
    get(A + i)
    code.push(OP.i64Store, ...memarg(DIGEST_AT + i * LANE_BYTES))
  }
  code.push(OP.end)
  const locals = vec([
    [...uleb(ROUND - A), TYPE.i64],
    [1, TYPE.i32]
  ])
  const body = [...locals, ...code]
  return [...uleb(body.length), ...body]
}

function moduleBytes(): Uint8Array {
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(SECTION.type, vec([[TYPE.func, 0, 0]])),
    ...section(SECTION.function, vec([[0]])),
    ...section(SECTION.memory, vec([[0x00, 1]])),
    ...section(
      SECTION.export,
      vec([
        [...name('memory'), EXPORT_KIND.memory, 0],
        [...name('permute'), EXPORT_KIND.func, 0]
      ])
    ),
    ...section(SECTION.code, vec([permuteBody()]))
  ]
  return new Uint8Array(bytes)
}

// The WebAssembly global of Node and Electron; declared here because the project's TypeScript
// libraries are ES-only (no DOM), and this is the one file that uses it.
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
}

const instance = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()), {})
const memory = instance.exports.memory as { buffer: ArrayBuffer }
const permute = instance.exports.permute as () => void
new BigUint64Array(memory.buffer, ROUND_CONSTANTS_AT, ROUNDS).set(roundConstants())
const block = new Uint8Array(memory.buffer, BLOCK_AT, RATE_BYTES)

/** Where a caller writes the bytes to hash (fewer than RATE_BYTES) before calling `keccakInPlace`. */
export const keccakInput: Uint8Array = block
/** The digest of the last `keccakInPlace`; overwritten by the next one. */
export const keccakDigest: Uint8Array = new Uint8Array(memory.buffer, DIGEST_AT, DIGEST_BYTES)

/** Hashes the first `length` bytes of `keccakInput` (one block: length < RATE_BYTES) into `keccakDigest`. */
export function keccakInPlace(length: number): void {
  if (!(length >= 0 && length < RATE_BYTES)) throw new RangeError('keccakInPlace hashes one block only')
  block.fill(0, length)
  block[length] = PAD_FIRST
  block[RATE_BYTES - 1] = block[RATE_BYTES - 1]! | PAD_LAST
  permute()
}

/** Keccak-256 of an ASCII string shorter than one block (136 bytes): the 32-byte digest. */
export function keccak256Ascii(text: string): Uint8Array {
  if (text.length >= RATE_BYTES) throw new RangeError('keccak256Ascii hashes one block only')
  for (let i = 0; i < text.length; i++) block[i] = text.charCodeAt(i) & 0xff
  keccakInPlace(text.length)
  return keccakDigest.slice()
}
