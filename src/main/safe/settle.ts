// Runs in: main (plain Node). What a mined execTransaction did to its rows. The Safe reports each
// execution with ExecutionSuccess or ExecutionFailure carrying the Safe transaction hash; Treasury
// appends that hash after the execTransaction arguments (ABI decoding ignores trailing bytes; the
// Safe never reads them), so the journal's raw bytes alone say which Safe transaction a record
// executes. A row is paid when the Safe reports our hash executed and, for a token, the matching
// Transfer is in the receipt (from the Safe, or from the batch contract for its batch); native
// payments ride on the Safe's all-or-nothing execution (safeTxGas 0: any failing call reverts it).
// An execution that reverted may still have been made by someone else with the same signatures:
// then the rows are paid by that transaction, which is found by its ExecutionSuccess event. Only the
// Safe's ExecutionFailure is evidence that nothing was paid: a successful receipt that shows no
// execution event of ours, or no Transfer for a row, proves nothing either way (an endpoint can serve
// a receipt stripped of its logs), so those rows need checking and are never offered for a retry.
import { Transaction, getAddress, zeroPadValue } from 'ethers'
import { batchInterface, erc20Interface } from '../chain/batchContract'
import type { EthRpc, LogEntry, Receipt } from '../chain/ethRpc'
import type { ItemOutcome, JournalTx, TxFailure } from '../chain/journal'
import { EXECUTION_FAILURE_TOPIC, EXECUTION_SUCCESS_TOPIC, OPERATION, safeInterface } from './abi'
import { unpackMultiSend, type SafeCall } from './multiSend'

export const SAFE_SETTLEMENT_FAILURE = {
  executionFailed: 'SAFE_EXECUTION_FAILED',
  notExecuted: 'SAFE_NOT_EXECUTED',
  transferMissing: 'TRANSFER_NOT_FOUND'
} as const

const EXEC_SELECTOR = safeInterface.getFunction('execTransaction')?.selector ?? ''
const TRANSFER_TOPIC = erc20Interface.getEvent('Transfer')?.topicHash ?? ''
const SELECTOR = {
  transfer: erc20Interface.getFunction('transfer')?.selector ?? '',
  approve: erc20Interface.getFunction('approve')?.selector ?? '',
  disperseEther: batchInterface.getFunction('disperseEther')?.selector ?? '',
  disperseToken: batchInterface.getFunction('disperseToken')?.selector ?? ''
}
const HASH_HEX_CHARS = 64
/** How far back a search for someone else's execution of the same Safe transaction looks. */
export const EXECUTION_SEARCH_BLOCKS = 10_000n

/** execTransaction calldata with the Safe transaction hash appended (see the header). */
export function tagExecution(execData: string, safeTxHash: string): string {
  return execData.toLowerCase() + safeTxHash.replace(/^0x/, '').toLowerCase()
}

export interface SafeExecution {
  readonly safe: string
  readonly operation: number
  readonly to: string
  readonly value: bigint
  readonly data: string
  /** The Safe transaction hash Treasury appended, when present. */
  readonly safeTxHash: string | undefined
}

/** Reads a signed transaction's calldata as an execTransaction, or undefined when it is not one. */
export function parseSafeExecution(raw: string | Transaction): SafeExecution | undefined {
  const parsed = typeof raw === 'string' ? Transaction.from(raw) : raw
  if (!parsed.to || !parsed.data.toLowerCase().startsWith(EXEC_SELECTOR)) return undefined
  const args = safeInterface.decodeFunctionData('execTransaction', parsed.data)
  const canonical = safeInterface.encodeFunctionData('execTransaction', [...args])
  const extra = parsed.data.slice(canonical.length)
  return {
    safe: getAddress(parsed.to),
    operation: Number(args[3] as bigint),
    to: getAddress(args[0] as string),
    value: args[1] as bigint,
    data: (args[2] as string).toLowerCase(),
    safeTxHash: extra.length === HASH_HEX_CHARS ? `0x${extra.toLowerCase()}` : undefined
  }
}

interface ExpectedPayment {
  readonly to: string
  readonly amount: bigint
  /** For a token payment: the token and who the Transfer comes from. */
  readonly token?: { readonly address: string; readonly from: string }
}

/** The payments an executed Safe transaction makes, in calldata order (the journal's item order). */
export function executedPayments(e: SafeExecution): ExpectedPayment[] {
  const calls: SafeCall[] =
    e.operation === OPERATION.delegateCall ? unpackMultiSend(e.data) : [{ to: e.to, value: e.value, data: e.data }]
  const out: ExpectedPayment[] = []
  for (const call of calls) {
    const selector = call.data.slice(0, 10).toLowerCase()
    if (call.data === '0x') out.push({ to: getAddress(call.to), amount: call.value })
    else if (selector === SELECTOR.transfer) {
      const [to, amount] = erc20Interface.decodeFunctionData('transfer', call.data) as unknown as [string, bigint]
      out.push({ to: getAddress(to), amount, token: { address: getAddress(call.to), from: e.safe } })
    } else if (selector === SELECTOR.disperseEther) {
      const [to, values] = batchInterface.decodeFunctionData('disperseEther', call.data) as unknown as [
        string[],
        bigint[]
      ]
      to.forEach((t, i) => out.push({ to: getAddress(t), amount: values[i] ?? 0n }))
    } else if (selector === SELECTOR.disperseToken) {
      const [token, to, values] = batchInterface.decodeFunctionData('disperseToken', call.data) as unknown as [
        string,
        string[],
        bigint[]
      ]
      to.forEach((t, i) =>
        out.push({
          to: getAddress(t),
          amount: values[i] ?? 0n,
          token: { address: getAddress(token), from: getAddress(call.to) }
        })
      )
    } else if (selector !== SELECTOR.approve) {
      throw new Error(`Unrecognised call in an executed Safe transaction: ${call.data.slice(0, 10)}`)
    }
  }
  return out
}

