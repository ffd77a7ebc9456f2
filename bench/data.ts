// Runs in: benchmarks (plain Node). Registry files of any size, shaped like an HR export: valid
// checksummed addresses, amounts with cents, names and references. Deterministic for a seed.
import * as XLSX from '@e965/xlsx'
import { checksumHex } from '../src/main/registry/fastAddress'

function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface Row {
  readonly address: string
  readonly amount: string
  readonly name: string
  readonly reference: string
}

export function rows(count: number, seed = 1): Row[] {
  const random = prng(seed)
  const out: Row[] = []
  for (let i = 0; i < count; i++) {
    let hex = ''
    for (let j = 0; j < 40; j++) hex += '0123456789abcdef'[Math.floor(random() * 16)]
    const cents = Math.floor(random() * 100_000_00) + 1
    out.push({
      address: checksumHex(hex),
      amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
      name: `Employee ${i + 1}`,
      reference: `EMP-${i + 1}`
    })
  }
  return out
}

export function csvOf(data: readonly Row[]): Uint8Array {
  const lines = ['address,amount,name,reference']
  for (const r of data) lines.push(`${r.address},${r.amount},${r.name},${r.reference}`)
  return new TextEncoder().encode(`${lines.join('\n')}\n`)
}

/**
 * The same rows with a note column of `noteChars` characters, so a file of a given size holds fewer
 * rows: the largest file a user may import (128 MiB) within the row limit.
 */
export function csvWithNotesOf(data: readonly Row[], noteChars: number): Uint8Array {
  const lines = ['address,amount,name,reference,note']
  for (let i = 0; i < data.length; i++) {
    const r = data[i]!
    const note = `Payment ${i + 1} for services as invoiced`.padEnd(noteChars, '.')
    lines.push(`${r.address},${r.amount},${r.name},${r.reference},${note}`)
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`)
}

export function xlsxOf(data: readonly Row[]): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet([
    ['address', 'amount', 'name', 'reference'],
    ...data.map((r) => [r.address, r.amount, r.name, r.reference])
  ])
  const wb = XLSX.utils.book_new()
  XLSX.utils.book_append_sheet(wb, ws, 'Registry')
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer)
}
