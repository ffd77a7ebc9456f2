// Runs in: main (plain Node). "Speed up" and "Cancel" for a payment that is not mined yet: a new
// transaction with the SAME nonce, every fee raised by at least the network's minimum replacement
// bump. A speed-up repeats the original call; a cancel is a 0-value transfer to the payer itself.
// Both are persisted before broadcast like any other; whichever of the same-nonce transactions is
// mined decides the items' fate (the tracker settles the rest as replaced).
import { Transaction, getAddress } from 'ethers'
import { BROADCAST_STATUS, DEFAULT_BROADCAST_OPTIONS, broadcastSigned, type BroadcastOptions } from './broadcast'
import { CHAIN_ERROR, ChainError } from './errors'
import type { EthRpc } from './ethRpc'
import { safeEmit, type ExecutionListener } from './events'
import { DEFAULT_FEE_POLICY, quoteFees, replacementFees, type FeePolicy, type FeeQuote } from './fees'
import { LIVE_TX_STATES, TX_PURPOSE, TX_STATE, type ExecutionJournal, type JournalTx } from './journal'
import { PLAIN_TRANSFER_GAS } from './planTypes'
import { checkSigned } from './signedCheck'
import type { TransactionSigner } from './signer'
import { signWith, unsignedFor } from './executor'

export const REPLACEMENT_KIND = { speedUp: 'speed_up', cancel: 'cancel' } as const
export type ReplacementKind = (typeof REPLACEMENT_KIND)[keyof typeof REPLACEMENT_KIND]

export interface ReplaceRequest {
  readonly rpc: EthRpc
  readonly journal: ExecutionJournal
  readonly signer: TransactionSigner
  /** Hash of the live transaction to replace (the latest of its nonce). */
  readonly hash: string
  readonly kind: ReplacementKind
  readonly feePolicy?: FeePolicy
  readonly broadcast?: BroadcastOptions
  readonly onEvent?: ExecutionListener
}

function feesOf(parsed: Transaction): FeeQuote {
  if (parsed.type === 2)
    return {
      type: 2,
      baseFeePerGas: 0n,
      maxFeePerGas: parsed.maxFeePerGas ?? 0n,
      maxPriorityFeePerGas: parsed.maxPriorityFeePerGas ?? 0n
    }
  return { type: 0, gasPrice: parsed.gasPrice ?? 0n }
}

function notReplaceable(message: string): ChainError {
  return new ChainError(CHAIN_ERROR.notReplaceable, message)
}

export async function replaceTransaction(request: ReplaceRequest): Promise<JournalTx> {
  const { rpc, journal, signer } = request
  const target = (await journal.listUnsettled()).find((t) => t.hash === request.hash.toLowerCase())
  if (!target) throw notReplaceable('This transaction is already settled; there is nothing to speed up or cancel.')
  if (target.state === TX_STATE.mined || (await rpc.receipt(target.hash)))
    throw notReplaceable('This transaction is already in a block; it can no longer be replaced.')
  const siblings = await journal.listByNonce(target.chainId, target.from, target.nonce)
  const live = siblings.filter((s) => LIVE_TX_STATES.includes(s.state))
  const latest = live[live.length - 1]
  if (!latest || latest.hash !== target.hash)
    throw notReplaceable('A newer replacement of this transaction exists; act on that one.')
  if (getAddress(signer.address) !== getAddress(target.from))
    throw new ChainError(
      CHAIN_ERROR.signerMismatch,
      `This transaction was sent from ${target.from}; connect that account to replace it.`
    )

  const parsed = Transaction.from(target.raw)
  if (!parsed.to) throw notReplaceable('This transaction cannot be replaced.')
  const fees = replacementFees(
    feesOf(parsed),
    await quoteFees(rpc, request.feePolicy ?? DEFAULT_FEE_POLICY),
    request.feePolicy ?? DEFAULT_FEE_POLICY
  )
  const cancel = request.kind === REPLACEMENT_KIND.cancel
  const call = cancel
    ? { to: target.from, value: 0n, data: '0x', gasLimit: PLAIN_TRANSFER_GAS }
    : { to: parsed.to, value: parsed.value, data: parsed.data, gasLimit: parsed.gasLimit }
  const unsigned = unsignedFor(call, target.chainId, target.nonce, fees)
  const result = await signWith(signer, unsigned)
  const hash = checkSigned(unsigned, target.from, result)
  const record = {
    payoutId: target.payoutId,
    step: target.step,
    purpose: cancel ? TX_PURPOSE.cancel : target.purpose,
    chainId: target.chainId,
    from: target.from,
    nonce: target.nonce,
    raw: result.raw,
    hash,
    itemIds: target.itemIds,
    replaces: target.hash
  }
  await journal.recordSigned(record)
  safeEmit(request.onEvent, {
    type: 'signed',
    payoutId: target.payoutId,
    step: target.step,
    hash: record.hash,
    nonce: target.nonce
  })
  const sent = await broadcastSigned(
    rpc,
    journal,
    record,
    request.broadcast ?? DEFAULT_BROADCAST_OPTIONS,
    request.onEvent
  )
  if (sent.status === BROADCAST_STATUS.rejected) throw sent.error
  return { ...record, state: sent.status === BROADCAST_STATUS.accepted ? TX_STATE.broadcast : TX_STATE.signed }
}
