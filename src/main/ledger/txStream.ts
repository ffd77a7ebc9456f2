// Runs in: main (plain Node). The Ethereum app's streaming transaction parser, reproduced for the
// emulator: RLP fields are read in order as chunks arrive, the transaction is complete when the
// expected fields have been counted (not when the outer list length says so), and the signed hash
// covers exactly the bytes consumed up to that point. Quirks kept on purpose because the device
// has them: a legacy transaction whose chunk ends right after `data` is complete (no v, r, s);
// bytes after the last counted field are ignored; non-canonical integers are accepted.

export type TxKind = 'legacy' | 'eip2930' | 'eip1559'

type Field =
  | 'content'
  | 'chainId'
  | 'nonce'
  | 'gasPrice'
  | 'maxPriorityFee'
  | 'gasLimit'
  | 'to'
  | 'value'
  | 'data'
  | 'accessList'
  | 'v'
  | 'r'
  | 's'
  | 'done'

const FIELDS: Record<TxKind, readonly Field[]> = {
  legacy: ['content', 'nonce', 'gasPrice', 'gasLimit', 'to', 'value', 'data', 'v', 'r', 's', 'done'],
  eip2930: ['content', 'chainId', 'nonce', 'gasPrice', 'gasLimit', 'to', 'value', 'data', 'accessList', 'done'],
  eip1559: [
    'content',
    'chainId',
    'nonce',
    'maxPriorityFee',
    'gasPrice',
    'gasLimit',
    'to',
    'value',
    'data',
    'accessList',
    'done'
  ]
}

/** Largest field each slot accepts (the app's buffers); undefined means any length. */
const MAX_LENGTH: Partial<Record<Field, number>> = {
  chainId: 32,
  nonce: 32,
  gasPrice: 32,
  gasLimit: 32,
  value: 32,
  to: 20,
  v: 8
}
/** Fields the app keeps; the others are hashed and discarded. */
const KEPT: ReadonlySet<Field> = new Set<Field>([
  'chainId',
  'nonce',
  'gasPrice',
  'gasLimit',
  'to',
  'value',
  'data',
  'v'
])
const MAX_HEADER_BYTES = 5

export type FeedResult = 'more' | 'done' | 'fault'

/** Called once when a non-empty data field starts; `head` is what this chunk holds of it (up to 4 bytes). */
export type DataStartHook = (head: Buffer, dataLength: number, to: Buffer) => boolean

export class TxStream {
  readonly kind: TxKind
  private fieldIndex = 0
  private header: number[] = []
  private processing = false
  private fieldLength = 0
  private fieldIsList = false
  private fieldBytes: Buffer[] = []
  private fieldPos = 0
  private dataHookCalled = false
  private readonly hashed: Buffer[] = []
  readonly values = new Map<Field, Buffer>()

  constructor(
    kind: TxKind,
    typePrefix: Buffer | null,
    private readonly onDataStart: DataStartHook
  ) {
    this.kind = kind
    if (typePrefix) this.hashed.push(typePrefix)
  }

  /** Every byte the device hashed, in order: the pre-image of the signature. */
  signedBytes(): Buffer {
    return Buffer.concat(this.hashed)
  }

  field(name: 'chainId' | 'nonce' | 'gasPrice' | 'gasLimit' | 'to' | 'value' | 'data' | 'v'): Buffer {
    return this.values.get(name) ?? Buffer.alloc(0)
  }

  private get current(): Field {
    return FIELDS[this.kind][this.fieldIndex] ?? 'done'
  }

  feed(chunk: Buffer): FeedResult {
    let pos = 0
    const finish = (result: FeedResult): FeedResult => {
      this.hashed.push(chunk.subarray(0, pos))
      return result
    }
    for (;;) {
      if (this.current === 'done') return finish('done')
      if (this.kind === 'legacy' && this.current === 'v' && pos === chunk.length) return finish('done')
      if (pos === chunk.length) return finish('more')
      if (!this.processing) {
        let decoded: { length: number; offset: number; isList: boolean } | 'invalid' | null = null
        while (pos < chunk.length) {
          this.header.push(chunk[pos++]!)
          decoded = decodeHeader(this.header)
          if (decoded) break
          if (this.header.length === MAX_HEADER_BYTES) return finish('fault')
        }
        if (decoded === 'invalid') return finish('fault')
        if (!decoded) return finish('more')
        // A self-encoded single byte is both its header and its content: read it again as content.
        if (decoded.offset === 0) pos--
        this.header = []
        this.fieldLength = decoded.length
        this.fieldIsList = decoded.isList
        this.fieldPos = 0
        this.fieldBytes = []
        this.processing = true
      }
      const field = this.current
      if (field === 'content') {
        if (!this.fieldIsList) return finish('fault')
        this.nextField()
        continue
      }
      if (field === 'accessList' ? !this.fieldIsList : this.fieldIsList) return finish('fault')
      const max = MAX_LENGTH[field]
      if (max !== undefined && this.fieldLength > max) return finish('fault')
      if (field === 'data' && this.fieldLength > 0 && this.fieldPos === 0 && !this.dataHookCalled) {
        this.dataHookCalled = true
        const head = chunk.subarray(pos, pos + Math.min(4, this.fieldLength))
        if (!this.onDataStart(head, this.fieldLength, this.field('to'))) return finish('fault')
      }
      const n = Math.min(chunk.length - pos, this.fieldLength - this.fieldPos)
      if (KEPT.has(field)) this.fieldBytes.push(chunk.subarray(pos, pos + n))
      pos += n
      this.fieldPos += n
      if (this.fieldPos === this.fieldLength) {
        if (KEPT.has(field)) this.values.set(field, Buffer.concat(this.fieldBytes))
        this.nextField()
      }
    }
  }

  private nextField(): void {
    this.fieldIndex++
    this.processing = false
  }
}

/** Decodes an RLP header from the bytes read so far: null when more bytes are needed. */
function decodeHeader(
  bytes: readonly number[]
): { length: number; offset: number; isList: boolean } | 'invalid' | null {
  const first = bytes[0]!
  if (first < 0x80) return { length: 1, offset: 0, isList: false }
  if (first <= 0xb7) return { length: first - 0x80, offset: 1, isList: false }
  if (first < 0xc0) return longForm(bytes, first - 0xb7, false)
  if (first <= 0xf7) return { length: first - 0xc0, offset: 1, isList: true }
  return longForm(bytes, first - 0xf7, true)
}

function longForm(
  bytes: readonly number[],
  lengthOfLength: number,
  isList: boolean
): { length: number; offset: number; isList: boolean } | 'invalid' | null {
  if (lengthOfLength > 4) return 'invalid'
  if (bytes.length < 1 + lengthOfLength) return null
  let length = 0
  for (let i = 1; i <= lengthOfLength; i++) length = length * 256 + bytes[i]!
  return { length, offset: 1 + lengthOfLength, isList }
}
