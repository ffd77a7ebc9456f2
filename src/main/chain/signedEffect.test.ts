import { Wallet, id } from 'ethers'
import { describe, expect, it } from 'vitest'
import { batchCall } from './batchCalls'
import { BATCH_CALLS, erc20Interface } from './batchContract'
import { purposeMatches, signedEffect } from './signedEffect'
import { execTransactionData } from '../safe/gasEstimate'
import { tagExecution } from '../safe/settle'
import { cancelSafeTx, safeTxOf } from '../safe/safeTx'
import { signedOffline } from '../../test/signedOffline'

const payer = new Wallet(id('signed-effect-payer'))
const addr = (tag: string): string => new Wallet(id(tag)).address
const token = addr('signed-effect-token')
const batch = addr('signed-effect-batch')
const safe = addr('signed-effect-safe')
const [alice, bob] = [addr('signed-effect-alice'), addr('signed-effect-bob')]

const signed = (call: { to: string; value?: bigint; data?: string }) => signedOffline(payer, call)

describe('what a signed transaction does, from its bytes', () => {
  it('reads the payments of a native send, a token transfer and a batch call, in calldata order', async () => {
    expect(signedEffect(await signed({ to: alice, value: 5n }))).toEqual({
      kind: 'payment',
      payments: [{ to: alice, amount: 5n }]
    })
    const transfer = erc20Interface.encodeFunctionData('transfer', [bob, 9n])
    expect(signedEffect(await signed({ to: token, data: transfer }))).toEqual({
      kind: 'payment',
      payments: [{ to: bob, amount: 9n }]
    })
    const rows = [
      { itemId: 'p#1', row: 1, to: bob, amount: 3n },
      { itemId: 'p#2', row: 2, to: alice, amount: 4n }
    ]
    for (const calls of [BATCH_CALLS.packed, BATCH_CALLS.disperse]) {
      const call = batchCall(
        { kind: 'erc20', address: token, symbol: 'T', decimals: 6, transferReturnsNoValue: false, clearSigned: true },
        rows,
        calls
      )
      expect(signedEffect(await signed({ to: batch, ...call }))).toEqual({
        kind: 'payment',
        payments: [
          { to: bob, amount: 3n },
          { to: alice, amount: 4n }
        ]
      })
    }
  })

  it('tells an approval and a cancel from a payment, and refuses to guess anything else', async () => {
    const approve = erc20Interface.encodeFunctionData('approve', [batch, 10n])
    expect(signedEffect(await signed({ to: token, data: approve }))).toEqual({ kind: 'approve' })
    expect(signedEffect(await signed({ to: payer.address }))).toEqual({ kind: 'cancel' })
    // A 0-value send to someone else pays nothing and cancels nothing.
    expect(signedEffect(await signed({ to: alice }))).toEqual({ kind: 'unreadable' })
    expect(signedEffect(await signed({ to: token, data: '0xdeadbeef' }))).toEqual({ kind: 'unreadable' })
    expect(signedEffect('0x02f8')).toEqual({ kind: 'unreadable' })
  })

  it("reads a Safe execution's payments, and its cancellation", async () => {
    const signatures = `0x${'11'.repeat(65)}`
    const pay = safeTxOf({ to: token, value: 0n, data: erc20Interface.encodeFunctionData('transfer', [alice, 2n]) }, 4n)
    const exec = tagExecution(execTransactionData(pay, signatures), id('safe-tx-pay'))
    expect(signedEffect(await signed({ to: safe, data: exec }))).toEqual({
      kind: 'payment',
      payments: [{ to: alice, amount: 2n }]
    })
    const cancel = tagExecution(execTransactionData(cancelSafeTx(safe, 4n), signatures), id('safe-tx-cancel'))
    expect(signedEffect(await signed({ to: safe, data: cancel }))).toEqual({ kind: 'cancel' })
  })

  it('matches a journal purpose to what the bytes do', () => {
    expect(purposeMatches('payment', { kind: 'payment', payments: [] })).toBe(true)
    expect(purposeMatches('revoke', { kind: 'approve' })).toBe(true)
    expect(purposeMatches('approve', { kind: 'approve' })).toBe(true)
    expect(purposeMatches('cancel', { kind: 'payment', payments: [] })).toBe(false)
    expect(purposeMatches('payment', { kind: 'cancel' })).toBe(false)
    expect(purposeMatches('payment', { kind: 'unreadable' })).toBe(false)
  })
})
