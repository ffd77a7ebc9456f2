// Runs in: main (plain Node). Full EIP-712 signing sent to the Ethereum app APDU by APDU: the struct
// definitions (INS 0x1A, types sorted by name), the domain and the message field by field (INS
// 0x1C: array sizes, values with a 2-byte length, long values over several APDUs), then SIGN
// (INS 0x0C, P2 = 01). The same bytes as @ledgerhq/hw-app-eth 7.9.0's signEIP712Message without
// filters, except for long values: hw-app-eth cuts a value into ceil(n / 256) pieces of 255 bytes
// and so drops the tail of many values longer than 255 bytes (a MultiSend batch), which the device
// refuses. Here every byte is sent. No Ledger service is ever contacted.
import type Transport from '@ledgerhq/hw-transport'
import { getBytes, toUtf8Bytes } from 'ethers'
import { encodePath } from './bip32Path'
import * as SW from './statusWords'

export interface TypedMessage {
  readonly domain: Record<string, unknown>
  readonly types: Record<string, readonly { readonly name: string; readonly type: string }[]>
  readonly primaryType: string
  readonly message: Record<string, unknown>
}

const TYPE_KEY: Record<string, number> = { int: 1, uint: 2, address: 3, bool: 4, string: 5, bytes: 7 }
const BYTES_FIXED_KEY = 6
const CUSTOM_KEY = 0
const ARRAY_BIT = 0x80
const SIZE_BIT = 0x40
const ARRAY_DYNAMIC = 0
const ARRAY_FIXED = 1
const P1_COMPLETE = 0x00
const P1_PARTIAL = 0x01
const P2_NAME = 0x00
const P2_ARRAY = 0x0f
const P2_FIELD = 0xff
const MAX_APDU_DATA = 255
const DOMAIN = 'EIP712Domain'

interface ParsedType {
  readonly base: string
  /** Bits for int/uint, bytes for bytesN. */
  readonly size: number | undefined
  readonly arrays: readonly (number | null)[]
}

function parseType(type: string): ParsedType {
  const match = /^([A-Za-z_$][\w$]*?)(\d+)?((\[\d*\])*)$/.exec(type)
  if (!match) throw new Error(`Unsupported EIP-712 type "${type}"`)
  const [, name = '', digits, arrays = ''] = match
  const known = name in TYPE_KEY
  const base = known || name === 'bytes' ? name : `${name}${digits ?? ''}`
  return {
    base,
    size: known || name === 'bytes' ? (digits === undefined ? undefined : Number(digits)) : undefined,
    arrays: [...arrays.matchAll(/\[(\d*)\]/g)].map(([, n]) => (n === '' || n === undefined ? null : Number(n)))
  }
}

/** One field definition as the app parses it (type byte, custom name, size, array levels, key). */
function fieldDefinition(name: string, type: string, structs: ReadonlySet<string>): Buffer {
  const t = parseType(type)
  const fixedBytes = t.base === 'bytes' && t.size !== undefined
  const key = structs.has(t.base) ? CUSTOM_KEY : fixedBytes ? BYTES_FIXED_KEY : TYPE_KEY[t.base]
  if (key === undefined) throw new Error(`Unsupported EIP-712 type "${type}"`)
  const size = key === TYPE_KEY.int || key === TYPE_KEY.uint ? (t.size ?? 256) / 8 : fixedBytes ? t.size : undefined
  const parts: number[] = [(t.arrays.length ? ARRAY_BIT : 0) | (size !== undefined ? SIZE_BIT : 0) | key]
  if (key === CUSTOM_KEY) parts.push(t.base.length, ...toUtf8Bytes(t.base))
  if (size !== undefined) parts.push(size)
  if (t.arrays.length) {
    parts.push(t.arrays.length)
    for (const a of t.arrays) parts.push(...(a === null ? [ARRAY_DYNAMIC] : [ARRAY_FIXED, a]))
  }
  parts.push(name.length, ...toUtf8Bytes(name))
  return Buffer.from(parts)
}