/** The Safe transaction hash an ExecutionSuccess/Failure log reports (indexed in 1.4.1, in data in 1.3.0). */
function executionHash(log: LogEntry): string | undefined {
  if (log.topics.length >= 2) return log.topics[1]?.toLowerCase()
  if (log.data.length >= 2 + HASH_HEX_CHARS) return `0x${log.data.slice(2, 2 + HASH_HEX_CHARS)}`.toLowerCase()
  return undefined
}

interface ExecutionEvent {
  readonly kind: 'success' | 'failure'
  readonly hash: string | undefined
}

function executionEvents(logs: readonly LogEntry[], safe: string): ExecutionEvent[] {
  return logs
    .filter((l) => l.address.toLowerCase() === safe.toLowerCase())
    .flatMap((l): ExecutionEvent[] =>
      l.topics[0] === EXECUTION_SUCCESS_TOPIC
        ? [{ kind: 'success', hash: executionHash(l) }]
        : l.topics[0] === EXECUTION_FAILURE_TOPIC
          ? [{ kind: 'failure', hash: executionHash(l) }]
          : []
    )
}

const topicOf = (address: string): string => zeroPadValue(address, 32).toLowerCase()

function failAll(tx: JournalTx, failure: TxFailure): ItemOutcome[] {
  return tx.itemIds.map((itemId) => ({ itemId, paid: false, failure }))
}

function checkAll(tx: JournalTx, failure: TxFailure): ItemOutcome[] {
  return tx.itemIds.map((itemId) => ({ itemId, paid: false, needsCheck: true, failure }))
}

/** Item outcomes of a successful receipt of a Safe execution; undefined when `tx` is not one. */
export function settleSafeExecution(tx: JournalTx, receipt: Receipt): ItemOutcome[] | undefined {
  const e = parseSafeExecution(tx.raw)
  if (!e) return undefined
  const events = executionEvents(receipt.logs, e.safe)
  const ours = events.find((ev) => e.safeTxHash === undefined || ev.hash === e.safeTxHash)
  if (!ours)
    return checkAll(tx, {
      code: SAFE_SETTLEMENT_FAILURE.notExecuted,
      reason:
        "The network ran the transaction, but its receipt shows no execution of this Safe transaction, neither success nor failure. Whether it paid is unknown: check the Safe's transactions and the recipients' balances before paying again."
    })
  if (ours.kind === 'failure')
    return failAll(tx, {
      code: SAFE_SETTLEMENT_FAILURE.executionFailed,
      reason:
        'The Safe ran this Safe transaction and its payments failed; its Safe nonce is used. Nothing was paid by it.'
    })
  const payments = executedPayments(e)
  const seen = new Map<string, number>()
  for (const log of receipt.logs) {
    if (log.topics[0] !== TRANSFER_TOPIC || log.topics[1] === undefined || log.topics[2] === undefined) continue
    const key = `${log.address.toLowerCase()}:${log.topics[1]}:${log.topics[2]}:${BigInt(log.data)}`
    seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  return tx.itemIds.map((itemId, i): ItemOutcome => {
    const p = payments[i]
    if (p && !p.token) return { itemId, paid: true }
    if (p?.token) {
      const key = `${p.token.address.toLowerCase()}:${topicOf(p.token.from)}:${topicOf(p.to)}:${p.amount}`
      const count = seen.get(key) ?? 0
      if (count > 0) {
        seen.set(key, count - 1)
        return { itemId, paid: true }
      }
    }
    return {
      itemId,
      paid: false,
      needsCheck: true,
      failure: {
        code: SAFE_SETTLEMENT_FAILURE.transferMissing,
        reason: `The Safe executed the transaction but the network shows no transfer of this amount to ${p?.to ?? 'the recipient'}. Whether it was paid is unknown: check the recipient's balance before paying again.`
      }
    }
  })
}

/**
 * For a reverted execution: the transaction that executed the same Safe transaction instead (someone
 * else sent the same signatures first), found by its ExecutionSuccess event; undefined otherwise.
 */
export async function executedElsewhere(rpc: EthRpc, tx: JournalTx, receipt: Receipt): Promise<string | undefined> {
  const e = parseSafeExecution(tx.raw)
  if (!e?.safeTxHash) return undefined
  return findExecution(rpc, e.safe, e.safeTxHash, receipt.blockNumber - EXECUTION_SEARCH_BLOCKS, receipt.blockNumber)
}

/** The transaction hash that executed `safeTxHash` on `safe` between two blocks, if any. */
export async function findExecution(
  rpc: EthRpc,
  safe: string,
  safeTxHash: string,
  fromBlock: bigint,
  toBlock: bigint
): Promise<string | undefined> {
  const logs = await rpc.logs({
    address: safe,
    fromBlock: fromBlock < 0n ? 0n : fromBlock,
    toBlock,
    topics: [EXECUTION_SUCCESS_TOPIC]
  })
  const hit = logs.find((l) => executionHash(l) === safeTxHash.toLowerCase())
  return hit?.transactionHash
}
