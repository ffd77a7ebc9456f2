import { Wallet, id, keccak256 } from 'ethers'
import { describe, expect, it } from 'vitest'
import { assertJournalMatchesBytes, type LinkedRow } from './journalBytes'
import { batchCall } from '../../chain/batchCalls'
import { BATCH_CALLS, erc20Interface } from '../../chain/batchContract'
import type { JournalTx, TxPurpose } from '../../chain/journal'
import { OFFLINE_CHAIN_ID, signedOffline } from '../../../test/signedOffline'

const payer = new Wallet(id('journal-bytes-payer'))
const addr = (tag: string): string => new Wallet(id(tag)).address
const token = addr('journal-bytes-token')
const batch = addr('journal-bytes-batch')
const [ana, ben, cyd] = [addr('journal-bytes-ana'), addr('journal-bytes-ben'), addr('journal-bytes-cyd')]
const rows = new Map<string, LinkedRow>([
  ['P#1', { row: 1, address: ana, amount: 10n }],
  ['P#2', { row: 2, address: ben, amount: 20n }],
  ['P#3', { row: 3, address: cyd, amount: 10n }]
])

async function journalTx(
  call: { to: string; value?: bigint; data?: string },
  purpose: TxPurpose,
  itemIds: readonly string[],
  nonce = 3
): Promise<JournalTx> {
  const raw = await signedOffline(payer, call, nonce)
  return {
    payoutId: 'P',
    step: 0,
    purpose,
    chainId: OFFLINE_CHAIN_ID,
    from: payer.address,
    nonce,
    raw,
    hash: keccak256(raw),
    itemIds,
    state: 'confirmed'
  }
}

const batchOf = (items: readonly string[]) =>
  batchCall(
    { kind: 'erc20', address: token, symbol: 'T', decimals: 6, transferReturnsNoValue: false, clearSigned: true },
    items.map((itemId) => {
      const r = rows.get(itemId)!
      return { itemId, row: r.row, to: r.address!, amount: r.amount! }
    }),
    BATCH_CALLS.packed
  )

function refusal(held: readonly JournalTx[]): unknown {
  try {
    assertJournalMatchesBytes(held, rows, { symbol: 'TUSD', decimals: 1 })
  } catch (e) {
    return e
  }
  return undefined
}

describe('the journal against its own signed bytes', () => {
  it('passes the transactions as the app records them', async () => {
    const approve = await journalTx(
      { to: token, data: erc20Interface.encodeFunctionData('approve', [batch, 40n]) },
      'approve',
      ['P#1', 'P#2', 'P#3']
    )
    const pay = await journalTx({ to: batch, ...batchOf(['P#1', 'P#2', 'P#3']) }, 'payment', ['P#1', 'P#2', 'P#3'], 4)
    const cancel = await journalTx({ to: payer.address }, 'cancel', ['P#1'], 5)
    const revoke = await journalTx(
      { to: token, data: erc20Interface.encodeFunctionData('approve', [batch, 0n]) },
      'revoke',
      [],
      6
    )
    expect(refusal([approve, pay, cancel, revoke])).toBeUndefined()
    // Rows 1 and 3 pay the same amount to different people: their links swapped is a change.
    expect(refusal([{ ...pay, itemIds: ['P#3', 'P#2', 'P#1'] }])).toMatchObject({ code: 'journal_altered' })
  })

  it('names each transaction whose links, purpose, nonce, sender or bytes were changed', async () => {
    const pay = await journalTx({ to: batch, ...batchOf(['P#1', 'P#2']) }, 'payment', ['P#1', 'P#2'])
    const other = await journalTx({ to: ana, value: 10n }, 'payment', ['P#1'], 9)
    const cases: Array<[JournalTx, string]> = [
      [
        { ...pay, itemIds: ['P#3', 'P#2'] },
        `its payment 1 (1.0 TUSD to ${ana}) is linked to row 3, which pays 1.0 TUSD to ${cyd}`
      ],
      [{ ...pay, itemIds: ['P#1'] }, 'it pays 2 recipients and is linked to 1 row'],
      [{ ...pay, itemIds: ['P#1', 'P#9'] }, 'its payment 2 is linked to a row this payout does not have'],
      [{ ...pay, purpose: 'cancel' }, 'it is recorded as a cancel, and its bytes are a payment'],
      [{ ...pay, purpose: 'approve' }, 'it is recorded as an approve, and its bytes are a payment'],
      [{ ...pay, nonce: 1 }, 'it is recorded with nonce 1 on chain 31337, its bytes say nonce 3 on chain 31337'],
      [{ ...pay, from: ben }, `it is recorded as sent by ${ben}, its bytes are signed by ${payer.address}`],
      [{ ...pay, raw: other.raw }, 'its stored bytes are not those of this transaction'],
      [{ ...pay, raw: '0x1234' }, 'its stored bytes are not a signed transaction']
    ]
    for (const [tx, what] of cases) {
      const e = refusal([other, tx])
      expect(e).toMatchObject({ code: 'journal_altered', details: { transactions: [pay.hash] } })
      expect((e as Error).message).toContain(`${pay.hash}: ${what}`)
    }
  })
})
