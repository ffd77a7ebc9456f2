// Runs in: tests (plain Node, Vitest). Settling the rows of a mined execTransaction from the Safe's
// events and the token's Transfer logs, on receipts shaped as a node returns them: the hash the
// execution carries must be the one the Safe reports (1.4.1 indexes it, 1.3.0 puts it in data),
// a token row needs its Transfer from the Safe, a failure or an execution of something else pays
// nothing.
import { AbiCoder, Transaction, Wallet, ZeroAddress, id, zeroPadValue } from 'ethers'
import { describe, expect, it } from 'vitest'
import { erc20Interface } from '../chain/batchContract'
import type { LogEntry, Receipt } from '../chain/ethRpc'
import type { JournalTx } from '../chain/journal'
import type { PaymentRow, PlanAsset } from '../chain/planTypes'
import { EXECUTION_FAILURE_TOPIC, EXECUTION_SUCCESS_TOPIC } from './abi'
import { execTransactionData } from './gasEstimate'
import { SAFE_ROUTE, chunkCall } from './plan'
import { SAFE_SETTLEMENT_FAILURE, parseSafeExecution, settleSafeExecution, tagExecution } from './settle'
import { safeTxHash, type SafeTx } from './safeTx'

const wallet = new Wallet(id('settle-executor'))
const addr = (tag: string) => new Wallet(id(tag)).address
const SAFE = addr('safe')
const TOKEN = addr('token')
const token: PlanAsset = {
  kind: 'erc20',
  address: TOKEN,
  symbol: 'T',
  decimals: 6,
  transferReturnsNoValue: false,
  clearSigned: false
}
const rows: PaymentRow[] = [1, 2, 3].map((i) => ({ itemId: `P#${i}`, row: i, to: addr(`r${i}`), amount: BigInt(i) }))
const safeTx: SafeTx = { ...chunkCall(SAFE_ROUTE.transfers, token, rows, addr('multisend'), undefined), nonce: 9n }
const hash = safeTxHash(1n, SAFE, safeTx)

async function journalTx(tagged = true): Promise<JournalTx> {
  const data = execTransactionData(safeTx, '0x' + '11'.repeat(65))
  const raw = await wallet.signTransaction(
    Transaction.from({
      type: 2,
      chainId: 1n,
      nonce: 0,
      to: SAFE,
      data: tagged ? tagExecution(data, hash) : data,
      gasLimit: 500_000n,
      maxFeePerGas: 1n,
      maxPriorityFeePerGas: 1n
    })
  )
  return {
    payoutId: 'P',
    step: 0,
    purpose: 'payment',
    chainId: 1n,
    from: wallet.address,
    nonce: 0,
    raw,
    hash: Transaction.from(raw).hash ?? '',
    itemIds: rows.map((r) => r.itemId),
    state: 'mined'
  }
}

const topic = (a: string) => zeroPadValue(a, 32).toLowerCase()
const word = (n: bigint) => AbiCoder.defaultAbiCoder().encode(['uint256'], [n])
const transfer = (to: string, amount: bigint, from = SAFE): LogEntry => ({
  address: TOKEN.toLowerCase(),
  topics: [erc20Interface.getEvent('Transfer')!.topicHash, topic(from), topic(to)],
  data: word(amount)
})
const executed = (h: string, indexed = true, topic0 = EXECUTION_SUCCESS_TOPIC): LogEntry =>
  indexed
    ? { address: SAFE.toLowerCase(), topics: [topic0, h], data: word(0n) }
    : {
        address: SAFE.toLowerCase(),
        topics: [topic0],
        data: AbiCoder.defaultAbiCoder().encode(['bytes32', 'uint256'], [h, 0n])
      }
const receipt = (logs: LogEntry[]): Receipt => ({
  transactionHash: '0x' + '00'.repeat(32),
  blockNumber: 10n,
  blockHash: '0x' + '01'.repeat(32),
  success: true,
  gasUsed: 1n,
  effectiveGasPrice: 1n,
  logs
})

describe('settling a Safe execution', () => {
  it('reads back the Safe transaction hash appended to execTransaction', async () => {
    expect(parseSafeExecution((await journalTx()).raw)).toMatchObject({ safe: SAFE, safeTxHash: hash, operation: 1 })
    expect(parseSafeExecution((await journalTx(false)).raw)?.safeTxHash).toBeUndefined()
  })

  it('pays every row whose Transfer from the Safe is in the receipt; names a missing one', async () => {
    const outcome = settleSafeExecution(
      await journalTx(),
      receipt([executed(hash), transfer(rows[0]!.to, 1n), transfer(rows[2]!.to, 3n)])
    )
    expect(outcome?.map((o) => o.paid)).toEqual([true, false, true])
    // No Transfer in a successful execution's receipt is no proof that nothing moved: the row is checked, never retried.
    expect(outcome?.[1]).toMatchObject({
      paid: false,
      needsCheck: true,
      failure: { code: SAFE_SETTLEMENT_FAILURE.transferMissing }
    })
    expect(outcome?.[0]).not.toHaveProperty('needsCheck')
  })

  it('a successful receipt stripped of its logs leaves every row needing checking, not failed', async () => {
    const outcome = settleSafeExecution(await journalTx(), receipt([]))
    expect(outcome?.map((o) => !o.paid && o.needsCheck === true && o.failure.code)).toEqual(
      rows.map(() => SAFE_SETTLEMENT_FAILURE.notExecuted)
    )
  })

  it('recognises the 1.3.0 event, whose hash is in the data', async () => {
    const outcome = settleSafeExecution(
      await journalTx(),
      receipt([executed(hash, false), ...rows.map((r) => transfer(r.to, r.amount))])
    )
    expect(outcome?.every((o) => o.paid)).toBe(true)
  })

  it('a Transfer from someone else than the Safe does not pay a row', async () => {
    const outcome = settleSafeExecution(
      await journalTx(),
      receipt([executed(hash), ...rows.map((r) => transfer(r.to, r.amount, ZeroAddress))])
    )
    expect(outcome?.some((o) => o.paid)).toBe(false)
  })

  it('ExecutionFailure for our hash pays nothing; an execution of another hash pays nothing and needs checking', async () => {
    const failed = settleSafeExecution(await journalTx(), receipt([executed(hash, true, EXECUTION_FAILURE_TOPIC)]))
    expect(failed?.map((o) => !o.paid && o.failure.code)).toEqual(
      rows.map(() => SAFE_SETTLEMENT_FAILURE.executionFailed)
    )
    expect(failed?.some((o) => !o.paid && o.needsCheck === true)).toBe(false)
    const other = settleSafeExecution(
      await journalTx(),
      receipt([executed(id('other')), ...rows.map((r) => transfer(r.to, r.amount))])
    )
    expect(other?.map((o) => !o.paid && o.needsCheck === true && o.failure.code)).toEqual(
      rows.map(() => SAFE_SETTLEMENT_FAILURE.notExecuted)
    )
  })

  it('is not used for transactions that are not a Safe execution', async () => {
    const raw = await wallet.signTransaction(
      Transaction.from({
        type: 2,
        chainId: 1n,
        nonce: 0,
        to: TOKEN,
        data: erc20Interface.encodeFunctionData('transfer', [rows[0]!.to, 1n]),
        gasLimit: 1n,
        maxFeePerGas: 1n,
        maxPriorityFeePerGas: 1n
      })
    )
    expect(settleSafeExecution({ ...(await journalTx()), raw }, receipt([]))).toBeUndefined()
  })
})
