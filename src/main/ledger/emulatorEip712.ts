// Runs in: main (plain Node). Full EIP-712 signing in the Ledger emulator, as the Ethereum app does
// it: struct definitions (INS 0x1A), then the domain and the message streamed field by field
// (INS 0x1C, with array sizes and multi-APDU values), filtering (INS 0x1E), then SIGN (INS 0x0C,
// P2 = 01). The app never sees JSON: it hashes what arrives against the definitions, refuses what
// does not fit them with its status words, shows every field, and signs keccak256(0x1901 ||
// domainHash || messageHash) with RFC 6979. Filters must carry Ledger's signature, which the
// emulator cannot check: once filtering is activated, a filter is refused as a bad one would be.
import { getAddress, keccak256, toUtf8Bytes } from 'ethers'
import * as SW from './statusWords'
import type { ScreenField } from './emulatorApp'

const TYPE_KEY = { custom: 0, int: 1, uint: 2, address: 3, bool: 4, string: 5, bytesFixed: 6, bytes: 7 } as const
type TypeKey = (typeof TYPE_KEY)[keyof typeof TYPE_KEY]
const TYPE_ARRAY_BIT = 0x80
const TYPE_SIZE_BIT = 0x40
const TYPE_KEY_MASK = 0x0f
const ARRAY_FIXED = 1
const WORD = 32
const ADDRESS_BYTES = 20
/** The app formats a value into a 380-byte buffer: longer values end in "...". */
const DISPLAY_MAX_CHARS = 379
const P1_COMPLETE = 0x00
const P2_DEF_NAME = 0x00
const P2_DEF_FIELD = 0xff
const P2_IMPL_ROOT = 0x00
const P2_IMPL_ARRAY = 0x0f
const P2_IMPL_FIELD = 0xff
const P2_FILTER_ACTIVATE = 0x00
const DOMAIN = 'EIP712Domain'

interface FieldType {
  readonly key: TypeKey
  readonly custom: string
  readonly size: number | undefined
  /** Outermost first as written left to right: `uint8[2][]` is [2, null]. */
  readonly arrays: readonly (number | null)[]
}
interface FieldDef {
  readonly name: string
  readonly type: FieldType
}

type Frame =
  | { kind: 'struct'; name: string; label: string; index: number; words: Buffer[] }
  | { kind: 'array'; element: FieldType; label: string; size: number; words: Buffer[] }

export interface Eip712Outcome {
  readonly status: number
  /** Set once a field value is complete: what the device shows for it. */
  readonly shown?: ScreenField
}

/** How the app prints bytes (the SDK's array_bytes_string): "0x" and upper-case hex digits. */
export function deviceHex(b: Buffer): string {
  return '0x' + b.toString('hex').toUpperCase()
}

class Refusal extends Error {
  constructor(readonly status: number) {
    super(SW.statusWordHex(status))
  }
}
const refuse = (status: number): never => {
  throw new Refusal(status)
}

function typeName(t: FieldType, level = t.arrays.length): string {
  const base =
    t.key === TYPE_KEY.custom
      ? t.custom
      : t.key === TYPE_KEY.int
        ? `int${(t.size ?? WORD) * 8}`
        : t.key === TYPE_KEY.uint
          ? `uint${(t.size ?? WORD) * 8}`
          : t.key === TYPE_KEY.bytesFixed
            ? `bytes${t.size ?? WORD}`
            : ['', '', '', 'address', 'bool', 'string', '', 'bytes'][t.key]
  return (
    base +
    t.arrays
      .slice(0, level)
      .map((a) => (a === null ? '[]' : `[${a}]`))
      .join('')
  )
}

