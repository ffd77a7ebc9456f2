import { Wallet, id, keccak256 } from 'ethers'
import { describe, expect, it } from 'vitest'
import { createRecordCheck } from './recordCheck'
import type { LinkedRow } from './journalBytes'
import type { JournalTx } from '../../chain/journal'
import { OFFLINE_CHAIN_ID, signedOffline } from '../../../test/signedOffline'

const payer = new Wallet(id('record-check-payer'))
const [ana, ben] = [new Wallet(id('record-check-ana')).address, new Wallet(id('record-check-ben')).address]
const rows = new Map<string, LinkedRow>([
  ['P#1', { row: 1, address: ana, amount: 10n }],
  ['P#2', { row: 2, address: ben, amount: 10n }]
])

async function paymentTo(to: string, itemId: string, nonce: number, chainId = OFFLINE_CHAIN_ID): Promise<JournalTx> {
  const raw = await signedOffline(payer, { to, value: 10n }, nonce)
  return {
    payoutId: 'P',
    step: nonce,
    purpose: 'payment',
    chainId,
    from: payer.address,
    nonce,
    raw,
    hash: keccak256(raw),
    itemIds: [itemId],
    state: 'broadcast'
  }
}

/** A check whose reads are counted: a record checked again reads its rows again. */
function counted(stored: ReadonlyMap<string, LinkedRow> = rows) {
  const reads: string[] = []
  const check = createRecordCheck({
    linkedRow: (itemId) => {
      reads.push(itemId)
      return stored.get(itemId)
    },
    assetOf: () => ({ symbol: 'ETH', decimals: 1 })
  })
  return { check, reads }
}

describe('the records the tracker follows, against their bytes', () => {
  it('names a record that differs, and passes it once it matches again', async () => {
    const { check } = counted()
    const toAna = await paymentTo(ana, 'P#1', 1)
    const moved = { ...toAna, itemIds: ['P#2'] }
    expect(check.differences([moved])).toEqual(
      new Map([[toAna.hash, `its payment 1 (1.0 ETH to ${ana}) is linked to row 2, which pays 1.0 ETH to ${ben}`]])
    )
    expect(check.differences([{ ...toAna, from: ben }]).get(toAna.hash)).toBe(
      `it is recorded as sent by ${ben}, its bytes are signed by ${payer.address}`
    )
    expect(check.differences([toAna])).toEqual(new Map())
  })

  it('checks each content of a record once, and takes a record this process wrote as written', async () => {
    const { check, reads } = counted()
    const [toAna, toBen] = [await paymentTo(ana, 'P#1', 1), await paymentTo(ben, 'P#2', 2)]
    check.written(toBen)
    expect(check.differences([toAna, toBen])).toEqual(new Map())
    expect(reads).toEqual(['P#1'])
    expect(check.differences([toAna, toBen])).toEqual(new Map())
    expect(reads).toEqual(['P#1'])
    // Edited after it was found matching: checked again, and the difference named on every pass.
    const moved = { ...toBen, itemIds: ['P#1'] }
    expect(check.differences([toAna, moved]).has(toBen.hash)).toBe(true)
    expect(check.differences([toAna, moved]).has(toBen.hash)).toBe(true)
    expect(reads).toEqual(['P#1', 'P#1', 'P#1'])
  })

  it("forgets a chain's closed transactions on that chain's pass only", async () => {
    const { check, reads } = counted()
    const here = await paymentTo(ana, 'P#1', 1)
    const there = await paymentTo(ben, 'P#2', 1, 5n)
    check.written(here)
    check.written(there)
    // A pass on the offline chain where `here` is closed: `there`, on chain 5, is still known.
    expect(check.differences([await paymentTo(ana, 'P#1', 3)])).toEqual(new Map())
    expect(reads).toEqual(['P#1'])
    check.differences([there])
    expect(reads).toEqual(['P#1'])
    check.differences([await paymentTo(ana, 'P#1', 3), here])
    expect(reads).toEqual(['P#1', 'P#1'])
  })

  it('reads the rows again before a payment settles them, and checks a record it has not seen whole', async () => {
    const stored = new Map(rows)
    const { check, reads } = counted(stored)
    const toAna = await paymentTo(ana, 'P#1', 1)
    check.written(toAna)
    expect(check.beforeSettling(toAna)).toBeUndefined()
    expect(reads).toEqual(['P#1'])
    // Row 1 edited in the file while its payment was on its way: not paid by a payment to Ana.
    stored.set('P#1', { row: 1, address: ben, amount: 10n })
    expect(check.beforeSettling(toAna)).toBe(
      `its payment 1 (1.0 ETH to ${ana}) is linked to row 1, which pays 1.0 ETH to ${ben}`
    )
    expect(reads).toEqual(['P#1', 'P#1'])
    // A record never found matching is checked whole, its sender too.
    const unseen = { ...(await paymentTo(ben, 'P#2', 2)), from: ana }
    expect(check.beforeSettling(unseen)).toBe(
      `it is recorded as sent by ${ana}, its bytes are signed by ${payer.address}`
    )
  })
})
