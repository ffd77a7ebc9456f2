// Runs in: every process (pure). A fingerprint of recipient rows' text, in order, computed the same
// way by the window (over the rows its grid holds) and by main (over the rows it is asked to store
// on the window's word): equal fingerprints mean the same text, row for row, so main can store rows
// it already holds without having every row sent back. Two independent 32-bit hashes make 64 bits;
// each field's length is hashed with it, so moving text between fields or rows changes the result.
// It guards against the two sides disagreeing by mistake; it is not a secret and needs none.
import { isBlankRecipient, type RecipientText } from './blankRow'

/** The text of one row as the grid holds it and main stores it. */
export type DigestRow = RecipientText

const SEED_1 = 0x811c9dc5
const SEED_2 = 0x9747b28c
const MULTIPLIER_1 = 0x01000193
const MULTIPLIER_2 = 0x5bd1e995
const HEX_DIGITS_PER_HALF = 8

export interface RowsDigest {
  add(row: DigestRow): void
  /** Rows added so far. */
  readonly rows: number
  /** 16 hex digits. */
  hex(): string
}

export function createRowsDigest(): RowsDigest {
  let h1 = SEED_1
  let h2 = SEED_2
  let rows = 0
  const field = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i)
      h1 = Math.imul(h1 ^ c, MULTIPLIER_1)
      h2 = Math.imul(h2 ^ c, MULTIPLIER_2)
    }
    // The length closes the field: "ab" + "c" and "a" + "bc" differ.
    h1 = Math.imul(h1 ^ text.length, MULTIPLIER_1)
    h2 = Math.imul(h2 ^ (text.length + 1), MULTIPLIER_2)
  }
  return {
    add(row) {
      field(row.address)
      field(row.amount)
      field(row.name ?? '')
      field(row.reference ?? '')
      field(row.note ?? '')
      field(row.category ?? '')
      field(row.costCenter ?? '')
      rows++
    },
    get rows() {
      return rows
    },
    hex() {
      const half = (h: number): string => (h >>> 0).toString(16).padStart(HEX_DIGITS_PER_HALF, '0')
      return half(h1) + half(h2)
    }
  }
}

/** A row of an import as the window holds it: its text, and main's reading of its amount (null when unreadable). */
export interface ClaimRow extends DigestRow {
  readonly amountBaseUnits: string | bigint | null
}

/** What a window says about the imported rows it holds, for main to check before storing its own copy (api.ts ImportedRows). */
export interface RowsClaim {
  readonly rows: number
  readonly totalBaseUnits: string
  readonly digest: string
}

/** A claim built a row at a time (a large import is read a page at a time). */
export interface ClaimBuilder {
  add(row: ClaimRow): void
  claim(): RowsClaim
}

/** Rows with every text field blank are left out, as saving leaves them out. */
export function createClaim(): ClaimBuilder {
  const digest = createRowsDigest()
  let total = 0n
  return {
    add(row) {
      if (isBlankRecipient(row)) return
      digest.add(row)
      if (row.amountBaseUnits !== null) total += BigInt(row.amountBaseUnits)
    },
    claim: () => ({ rows: digest.rows, totalBaseUnits: total.toString(), digest: digest.hex() })
  }
}

/** The claim over `rows` as they would be saved. */
export function claimOf(rows: Iterable<ClaimRow>): RowsClaim {
  const builder = createClaim()
  for (const row of rows) builder.add(row)
  return builder.claim()
}
