// Runs in: tests (plain Node, Vitest). A Safe transaction read back into payments and compared with
// the payout's rows: what Treasury builds decodes to its rows; anything changed or foreign is
// refused, naming the row or the call.
import { Wallet, id } from 'ethers'
import { describe, expect, it } from 'vitest'
import { batchInterface, erc20Interface } from '../chain/batchContract'
import type { PaymentRow, PlanAsset } from '../chain/planTypes'
import { OPERATION } from './abi'
import { assertPaymentsMatchRows, decodeSafeTxPayments, type DecodeContext } from './decode'
import { SAFE_ERROR } from './errors'
import { multiSendData, packCalls, unpackMultiSend } from './multiSend'
import { SAFE_ROUTE, chunkCall } from './plan'
import { safeTxOf, type SafeTx } from './safeTx'

const addr = (tag: string): string => new Wallet(id(tag)).address
const TOKEN = addr('token')
const MULTISEND = addr('multisend')
const BATCH = addr('batch')
const native: PlanAsset = { kind: 'native', symbol: 'ETH', decimals: 18 }
const token: PlanAsset = {
  kind: 'erc20',
  address: TOKEN,
  symbol: 'TUSD',
  decimals: 6,
  transferReturnsNoValue: false,
  clearSigned: false
}
const rows: PaymentRow[] = [1, 2, 3].map((i) => ({
  itemId: `PO-1#${i}`,
  row: i,
  to: addr(`r${i}`),
  amount: BigInt(i) * 1_000_000n
}))
const ctx = (asset: PlanAsset): DecodeContext => ({ asset, multiSendCallOnly: MULTISEND, batchContract: BATCH })
const planned = (
  asset: PlanAsset,
  route: typeof SAFE_ROUTE.transfers | typeof SAFE_ROUTE.batchContract,
  r = rows
): SafeTx => ({
  ...chunkCall(route, asset, r, MULTISEND, BATCH),
  nonce: 0n
})
const payments = (r: readonly PaymentRow[]) => r.map((x) => ({ to: x.to, amount: x.amount }))

describe('what Treasury plans decodes back to its rows', () => {
  it.each([
    ['native transfers', native, SAFE_ROUTE.transfers],
    ['token transfers', token, SAFE_ROUTE.transfers],
    ['native batch contract', native, SAFE_ROUTE.batchContract],
    ['token batch contract', token, SAFE_ROUTE.batchContract]
  ] as const)('%s', (_name, asset, route) => {
    const tx = planned(asset, route)
    expect(decodeSafeTxPayments(tx, ctx(asset))).toEqual(payments(rows))
    expect(() => assertPaymentsMatchRows(decodeSafeTxPayments(tx, ctx(asset)), rows)).not.toThrow()
  })

  it('a single row is a direct call', () => {
    const tx = planned(token, SAFE_ROUTE.transfers, rows.slice(0, 1))
    expect(tx).toMatchObject({ to: TOKEN, operation: OPERATION.call })
    expect(decodeSafeTxPayments(tx, ctx(token))).toEqual(payments(rows.slice(0, 1)))
  })

  it('the packed MultiSend encoding round-trips', () => {
    const calls = [
      { to: addr('a'), value: 5n, data: '0x' },
      { to: addr('b'), value: 0n, data: '0xdeadbeef' }
    ]
    expect(unpackMultiSend(multiSendData(calls))).toEqual(calls.map((c) => ({ ...c, data: c.data.toLowerCase() })))
  })
})

describe('a changed Safe transaction is refused', () => {
  it('a recipient swapped in the calldata names the row', () => {
    const other = [...rows]
    other[1] = { ...rows[1]!, to: addr('thief') }
    const tampered = planned(token, SAFE_ROUTE.transfers, other)
    expect(() => assertPaymentsMatchRows(decodeSafeTxPayments(tampered, ctx(token)), rows)).toThrow(
      expect.objectContaining({
        code: SAFE_ERROR.rowsMismatch,
        details: expect.objectContaining({ position: 2, itemId: 'PO-1#2' })
      })
    )
  })

  it('an amount changed, a row added or a row dropped', () => {
    const more = planned(native, SAFE_ROUTE.transfers, [...rows, { itemId: 'x', row: 4, to: addr('x'), amount: 1n }])
    expect(() => assertPaymentsMatchRows(decodeSafeTxPayments(more, ctx(native)), rows)).toThrow(/Payment 4/)
    const fewer = planned(native, SAFE_ROUTE.transfers, rows.slice(0, 2))
    expect(() => assertPaymentsMatchRows(decodeSafeTxPayments(fewer, ctx(native)), rows)).toThrow(
      /Payment 3.*pays nothing/
    )
    const changed = planned(native, SAFE_ROUTE.transfers, [rows[0]!, { ...rows[1]!, amount: 7n }, rows[2]!])
    expect(() => assertPaymentsMatchRows(decodeSafeTxPayments(changed, ctx(native)), rows)).toThrow(/Payment 2/)
  })

  it('a delegatecall to anything but the verified MultiSendCallOnly', () => {
    const tx = { ...planned(native, SAFE_ROUTE.transfers), to: addr('evil') }
    expect(() => decodeSafeTxPayments(tx, ctx(native))).toThrow(
      expect.objectContaining({ code: SAFE_ERROR.multiSendNotVerified })
    )
  })

  it('a nested delegatecall inside the MultiSend batch', () => {
    const plain = multiSendData([{ to: addr('a'), value: 1n, data: '0x' }])
    const packed = packCalls([{ to: addr('a'), value: 1n, data: '0x' }]).slice(2)
    const nested = plain.replace(packed, '01' + packed.slice(2))
    const tx = safeTxOf({ to: MULTISEND, value: 0n, data: nested, operation: OPERATION.delegateCall }, 0n)
    expect(() => decodeSafeTxPayments(tx, ctx(native))).toThrow(/call 1 is a delegatecall/)
  })

  it('a call that is not a transfer, a refund to someone, an approval to another spender', () => {
    const call = safeTxOf(
      { to: TOKEN, value: 0n, data: erc20Interface.encodeFunctionData('approve', [addr('x'), 5n]) },
      0n
    )
    expect(() => decodeSafeTxPayments(call, ctx(token))).toThrow(
      expect.objectContaining({ code: SAFE_ERROR.undecodable })
    )
    const refund = { ...planned(native, SAFE_ROUTE.transfers), gasPrice: 1n, refundReceiver: addr('x') }
    expect(() => decodeSafeTxPayments(refund, ctx(native))).toThrow(/gas refund/)
    const approveOther = safeTxOf(
      {
        to: MULTISEND,
        value: 0n,
        operation: OPERATION.delegateCall,
        data: multiSendData([
          { to: TOKEN, value: 0n, data: erc20Interface.encodeFunctionData('approve', [addr('x'), 6_000_000n]) },
          {
            to: BATCH,
            value: 0n,
            data: batchInterface.encodeFunctionData('disperseToken', [
              TOKEN,
              rows.map((r) => r.to),
              rows.map((r) => r.amount)
            ])
          }
        ])
      },
      0n
    )
    expect(() => decodeSafeTxPayments(approveOther, ctx(token))).toThrow(
      expect.objectContaining({ code: SAFE_ERROR.undecodable })
    )
  })

  it('native sent to the batch contract that does not add up to its payments', () => {
    const tx = { ...planned(native, SAFE_ROUTE.batchContract), value: 1n }
    expect(() => decodeSafeTxPayments(tx, ctx(native))).toThrow(
      /sends 1 to the batch contract for payments totalling 6000000/
    )
  })
})
