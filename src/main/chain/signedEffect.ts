// Runs in: main (plain Node). What a signed transaction does, read from its bytes alone: the
// journal's other columns (purpose, item links) are the desk's to edit, the signed bytes are not
// (their hash is the transaction's name on the network and in the payout's history). The shapes
// are the ones this app signs: a native send, an ERC-20 `transfer`, a batch call, a Safe
// execution of those, an ERC-20 `approve` (a batch's allowance or its revocation) and a cancel (a
// 0-value self-send, or a Safe executing nothing on itself).
import { Transaction, getAddress } from 'ethers'
import { readBatchCall } from './batchCalls'
import { erc20Interface } from './batchContract'
import { TX_PURPOSE, type TxPurpose } from './journal'
import { OPERATION } from '../safe/abi'
import { executedPayments, parseSafeExecution } from '../safe/settle'

export interface SignedPayment {
  readonly to: string
  readonly amount: bigint
}

export type SignedEffect =
  | { readonly kind: typeof TX_PURPOSE.payment; readonly payments: readonly SignedPayment[] }
  | { readonly kind: typeof TX_PURPOSE.approve }
  | { readonly kind: typeof TX_PURPOSE.cancel }
  | { readonly kind: 'unreadable' }

const SELECTOR = {
  transfer: erc20Interface.getFunction('transfer')?.selector ?? '',
  approve: erc20Interface.getFunction('approve')?.selector ?? ''
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/** The effect of a signed transaction (0x-prefixed bytes), as far as paying rows goes. */
export function signedEffect(raw: string): SignedEffect {
  let parsed: Transaction
  try {
    parsed = Transaction.from(raw)
  } catch {
    return { kind: 'unreadable' }
  }
  return transactionEffect(parsed, () => parsed.from)
}

/** A transaction as a node serves it: its sender, target, value and input, without the signed bytes. */
export interface SentCall {
  readonly from: string
  readonly to: string | null
  readonly value: bigint
  readonly data: string
}

/** The effect of a transaction read back from the chain, judged as its signed bytes would be. */
export function sentCallEffect(call: SentCall): SignedEffect {
  let parsed: Transaction
  try {
    parsed = Transaction.from({ to: call.to, value: call.value, data: call.data })
  } catch {
    return { kind: 'unreadable' }
  }
  return transactionEffect(parsed, () => call.from)
}

/** `sender` is asked only for a 0-value send with no input (a cancel is one to itself). */
function transactionEffect(parsed: Transaction, sender: () => string | null): SignedEffect {
  if (parsed.to === null) return { kind: 'unreadable' }
  const data = parsed.data.toLowerCase()
  try {
    const safe = parseSafeExecution(parsed)
    if (safe !== undefined) {
      if (same(safe.to, safe.safe) && safe.value === 0n && safe.data === '0x' && safe.operation === OPERATION.call)
        return { kind: TX_PURPOSE.cancel }
      const payments = executedPayments(safe).map(({ to, amount }) => ({ to, amount }))
      return payments.length === 0 ? { kind: TX_PURPOSE.approve } : { kind: TX_PURPOSE.payment, payments }
    }
    const batch = readBatchCall(data)
    if (batch !== undefined) return { kind: TX_PURPOSE.payment, payments: batch.payments }
    if (data.startsWith(SELECTOR.transfer)) {
      const [to, amount] = erc20Interface.decodeFunctionData('transfer', data) as unknown as [string, bigint]
      return { kind: TX_PURPOSE.payment, payments: [{ to: getAddress(to), amount }] }
    }
    if (data.startsWith(SELECTOR.approve)) return { kind: TX_PURPOSE.approve }
  } catch {
    return { kind: 'unreadable' }
  }
  if (data !== '0x') return { kind: 'unreadable' }
  // Only a 0-value send needs its sender recovered (about a millisecond): a cancel is one to itself.
  if (parsed.value === 0n) {
    const from = sender()
    return from !== null && same(parsed.to, from) ? { kind: TX_PURPOSE.cancel } : { kind: 'unreadable' }
  }
  return { kind: TX_PURPOSE.payment, payments: [{ to: getAddress(parsed.to), amount: parsed.value }] }
}

/** Whether a journal purpose is what the bytes do: an allowance's revocation is an approve too. */
export function purposeMatches(purpose: TxPurpose, effect: SignedEffect): boolean {
  switch (purpose) {
    case TX_PURPOSE.payment:
    case TX_PURPOSE.cancel:
      return effect.kind === purpose
    case TX_PURPOSE.approve:
    case TX_PURPOSE.revoke:
      return effect.kind === TX_PURPOSE.approve
    default: {
      const unknown: never = purpose
      return unknown
    }
  }
}
