// Runs in: benchmarks (plain Node). The composite floor of importing a CSV registry, in one process
// and one pass, with nothing of the app's around it: the text parsed by papaparse, each address
// checked as EIP-55 with the same keccak as the app (registry/keccak.ts), each amount parsed to base
// units, and the rows inserted by the bare prepared statement of bareStore.ts. A row that fails a
// check throws: the bench's files are valid, so the floor never has to report anything.
import Papa from 'papaparse'
import { keccakDigest, keccakInPlace, keccakInput } from '../src/main/registry/keccak'
import { openBareStore, type BareStore } from './bareStore'

const HEX_DIGITS = 40
const CASE_BIT = 0x20
const CHAR = { zero: 0x30, nine: 0x39, x: 0x78, upperA: 0x41, upperF: 0x46, lowerA: 0x61, lowerF: 0x66 } as const

/** EIP-55: "0x" and 40 hex digits whose letters are upper case exactly where the hash's nibble is 8 or more. */
export function isChecksummed(address: string): boolean {
  if (address.length !== HEX_DIGITS + 2 || address.charCodeAt(0) !== CHAR.zero || address.charCodeAt(1) !== CHAR.x)
    return false
  for (let i = 0; i < HEX_DIGITS; i++) {
    const c = address.charCodeAt(2 + i)
    const digit = c >= CHAR.zero && c <= CHAR.nine
    const upper = c >= CHAR.upperA && c <= CHAR.upperF
    if (!digit && !upper && !(c >= CHAR.lowerA && c <= CHAR.lowerF)) return false
    keccakInput[i] = upper ? c | CASE_BIT : c
  }
  keccakInPlace(HEX_DIGITS)
  for (let i = 0; i < HEX_DIGITS; i++) {
    const c = address.charCodeAt(2 + i)
    if (c <= CHAR.nine) continue
    const high = ((keccakDigest[i >> 1]! >> ((i & 1) === 0 ? 4 : 0)) & 0xf) >= 8
    if (high !== c <= CHAR.upperF) return false
  }
  return true
}

const DIGITS = /^[0-9]+$/

/** "1234.56" with `decimals` 6 -> "1234560000"; throws on anything else. */
export function baseUnitsOf(amount: string, decimals: number): string {
  const point = amount.indexOf('.')
  const whole = point < 0 ? amount : amount.slice(0, point)
  const fraction = point < 0 ? '' : amount.slice(point + 1)
  if (!DIGITS.test(whole) || (fraction !== '' && !DIGITS.test(fraction)) || fraction.length > decimals)
    throw new Error(`Bench amount "${amount}" is not plain`)
  const units = BigInt(whole + fraction.padEnd(decimals, '0'))
  if (units <= 0n) throw new Error(`Bench amount "${amount}" is not positive`)
  return units.toString()
}

interface CsvRow {
  readonly address: string
  readonly amount: string
  readonly name: string
  readonly reference: string
}

export interface ImportFloor {
  /** Parses, checks and stores the file once, as a new payout. */
  run(): void
  close(): void
}

export function openImportFloor(dir: string, text: string, decimals: number): ImportFloor {
  const store: BareStore = openBareStore(dir, 'floor.sqlite')
  return {
    run() {
      const rows = Papa.parse<CsvRow>(text, { header: true, skipEmptyLines: true }).data
      store.store(rows.length, (i) => {
        const r = rows[i]!
        if (!isChecksummed(r.address)) throw new Error(`Bench address ${r.address} is not EIP-55`)
        return {
          address: r.address,
          amountInput: r.amount,
          baseUnits: baseUnitsOf(r.amount, decimals),
          name: r.name,
          reference: r.reference
        }
      })
    },
    close: () => store.close()
  }
}