function minimalBigEndian(n: bigint): Buffer {
  const hex = n.toString(16)
  return Buffer.from(hex.length % 2 ? '0' + hex : hex, 'hex')
}

/** A value's bytes as the app reads them for its type. */
function valueBytes(t: ParsedType, value: unknown): Buffer {
  switch (t.base) {
    case 'uint':
    case 'int': {
      const n = BigInt(value as string | number | bigint)
      const bits = BigInt(t.size ?? 256)
      return minimalBigEndian(n < 0n ? (1n << bits) + n : n)
    }
    case 'bool':
      return Buffer.from([value === true || value === 'true' || value === 1 ? 1 : 0])
    case 'address':
      return Buffer.from(getBytes(String(value)))
    case 'string':
      return Buffer.from(toUtf8Bytes(String(value ?? '')))
    case 'bytes':
      return Buffer.from(getBytes(String(value ?? '0x')))
    default:
      throw new Error(`Unsupported EIP-712 value type ${t.base}`)
  }
}

export async function signTypedMessageFull(
  transport: Pick<Transport, 'send'>,
  path: string,
  typed: TypedMessage
): Promise<{ v: number; r: string; s: string }> {
  const send = (ins: number, p1: number, p2: number, data: Buffer) => transport.send(SW.CLA_ETH, ins, p1, p2, data)
  const names = Object.keys(typed.types).sort()
  const structs = new Set(names)
  for (const name of names) {
    await send(SW.INS_EIP712_STRUCT_DEF, P1_COMPLETE, P2_NAME, Buffer.from(toUtf8Bytes(name)))
    for (const field of typed.types[name] ?? [])
      await send(SW.INS_EIP712_STRUCT_DEF, P1_COMPLETE, P2_FIELD, fieldDefinition(field.name, field.type, structs))
  }
  const field = async (type: string, value: unknown): Promise<void> => {
    const t = parseType(type)
    if (t.arrays.length) {
      const items = value as readonly unknown[]
      await send(SW.INS_EIP712_STRUCT_IMPL, P1_COMPLETE, P2_ARRAY, Buffer.from([items.length]))
      const inner = type.replace(/\[\d*\]$/, '')
      for (const item of items) await field(inner, item)
      return
    }
    if (structs.has(t.base)) {
      for (const f of typed.types[t.base] ?? []) await field(f.type, (value as Record<string, unknown>)[f.name])
      return
    }
    const bytes = valueBytes(t, value)
    const framed = Buffer.concat([Buffer.from([bytes.length >> 8, bytes.length & 0xff]), bytes])
    for (let at = 0; at < framed.length; at += MAX_APDU_DATA) {
      const last = at + MAX_APDU_DATA >= framed.length
      await send(
        SW.INS_EIP712_STRUCT_IMPL,
        last ? P1_COMPLETE : P1_PARTIAL,
        P2_FIELD,
        framed.subarray(at, at + MAX_APDU_DATA)
      )
    }
  }
  await send(SW.INS_EIP712_STRUCT_IMPL, P1_COMPLETE, P2_NAME, Buffer.from(toUtf8Bytes(DOMAIN)))
  for (const f of typed.types[DOMAIN] ?? []) await field(f.type, typed.domain[f.name])
  await send(SW.INS_EIP712_STRUCT_IMPL, P1_COMPLETE, P2_NAME, Buffer.from(toUtf8Bytes(typed.primaryType)))
  for (const f of typed.types[typed.primaryType] ?? []) await field(f.type, typed.message[f.name])
  const response = await send(SW.INS_SIGN_EIP712, 0x00, SW.P2_EIP712_FULL, encodePath(path))
  return {
    v: response[0] ?? 0,
    r: response.subarray(1, 33).toString('hex'),
    s: response.subarray(33, 65).toString('hex')
  }
}
