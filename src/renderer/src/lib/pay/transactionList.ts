// Runs in: renderer. A payout's transactions as the journal in main records them, turned into what
// the payment status lists: state and purpose in words, the rows each pays, the fee it cost, which
// one replaced which, and whether it can still be sped up or cancelled. Pure, so it is tested
// without a page.
import type { PayoutItem } from '../../../../shared/api'
import type { PayoutTransactionView } from '../../../../shared/execution'
import { assertNever } from '../../../../shared/result'
import { TX_PURPOSE, TX_STATE, type TxPurpose, type TxState } from '../../../../shared/statuses'
import { formatMoney } from '../../../../shared/money'
import { formatFee, NATIVE_DECIMALS } from './planComparison'

/** States of a transaction the network has not put in a block yet: the only ones that can be replaced. */
const NOT_MINED: ReadonlySet<TxState> = new Set([TX_STATE.signed, TX_STATE.broadcast])

export type Tone = 'ok' | 'warning' | 'error' | 'muted'

export function txStateLabel(state: TxState): { readonly label: string; readonly tone: Tone } {
  switch (state) {
    case TX_STATE.signed:
      return { label: 'Signed, not yet seen by the network', tone: 'muted' }
    case TX_STATE.broadcast:
      return { label: 'Sent, waiting to be mined', tone: 'muted' }
    case TX_STATE.mined:
      return { label: 'Mined, confirming', tone: 'muted' }
    case TX_STATE.unverified:
      return { label: 'No receipt: needs checking', tone: 'warning' }
    case TX_STATE.confirmed:
      return { label: 'Confirmed', tone: 'ok' }
    case TX_STATE.failed:
      return { label: 'Failed', tone: 'error' }
    case TX_STATE.replaced:
      return { label: 'Replaced', tone: 'muted' }
    default:
      return assertNever(state, 'transaction state')
  }
}

export function txPurposeLabel(purpose: TxPurpose): string {
  switch (purpose) {
    case TX_PURPOSE.payment:
      return 'Payment'
    case TX_PURPOSE.approve:
      return 'Token allowance for the batch'
    case TX_PURPOSE.cancel:
      return 'Cancel (0 to self)'
    case TX_PURPOSE.revoke:
      return 'Token allowance taken back'
    default:
      return assertNever(purpose, 'transaction purpose')
  }
}

/**
 * Whether "Speed up" / "Cancel" apply: the transaction is not mined and it is the latest of its
 * sender's nonce (an older one already has a replacement; main refuses to act on it).
 */
export function isReplaceable(tx: PayoutTransactionView, all: readonly PayoutTransactionView[]): boolean {
  if (!NOT_MINED.has(tx.state)) return false
  const sameNonce = all.filter(
    (t) => t.nonce === tx.nonce && t.from.toLowerCase() === tx.from.toLowerCase() && NOT_MINED.has(t.state)
  )
  return sameNonce[sameNonce.length - 1]?.hash === tx.hash
}

export interface TransactionLine {
  readonly tx: PayoutTransactionView
  readonly purpose: string
  readonly state: string
  readonly tone: Tone
  /** Row numbers this transaction pays, as far as the loaded page of items tells. */
  readonly rowNumbers: readonly number[]
  /** "≈ 0.000043 ETH" (rounded up to six decimals) or null before it is mined. */
  readonly feeText: string | null
  /** The exact fee, every digit, for a tooltip. */
  readonly feeExact: string | null
  /** The transaction that took this one's place, when one did. */
  readonly replacedBy: string | null
  readonly canReplace: boolean
  /** Cancelling a cancel would change nothing: a cancel can only be sped up. */
  readonly canCancel: boolean
}

/** Every recorded transaction, in the order they were signed, ready to list. */
export function describeTransactions(
  txs: readonly PayoutTransactionView[],
  items: readonly Pick<PayoutItem, 'row' | 'txHash'>[],
  nativeSymbol: string
): TransactionLine[] {
  const rowsByHash = new Map<string, number[]>()
  for (const item of items) {
    if (item.txHash === null) continue
    const key = item.txHash.toLowerCase()
    const list = rowsByHash.get(key)
    if (list === undefined) rowsByHash.set(key, [item.row])
    else list.push(item.row)
  }
  return txs.map((tx) => {
    const { label, tone } = txStateLabel(tx.state)
    const canReplace = isReplaceable(tx, txs)
    const fee = tx.feePaidBaseUnits
    return {
      tx,
      purpose: txPurposeLabel(tx.purpose),
      state: label,
      tone,
      rowNumbers: rowsByHash.get(tx.hash.toLowerCase()) ?? [],
      feeText: fee === null ? null : formatFee(fee, nativeSymbol),
      feeExact: fee === null ? null : formatMoney(fee, NATIVE_DECIMALS, nativeSymbol),
      replacedBy:
        txs.find((t) => t.replaces !== null && t.replaces.toLowerCase() === tx.hash.toLowerCase())?.hash ?? null,
      canReplace,
      canCancel: canReplace && tx.purpose !== TX_PURPOSE.cancel
    }
  })
}

/** Total network fee paid so far by all mined transactions, in the native coin's base units. */
export function totalFeePaid(txs: readonly Pick<PayoutTransactionView, 'feePaidBaseUnits'>[]): bigint {
  let total = 0n
  for (const { feePaidBaseUnits } of txs)
    if (feePaidBaseUnits !== null && /^[0-9]+$/.test(feePaidBaseUnits)) total += BigInt(feePaidBaseUnits)
  return total
}