/** Parses one field definition (the app's set_struct_field); undefined when malformed. */
function parseFieldDef(data: Buffer): FieldDef | undefined {
  let at = 0
  const byte = (): number => {
    if (at >= data.length) throw new Refusal(SW.SW_INVALID_DATA)
    return data[at++] as number
  }
  const text = (): string => {
    const length = byte()
    if (at + length > data.length) throw new Refusal(SW.SW_INVALID_DATA)
    const s = data.subarray(at, at + length).toString('utf8')
    at += length
    return s
  }
  try {
    const desc = byte()
    const key = (desc & TYPE_KEY_MASK) as TypeKey
    if (key > TYPE_KEY.bytes) return undefined
    const custom = key === TYPE_KEY.custom ? text() : ''
    const size = desc & TYPE_SIZE_BIT ? byte() : undefined
    const arrays: (number | null)[] = []
    if (desc & TYPE_ARRAY_BIT) {
      const levels = byte()
      for (let i = 0; i < levels; i++) arrays.push(byte() === ARRAY_FIXED ? byte() : null)
    }
    const name = text()
    if (at !== data.length || name.length === 0) return undefined
    return { name, type: { key, custom, size, arrays } }
  } catch {
    return undefined
  }
}

export function createEip712Session() {
  const structs = new Map<string, FieldDef[]>()
  let current: FieldDef[] | undefined
  let implementing = false
  let filtering = false
  let stack: Frame[] = []
  let root: 'domain' | 'message' | undefined
  let pendingValue: { field: FieldDef; label: string; remaining: number; parts: Buffer[] } | undefined
  let domainHash: Buffer | undefined
  let messageHash: Buffer | undefined
  let shown: ScreenField[] = []

  function encodeType(name: string): string {
    const deps = new Set<string>()
    const visit = (n: string): void => {
      for (const f of structs.get(n) ?? []) {
        if (f.type.key === TYPE_KEY.custom && !deps.has(f.type.custom) && f.type.custom !== name) {
          deps.add(f.type.custom)
          visit(f.type.custom)
        }
      }
    }
    visit(name)
    const one = (n: string): string =>
      `${n}(${(structs.get(n) ?? []).map((f) => `${typeName(f.type)} ${f.name}`).join(',')})`
    return [name, ...[...deps].sort()].map(one).join('')
  }
  const typeHash = (name: string): Buffer => Buffer.from(keccak256(toUtf8Bytes(encodeType(name))).slice(2), 'hex')

  /** The field the next value or array size belongs to, descending into structs as the app's path does. */
  function expected(): { type: FieldType; label: string } | undefined {
    for (;;) {
      const top = stack[stack.length - 1]
      if (!top) return undefined
      let type: FieldType
      let label: string
      if (top.kind === 'struct') {
        const def = (structs.get(top.name) ?? [])[top.index]
        if (!def) return undefined
        type = def.type
        label = top.label ? `${top.label}.${def.name}` : def.name
      } else {
        type = top.element
        label = top.label
      }
      if (type.arrays.length === 0 && type.key === TYPE_KEY.custom) {
        if (!structs.has(type.custom)) refuse(SW.SW_INVALID_DATA)
        stack.push({ kind: 'struct', name: type.custom, label, index: 0, words: [typeHash(type.custom)] })
        continue
      }
      return { type, label }
    }
  }

  /** A value (32-byte word) completes the current position; completed structs and arrays fold upwards. */
  function complete(word: Buffer): void {
    let value = word
    for (;;) {
      const top = stack[stack.length - 1]
      if (!top) return
      top.words.push(value)
      if (top.kind === 'struct') top.index++
      const done =
        top.kind === 'struct' ? top.index >= (structs.get(top.name) ?? []).length : top.words.length >= top.size
      if (!done) return
      stack.pop()
      value = Buffer.from(keccak256(Buffer.concat(top.words)).slice(2), 'hex')
      if (stack.length === 0) {
        if (root === 'domain') domainHash = value
        else messageHash = value
        return
      }
    }
  }

  function arraySize(data: Buffer): void {
    if (data.length !== 1) refuse(SW.SW_INVALID_DATA)
    const at = expected() ?? refuse(SW.SW_INVALID_DATA)
    if (at.type.arrays.length === 0) refuse(SW.SW_INVALID_DATA)
    const size = data[0] as number
    const fixed = at.type.arrays[0]
    if (fixed !== null && fixed !== undefined && fixed !== size) refuse(SW.SW_INVALID_DATA)
    if (size === 0) {
      complete(Buffer.from(keccak256('0x').slice(2), 'hex'))
      return
    }
    const element: FieldType = { ...at.type, arrays: at.type.arrays.slice(1) }
    stack.push({ kind: 'array', element, label: `${at.label}.[]`, size, words: [] })
  }

  function staticWord(t: FieldType, v: Buffer): Buffer {
    const out = Buffer.alloc(WORD)
    switch (t.key) {
      case TYPE_KEY.uint:
        if (v.length > WORD) refuse(SW.SW_INVALID_DATA)
        v.copy(out, WORD - v.length)
        return out
      case TYPE_KEY.int: {
        if (v.length > WORD) refuse(SW.SW_INVALID_DATA)
        if (v.length === (t.size ?? WORD) && ((v[0] ?? 0) & 0x80) !== 0) out.fill(0xff)
        v.copy(out, WORD - v.length)
        return out
      }
      case TYPE_KEY.address:
        if (v.length !== ADDRESS_BYTES) refuse(SW.SW_INVALID_DATA)
        v.copy(out, WORD - v.length)
        return out
      case TYPE_KEY.bool:
        if (v.length !== 1) refuse(SW.SW_INVALID_DATA)
        out[WORD - 1] = v[0] ? 1 : 0
        return out
      case TYPE_KEY.bytesFixed:
        if (v.length > WORD) refuse(SW.SW_INVALID_DATA)
        v.copy(out, 0)
        return out
      default:
        return refuse(SW.SW_INVALID_DATA)
    }
  }

  function display(t: FieldType, v: Buffer): string {
    const clip = (s: string): string => (s.length > DISPLAY_MAX_CHARS ? s.slice(0, DISPLAY_MAX_CHARS - 3) + '...' : s)
    switch (t.key) {
      case TYPE_KEY.address:
        return getAddress('0x' + v.toString('hex'))
      case TYPE_KEY.bool:
        return v[0] ? 'true' : 'false'
      case TYPE_KEY.string:
        return clip(v.toString('utf8'))
      case TYPE_KEY.uint:
        return (v.length === 0 ? 0n : BigInt('0x' + v.toString('hex'))).toString()
      case TYPE_KEY.int: {
        const n = v.length === 0 ? 0n : BigInt('0x' + v.toString('hex'))
        const negative = v.length === (t.size ?? WORD) && ((v[0] ?? 0) & 0x80) !== 0
        return (negative ? n - (1n << BigInt(v.length * 8)) : n).toString()
      }
      default:
        return clip(deviceHex(v))
    }
  }

  function fieldValue(p1: number, data: Buffer): Eip712Outcome {
    const partial = p1 !== P1_COMPLETE
    let value = pendingValue
    if (!value) {
      const at = expected() ?? refuse(SW.SW_INVALID_DATA)
      if (at.type.arrays.length > 0) refuse(SW.SW_INVALID_DATA)
      if (data.length < 2) refuse(SW.SW_INVALID_DATA)
      value = { field: { name: at.label, type: at.type }, label: at.label, remaining: data.readUInt16BE(0), parts: [] }
      data = data.subarray(2)
    }
    const dynamic = value.field.type.key === TYPE_KEY.string || value.field.type.key === TYPE_KEY.bytes
    if (data.length > value.remaining) refuse(SW.SW_INVALID_DATA)
    value.remaining -= data.length
    value.parts.push(data)
    if (value.remaining > 0) {
      if (!partial || !dynamic) refuse(SW.SW_INVALID_DATA)
      pendingValue = value
      return { status: SW.SW_OK }
    }
    if (partial) refuse(SW.SW_INVALID_DATA)
    pendingValue = undefined
    const whole = Buffer.concat(value.parts)
    const word = dynamic ? Buffer.from(keccak256(whole).slice(2), 'hex') : staticWord(value.field.type, data)
    const field = { label: value.label, value: display(value.field.type, dynamic ? whole : data) }
    shown.push(field)
    complete(word)
    return { status: SW.SW_OK, shown: field }
  }

  function reset(): void {
    structs.clear()
    current = undefined
    implementing = false
    filtering = false
    stack = []
    root = undefined
    pendingValue = undefined
    domainHash = undefined
    messageHash = undefined
    shown = []
  }

  /** Any refusal ends the EIP-712 operation, as the app deinitialises its context. */
  function guarded(step: () => Eip712Outcome): Eip712Outcome {
    try {
      return step()
    } catch (e) {
      if (!(e instanceof Refusal)) throw e
      reset()
      return { status: e.status }
    }
  }

  return {
    get active(): boolean {
      return structs.size > 0
    },
    reset,
    definition(p2: number, data: Buffer): Eip712Outcome {
      return guarded(() => {
        if (implementing) refuse(SW.SW_PARAMETER_ERROR)
        if (p2 === P2_DEF_NAME) {
          const name = data.toString('utf8')
          if (name.length === 0) refuse(SW.SW_INVALID_DATA)
          current = []
          structs.set(name, current)
          return { status: SW.SW_OK }
        }
        if (p2 !== P2_DEF_FIELD) refuse(SW.SW_WRONG_P1_P2)
        const field = parseFieldDef(data) ?? refuse(SW.SW_INVALID_DATA)
        if (!current) refuse(SW.SW_INVALID_DATA)
        current?.push(field)
        return { status: SW.SW_OK }
      })
    },
    implementation(p1: number, p2: number, data: Buffer): Eip712Outcome {
      if (structs.size === 0) return { status: SW.SW_NO_EIP712_CONTEXT }
      return guarded(() => {
        switch (p2) {
          case P2_IMPL_ROOT: {
            const name = data.toString('utf8')
            if (!structs.has(name)) refuse(SW.SW_PARAMETER_ERROR)
            implementing = true
            root = name === DOMAIN ? 'domain' : 'message'
            pendingValue = undefined
            stack = [{ kind: 'struct', name, label: '', index: 0, words: [typeHash(name)] }]
            return { status: SW.SW_OK }
          }
          case P2_IMPL_ARRAY:
            arraySize(data)
            return { status: SW.SW_OK }
          case P2_IMPL_FIELD:
            return fieldValue(p1, data)
          default:
            return refuse(SW.SW_WRONG_P1_P2)
        }
      })
    },
    filter(p2: number): Eip712Outcome {
      if (structs.size === 0) return { status: SW.SW_NO_EIP712_CONTEXT }
      if (p2 === P2_FILTER_ACTIVATE) {
        filtering = true
        return { status: SW.SW_OK }
      }
      if (!filtering) return { status: SW.SW_OK }
      return guarded(() => refuse(SW.SW_INVALID_DATA))
    },
    /** Before SIGN: the hashes to sign and what the device shows, or the status the app refuses with. */
    readyToSign():
      { status: number } | { status: typeof SW.SW_OK; domainHash: Buffer; messageHash: Buffer; fields: ScreenField[] } {
      if (structs.size === 0) return { status: SW.SW_NO_EIP712_CONTEXT }
      if (!domainHash || !messageHash || stack.length > 0 || pendingValue) {
        reset()
        return { status: SW.SW_INVALID_DATA }
      }
      if (filtering) {
        reset()
        return { status: SW.SW_REFERENCED_DATA_NOT_FOUND }
      }
      return { status: SW.SW_OK, domainHash, messageHash, fields: shown }
    }
  }
}

export type Eip712Session = ReturnType<typeof createEip712Session>
