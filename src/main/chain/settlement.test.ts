// Runs in: tests (plain Node, Vitest). A confirmed token payment pays a row only when the receipt shows that row's Transfer event,
// and leaves a row it does not show needing checking; cancels fail their items and approvals settle none.
import { AbiCoder, Wallet, getAddress, zeroPadValue } from 'ethers'
import { describe, expect, it } from 'vitest'
import { WalletSigner } from '../../test/walletSigner'
import { batchCall } from './batchCalls'
import { BATCH_CALLS, erc20Interface } from './batchContract'
import type { Receipt } from './ethRpc'
import { TX_PURPOSE, TX_STATE, type JournalTx, type TxPurpose } from './journal'
import { SETTLEMENT_FAILURE, settleItems } from './settlement'

const signer = new WalletSigner(Wallet.createRandom().privateKey)
const token = getAddress('0x00000000000000000000000000000000000000aa')
const batch = getAddress('0x00000000000000000000000000000000000000bb')
const recipients = [1, 2, 3].map((i) => getAddress(`0x${i.toString(16).padStart(40, '0')}`))
const TRANSFER_TOPIC = erc20Interface.getEvent('Transfer')!.topicHash

async function journalTx(
  to: string,
  data: string,
  itemIds: string[],
  purpose: TxPurpose = TX_PURPOSE.payment
): Promise<JournalTx> {
  const signed = await signer.signTransaction({
    type: 2,
    chainId: 31337n,
    nonce: 0,
    to,
    value: 0n,
    data,
    gasLimit: 100_000n,
    maxFeePerGas: 2n,
    maxPriorityFeePerGas: 1n
  })
  return {
    payoutId: 'p',
    step: 0,
    purpose,
    chainId: 31337n,
    from: signer.address,
    nonce: 0,
    raw: signed.raw,
    hash: signed.hash,
    itemIds,
    state: TX_STATE.mined
  }
}

const transferLog = (from: string, to: string, value: bigint) => ({
  address: token.toLowerCase(),
  topics: [TRANSFER_TOPIC, zeroPadValue(from, 32).toLowerCase(), zeroPadValue(to, 32).toLowerCase()],
  data: AbiCoder.defaultAbiCoder().encode(['uint256'], [value])
})

const receiptWith = (logs: Receipt['logs']): Receipt => ({
  transactionHash: '0x01',
  blockNumber: 10n,
  blockHash: '0x02',
  success: true,
  gasUsed: 1n,
  effectiveGasPrice: 1n,
  logs
})

describe.each([BATCH_CALLS.disperse, BATCH_CALLS.packed])('settling a batch of token transfers (%s calls)', (calls) => {
  const asset = {
    kind: 'erc20',
    address: token,
    symbol: 'T',
    decimals: 6,
    transferReturnsNoValue: false,
    clearSigned: false
  } as const
  const { data } = batchCall(
    asset,
    recipients.map((to, i) => ({ itemId: `i${i}`, row: i + 1, to, amount: BigInt(5 + i) })),
    calls
  )

  it('pays every row whose Transfer from the batch contract is in the receipt', async () => {
    const tx = await journalTx(batch, data, ['a', 'b', 'c'])
    const outcomes = settleItems(
      tx,
      receiptWith([
        transferLog(signer.address, batch, 18n),
        ...recipients.map((r, i) => transferLog(batch, r, BigInt(5 + i)))
      ])
    )
    expect(outcomes).toEqual([
      { itemId: 'a', paid: true },
      { itemId: 'b', paid: true },
      { itemId: 'c', paid: true }
    ])
  })

  it('leaves the row whose transfer is missing or of another amount needing checking, naming the recipient', async () => {
    const tx = await journalTx(batch, data, ['a', 'b', 'c'])
    const outcomes = settleItems(
      tx,
      receiptWith([
        transferLog(batch, recipients[0]!, 5n),
        transferLog(batch, recipients[1]!, 1n),
        transferLog(batch, recipients[2]!, 7n)
      ])
    )
    expect(outcomes[0]).toEqual({ itemId: 'a', paid: true })
    expect(outcomes[1]).toMatchObject({
      itemId: 'b',
      paid: false,
      needsCheck: true,
      failure: { code: SETTLEMENT_FAILURE.transferMissing }
    })
    expect(outcomes[1]!.paid ? '' : outcomes[1]!.failure.reason).toContain(recipients[1])
    expect(outcomes[2]).toEqual({ itemId: 'c', paid: true })
  })
})

describe('settling other transactions', () => {
  it('counts a token transfer only with a Transfer from the payer', async () => {
    const tx = await journalTx(token, erc20Interface.encodeFunctionData('transfer', [recipients[0], 9n]), ['x'])
    expect(settleItems(tx, receiptWith([transferLog(signer.address, recipients[0]!, 9n)]))).toEqual([
      { itemId: 'x', paid: true }
    ])
    expect(settleItems(tx, receiptWith([]))[0]).toMatchObject({ paid: false, needsCheck: true })
  })

  it('fails the items of a confirmed cancel and settles none for an approval', async () => {
    const cancel = await journalTx(signer.address, '0x', ['x', 'y'], TX_PURPOSE.cancel)
    expect(settleItems(cancel, receiptWith([]))).toEqual(
      ['x', 'y'].map((itemId) => ({ itemId, paid: false, failure: expect.objectContaining({ code: 'CANCELLED' }) }))
    )
    const approve = await journalTx(
      token,
      erc20Interface.encodeFunctionData('approve', [batch, 18n]),
      ['a', 'b'],
      TX_PURPOSE.approve
    )
    expect(settleItems(approve, receiptWith([]))).toEqual([])
  })
})
