// Runs in: main (plain Node). What a confirmed transaction did to its items. A token payment counts
// as paid only when the receipt holds the matching Transfer event (a batch: one per row, from the
// batch contract; a transfer: from the payer), because some tokens report success without moving
// anything. A successful receipt without it is no proof that nothing moved either (an endpoint can
// serve a receipt stripped of its logs; a token can take a fee): that row needs checking. Native
// batches go through a verified all-or-nothing contract: a successful receipt means every row was
// paid. Batch calls are read the same way whether packed or not (batchCalls.ts).
// A Safe's execTransaction is settled from the Safe's own events (see src/main/safe/settle.ts).
import { Transaction, getAddress, zeroPadValue } from 'ethers'
import { readBatchCall } from './batchCalls'
import { erc20Interface } from './batchContract'
import type { Receipt } from './ethRpc'
import { settleSafeExecution } from '../safe/settle'
import { TX_PURPOSE, type ItemOutcome, type JournalTx, type TxFailure } from './journal'

export const SETTLEMENT_FAILURE = {
  reverted: 'REVERTED',
  cancelled: 'CANCELLED',
  transferMissing: 'TRANSFER_NOT_FOUND',
  nonceTaken: 'NONCE_TAKEN',
  /** Not a failure: the outcome is unknown (see TX_STATE.unverified); the code of its note. */
  noReceipt: 'NO_RECEIPT',
  /** Not a failure either: a witness contradicts the success the endpoint in use served. */
  endpointsDisagree: 'ENDPOINTS_DISAGREE',
  /** Not a failure either: the journal's record of the transaction differs from its signed bytes. */
  journalAltered: 'JOURNAL_ALTERED'
} as const

const TRANSFER_TOPIC = erc20Interface.getEvent('Transfer')?.topicHash ?? ''
const ERC20_TRANSFER = erc20Interface.getFunction('transfer')?.selector ?? ''

interface ExpectedTransfer {
  readonly itemId: string
  readonly to: string
  readonly value: bigint
}

function topicOf(address: string): string {
  return zeroPadValue(address, 32).toLowerCase()
}

/** Token transfers a payment transaction must produce, or undefined when it moves the native coin. */
export function expectedTokenTransfers(
  tx: JournalTx
): { token: string; sender: string; transfers: ExpectedTransfer[] } | undefined {
  const parsed = Transaction.from(tx.raw)
  const data = parsed.data
  if (!parsed.to) return undefined
  const batch = readBatchCall(data)
  if (batch) {
    if (batch.token === undefined) return undefined
    return {
      token: batch.token,
      sender: getAddress(parsed.to),
      transfers: batch.payments.map((p, i) => ({ itemId: tx.itemIds[i] ?? '', to: p.to, value: p.amount }))
    }
  }
  if (data.startsWith(ERC20_TRANSFER)) {
    const [to, value] = erc20Interface.decodeFunctionData('transfer', data) as unknown as [string, bigint]
    return {
      token: getAddress(parsed.to),
      sender: getAddress(tx.from),
      transfers: [{ itemId: tx.itemIds[0] ?? '', to: getAddress(to), value }]
    }
  }
  return undefined
}

/** Item outcomes for a transaction whose receipt is final. */
export function settleItems(tx: JournalTx, receipt: Receipt): readonly ItemOutcome[] {
  if (tx.purpose === TX_PURPOSE.approve || tx.purpose === TX_PURPOSE.revoke) return [] // allowances pay nobody
  if (tx.purpose === TX_PURPOSE.cancel) {
    const failure: TxFailure = {
      code: SETTLEMENT_FAILURE.cancelled,
      reason: 'The payment was cancelled before the network processed it.'
    }
    return tx.itemIds.map((itemId) => ({ itemId, paid: false, failure }))
  }
  const fromSafe = settleSafeExecution(tx, receipt)
  if (fromSafe) return fromSafe
  const expected = expectedTokenTransfers(tx)
  if (!expected) return tx.itemIds.map((itemId) => ({ itemId, paid: true }))
  const seen = new Map<string, number>()
  const senderTopic = topicOf(expected.sender)
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== expected.token.toLowerCase() || log.topics[0] !== TRANSFER_TOPIC) continue
    if (log.topics[1] !== senderTopic || log.topics[2] === undefined) continue
    const key = `${log.topics[2]}:${BigInt(log.data)}`
    seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  return expected.transfers.map((t) => {
    const key = `${topicOf(t.to)}:${t.value}`
    const count = seen.get(key) ?? 0
    if (count > 0) {
      seen.set(key, count - 1)
      return { itemId: t.itemId, paid: true }
    }
    return {
      itemId: t.itemId,
      paid: false,
      needsCheck: true,
      failure: {
        code: SETTLEMENT_FAILURE.transferMissing,
        reason: `The network accepted the transaction but shows no transfer of this amount to ${t.to}. Whether it was paid is unknown: check the recipient's balance before paying again.`
      }
    }
  })
}
