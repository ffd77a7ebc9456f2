// Packed rows read back a page at a time are the same rows, in the same order, with the same
// issues, as reading them all: whatever the page, wherever the batches (chunks) of the file end.
import { describe, expect, it } from 'vitest'
import { ADDR, USDC } from './fixtures'
import { forEachPackedRow, forEachPackedRowIn, type PackedRowView } from './packedRows'
import { readRegistryPacked } from './read'

const ROWS = 23
const BATCH = 5

function file(): Uint8Array {
  const lines = ['address,amount,name,reference']
  for (let i = 0; i < ROWS; i++) {
    // Every third row repeats a reference and every fourth has an address that is not one: issues spread over batches.
    const address = i % 4 === 3 ? 'not an address' : Object.values(ADDR)[i % 6]!
    lines.push(`${address},${i + 1}.5,Person ${i},REF-${i % 3 === 0 ? 'X' : i}`)
  }
  return new TextEncoder().encode(lines.join('\n'))
}

describe('forEachPackedRowIn', () => {
  const { packed } = readRegistryPacked({ bytes: file() }, 'f.csv', USDC, {}, { batchRecords: BATCH })
  const all: Array<[PackedRowView, number]> = []
  forEachPackedRow(packed, (row, i) => all.push([row, i]))

  it('reads the file in more than one chunk, with issues', () => {
    expect(packed.chunks.length).toBeGreaterThan(2)
    expect(all).toHaveLength(ROWS)
    expect(all.filter(([row]) => row.issues.length > 0).length).toBeGreaterThan(3)
  })

  it('gives every page exactly the rows of the whole read', () => {
    for (let from = 0; from <= ROWS; from++)
      for (let to = from; to <= ROWS + 2; to++) {
        const page: Array<[PackedRowView, number]> = []
        forEachPackedRowIn(packed, from, to, (row, i) => page.push([row, i]))
        expect(page).toEqual(all.slice(from, to))
      }
  })
})
