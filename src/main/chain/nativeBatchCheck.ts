// Runs in: main (plain Node). ETH sent by a batch leaves no event, so a confirmed native batch is
// checked against balance changes: each recipient's balance across the block must have grown by at
// least what the batch sent it. Where the change is confounded (the recipient also spent in that
// block, is a contract that may forward ETH, or is the payer or the batch contract) or the node
// keeps no state for the previous block, the verified all-or-nothing contract's success stands and
// a warning says the row could not be cross-checked. A shortfall on a plain account contradicts the
// contract's success: the row needs checking (the balances may be what is wrong).
import { Transaction, getAddress } from 'ethers'
import { readBatchCall } from './batchCalls'
import type { EthRpc, Receipt } from './ethRpc'
import type { ItemOutcome, JournalTx } from './journal'
import { SETTLEMENT_FAILURE } from './settlement'

export interface NativeBatchCheck {
  readonly items: readonly ItemOutcome[]
  readonly warnings: readonly string[]
}

/** Undefined when the transaction is not a native batch. */
export async function checkNativeBatch(
  rpc: EthRpc,
  tx: JournalTx,
  receipt: Receipt
): Promise<NativeBatchCheck | undefined> {
  const parsed = Transaction.from(tx.raw)
  const batch = parsed.to ? readBatchCall(parsed.data) : undefined
  if (!parsed.to || !batch || batch.token !== undefined) return undefined
  const excluded = new Set([getAddress(tx.from), getAddress(parsed.to)])
  const expected = new Map<string, bigint>()
  for (const { to, amount } of batch.payments) {
    if (!excluded.has(to)) expected.set(to, (expected.get(to) ?? 0n) + amount)
  }
  const addresses = [...expected.keys()]
  const paidAll = (warning?: string): NativeBatchCheck => ({
    items: tx.itemIds.map((itemId) => ({ itemId, paid: true })),
    warnings: warning ? [warning] : []
  })
  if (addresses.length === 0) return paidAll()
  let before: bigint[]
  let after: bigint[]
  try {
    ;[before, after] = await Promise.all([
      rpc.balancesAt(addresses, receipt.blockNumber - 1n),
      rpc.balancesAt(addresses, receipt.blockNumber)
    ])
  } catch {
    return paidAll(
      'The node keeps no balances for the block before this batch, so its rows could not be cross-checked; the batch contract reported every transfer done.'
    )
  }
  const short = new Set<string>()
  const warnings: string[] = []
  for (let i = 0; i < addresses.length; i++) {
    const a = addresses[i] as string
    if ((after[i] ?? 0n) - (before[i] ?? 0n) >= (expected.get(a) ?? 0n)) continue
    const [nonceBefore, nonceAfter, code] = await Promise.all([
      rpc.nonce(a, receipt.blockNumber - 1n),
      rpc.nonce(a, receipt.blockNumber),
      rpc.code(a)
    ])
    if (nonceBefore !== nonceAfter || code !== '0x')
      warnings.push(`${a} also moved funds in that block, so its payment could not be cross-checked by balance.`)
    else short.add(a)
  }
  const items = tx.itemIds.map((itemId, i): ItemOutcome => {
    const to = batch.payments[i]?.to ?? ''
    if (!short.has(to)) return { itemId, paid: true }
    return {
      itemId,
      paid: false,
      needsCheck: true,
      failure: {
        code: SETTLEMENT_FAILURE.transferMissing,
        reason: `The batch was accepted but ${to}'s balance did not grow by the amount sent. Whether it was paid is unknown: check the recipient's balance before paying again.`
      }
    }
  })
  return { items, warnings }
}
