// Runs in: main (plain Node). ERC-20 token descriptors signed by Ledger (the "CAL"), as published
// on npm in @ledgerhq/cryptoassets-evm-signatures, read offline. A descriptor is
// [ticker length][ticker][address 20][decimals u32][chainId u32][DER signature]; the device checks
// the signature over sha256 of everything between the ticker length byte and the signature.

import { createPublicKey, verify, type KeyObject } from 'node:crypto'
import { createRequire } from 'node:module'

/** Ledger's production CAL key (app-ethereum, "production key 2019-01-11 (erc20signer)"). */
const CAL_PUBLIC_KEY_HEX =
  '045e6c1020c14dc46442fe89f97c0b68cdb15976dc24f24c316e7b30fe4e8cc76b1489150c21514ebf440ff5dea5393d83de5358cd098fce8fd0f81daa94979183'

export interface Erc20Descriptor {
  readonly ticker: string
  /** Lower-case 0x address. */
  readonly address: string
  readonly decimals: number
  readonly chainId: number
  /** The full descriptor bytes, as sent in PROVIDE ERC20 TOKEN INFORMATION. */
  readonly payload: Buffer
}

/** Parses one descriptor; null when malformed. */
export function parseErc20Descriptor(
  payload: Buffer
): (Erc20Descriptor & { signedPart: Buffer; signature: Buffer }) | null {
  if (payload.length < 1) return null
  const tickerLength = payload[0]!
  const fixedEnd = 1 + tickerLength + 20 + 4 + 4
  if (payload.length <= fixedEnd) return null
  const ticker = payload.subarray(1, 1 + tickerLength).toString('ascii')
  const address = '0x' + payload.subarray(1 + tickerLength, 21 + tickerLength).toString('hex')
  const decimals = payload.readUInt32BE(21 + tickerLength)
  const chainId = payload.readUInt32BE(25 + tickerLength)
  return {
    ticker,
    address,
    decimals,
    chainId,
    payload,
    signedPart: payload.subarray(1, fixedEnd),
    signature: payload.subarray(fixedEnd)
  }
}

let calKey: KeyObject | null = null
function calPublicKey(): KeyObject {
  if (calKey) return calKey
  const raw = Buffer.from(CAL_PUBLIC_KEY_HEX, 'hex')
  calKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'secp256k1',
      x: raw.subarray(1, 33).toString('base64url'),
      y: raw.subarray(33).toString('base64url')
    },
    format: 'jwk'
  })
  return calKey
}

/** True when Ledger's CAL key signed this descriptor, exactly as the device checks it. */
export function verifyErc20Descriptor(payload: Buffer): boolean {
  const parsed = parseErc20Descriptor(payload)
  if (!parsed) return false
  try {
    return verify('sha256', parsed.signedPart, { key: calPublicKey(), dsaEncoding: 'der' }, parsed.signature)
  } catch {
    return false
  }
}

/** Splits a published blob (base64 of [u32 length][descriptor]...) into descriptors. */
export function parseDescriptorBlob(base64: string): Erc20Descriptor[] {
  const buf = Buffer.from(base64, 'base64')
  const out: Erc20Descriptor[] = []
  let offset = 0
  while (offset + 4 <= buf.length) {
    const length = buf.readUInt32BE(offset)
    offset += 4
    const parsed = parseErc20Descriptor(buf.subarray(offset, offset + length))
    offset += length
    if (parsed)
      out.push({
        ticker: parsed.ticker,
        address: parsed.address,
        decimals: parsed.decimals,
        chainId: parsed.chainId,
        payload: parsed.payload
      })
  }
  return out
}

const blobCache = new Map<number, Map<string, Erc20Descriptor>>()

/**
 * The signed descriptor Ledger publishes for a token on a chain, or null. Reads the npm package's
 * per-chain data file on first use; chains Ledger does not publish have no descriptors.
 */
export function findErc20Descriptor(chainId: bigint, tokenAddress: string): Erc20Descriptor | null {
  if (chainId > 0xffffffffn) return null
  const chain = Number(chainId)
  let byAddress = blobCache.get(chain)
  if (!byAddress) {
    byAddress = new Map()
    const blob = loadSignaturesBlob(chain)
    if (blob) for (const d of parseDescriptorBlob(blob)) if (d.chainId === chain) byAddress.set(d.address, d)
    blobCache.set(chain, byAddress)
  }
  return byAddress.get(tokenAddress.toLowerCase()) ?? null
}

function loadSignaturesBlob(chainId: number): string | null {
  // The package ships one module per chain (its `signatures` is the blob); require keeps this
  // synchronous and offline, and a chain Ledger does not publish is simply absent.
  const req = createRequire(__filename)
  try {
    const data: unknown = req(`@ledgerhq/cryptoassets-evm-signatures/lib/data/evm/${chainId}/index`)
    const blob = typeof data === 'object' && data !== null ? (data as { signatures?: unknown }).signatures : undefined
    return typeof blob === 'string' ? blob : null
  } catch {
    return null
  }
}
