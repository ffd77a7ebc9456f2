// Runs in: main (plain Node). BIP-32 derivation paths as the Ethereum app exchanges them: one
// byte of depth then each index as 4 bytes big-endian, hardened indexes with the top bit set.

export const HARDENED = 0x80000000
/** The app refuses deeper paths (MAX_BIP32_PATH in app-ethereum). */
export const MAX_PATH_DEPTH = 10

/** Parses "44'/60'/0'/0/0" (an optional leading "m/" is accepted) into indexes. */
export function parsePath(path: string): number[] {
  const parts = path.replace(/^m\//, '').split('/')
  if (parts.length === 0 || parts.length > MAX_PATH_DEPTH) throw new Error(`Invalid derivation path: ${path}`)
  return parts.map((part) => {
    const hardened = part.endsWith("'") || part.endsWith('h')
    const digits = hardened ? part.slice(0, -1) : part
    if (!/^\d+$/.test(digits)) throw new Error(`Invalid derivation path: ${path}`)
    const index = Number(digits)
    if (index >= HARDENED) throw new Error(`Invalid derivation path: ${path}`)
    return hardened ? index + HARDENED : index
  })
}

export function formatPath(indexes: readonly number[]): string {
  return indexes.map((i) => (i >= HARDENED ? `${i - HARDENED}'` : String(i))).join('/')
}

export function encodePath(path: string): Buffer {
  const indexes = parsePath(path)
  const out = Buffer.alloc(1 + indexes.length * 4)
  out[0] = indexes.length
  indexes.forEach((index, i) => out.writeUInt32BE(index, 1 + i * 4))
  return out
}

/** Reads a path from the start of `data`; null when the bytes are not a well-formed path. */
export function decodePath(data: Buffer): { indexes: number[]; length: number } | null {
  if (data.length < 1) return null
  const depth = data[0]!
  if (depth < 1 || depth > MAX_PATH_DEPTH) return null
  const length = 1 + depth * 4
  if (data.length < length) return null
  const indexes: number[] = []
  for (let i = 0; i < depth; i++) indexes.push(data.readUInt32BE(1 + i * 4))
  return { indexes, length }
}

/** Ledger Live numbering: one account per hardened account index. */
export function ledgerLivePath(index: number): string {
  return `44'/60'/${index}'/0/0`
}

/** Legacy (MyEtherWallet / Ledger Chrome) numbering: one account per non-hardened last index. */
export function legacyPath(index: number): string {
  return `44'/60'/0'/${index}`
}
