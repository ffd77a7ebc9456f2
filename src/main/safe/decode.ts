// Runs in: main (plain Node). Reads a Safe transaction back into the payments it makes, so they can
// be compared with the payout's rows at import, before signing and before execution. Only the
// shapes Treasury builds are understood: a native send, an ERC-20 `transfer`, the batch contract's
// disperseEther (a call with value) or approve + disperseToken, and a MultiSendCallOnly batch
// (delegatecall to the verified deployment only) of those. Anything else is refused.
import { getAddress } from 'ethers'
import { batchInterface, erc20Interface } from '../chain/batchContract'
import type { PaymentRow, PlanAsset } from '../chain/planTypes'
import { OPERATION } from './abi'
import { SAFE_ERROR, safeFailure } from './errors'
import { unpackMultiSend, type SafeCall } from './multiSend'
import type { SafeTx } from './safeTx'

export interface DecodedPayment {
  readonly to: string
  readonly amount: bigint
}

export interface DecodeContext {
  readonly asset: PlanAsset
  /** The verified MultiSendCallOnly deployment: the only delegatecall target accepted. */
  readonly multiSendCallOnly: string | undefined
  /** The verified batch contract of the network, if any. */
  readonly batchContract: string | undefined
}

const SELECTOR = {
  transfer: erc20Interface.getFunction('transfer')?.selector ?? '',
  approve: erc20Interface.getFunction('approve')?.selector ?? '',
  disperseEther: batchInterface.getFunction('disperseEther')?.selector ?? '',
  disperseToken: batchInterface.getFunction('disperseToken')?.selector ?? ''
}

function refuse(reason: string): Error {
  return safeFailure(
    SAFE_ERROR.undecodable,
    `This Safe transaction does something other than pay the payout's recipients (${reason}). It will not be signed or executed.`
  )
}

const same = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase()

function selectorOf(data: string): string {
  return data.slice(0, 10).toLowerCase()
}

function disperse(
  call: SafeCall,
  fn: 'disperseEther' | 'disperseToken'
): { recipients: string[]; values: bigint[]; token?: string } {
  const args = batchInterface.decodeFunctionData(fn, call.data)
  return fn === 'disperseEther'
    ? { recipients: [...(args[0] as string[])], values: [...(args[1] as bigint[])] }
    : { token: args[0] as string, recipients: [...(args[1] as string[])], values: [...(args[2] as bigint[])] }
}

/** The payments of a list of calls made by the Safe (one Safe transaction, after unpacking). */
function decodeCalls(calls: readonly SafeCall[], ctx: DecodeContext): DecodedPayment[] {
  const out: DecodedPayment[] = []
  const { asset } = ctx
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i] as SafeCall
    const data = call.data.toLowerCase()
    const where = calls.length > 1 ? `call ${i + 1}` : 'the call'
    if (asset.kind === 'native') {
      if (data === '0x') {
        if (same(call.to, ctx.batchContract)) throw refuse(`${where} sends coins to the batch contract without data`)
        out.push({ to: getAddress(call.to), amount: call.value })
        continue
      }
      if (same(call.to, ctx.batchContract) && selectorOf(data) === SELECTOR.disperseEther) {
        const d = disperse(call, 'disperseEther')
        const total = d.values.reduce((a, b) => a + b, 0n)
        if (d.recipients.length !== d.values.length || total !== call.value)
          throw refuse(`${where} sends ${call.value} to the batch contract for payments totalling ${total}`)
        d.recipients.forEach((to, k) => out.push({ to: getAddress(to), amount: d.values[k] ?? 0n }))
        continue
      }
      throw refuse(`${where} calls ${getAddress(call.to)} with data`)
    }
    if (call.value !== 0n) throw refuse(`${where} also sends ${call.value} of the native coin`)
    if (same(call.to, asset.address) && selectorOf(data) === SELECTOR.transfer) {
      const [to, amount] = erc20Interface.decodeFunctionData('transfer', data) as unknown as [string, bigint]
      out.push({ to: getAddress(to), amount })
      continue
    }
    const next = calls[i + 1]
    if (
      same(call.to, asset.address) &&
      selectorOf(data) === SELECTOR.approve &&
      next &&
      same(next.to, ctx.batchContract)
    ) {
      const [spender, allowance] = erc20Interface.decodeFunctionData('approve', data) as unknown as [string, bigint]
      if (selectorOf(next.data) !== SELECTOR.disperseToken || next.value !== 0n || !same(spender, ctx.batchContract))
        throw refuse(`${where} approves ${getAddress(spender)} to spend the token`)
      const d = disperse(next, 'disperseToken')
      const total = d.values.reduce((a, b) => a + b, 0n)
      if (!same(d.token, asset.address) || d.recipients.length !== d.values.length || total !== allowance)
        throw refuse(`${where} approves ${allowance} for batch payments totalling ${total}`)
      d.recipients.forEach((to, k) => out.push({ to: getAddress(to), amount: d.values[k] ?? 0n }))
      i++
      continue
    }
    throw refuse(`${where} calls ${getAddress(call.to)} in a way that is not a transfer of ${asset.symbol}`)
  }
  return out
}

/** The payments `tx` makes, in order. Throws `safe_calldata_unrecognised` for anything else. */
export function decodeSafeTxPayments(tx: SafeTx, ctx: DecodeContext): DecodedPayment[] {
  if (
    tx.safeTxGas !== 0n ||
    tx.baseGas !== 0n ||
    tx.gasPrice !== 0n ||
    BigInt(tx.refundReceiver) !== 0n ||
    BigInt(tx.gasToken) !== 0n
  )
    throw refuse('it pays a gas refund out of the Safe')
  if (tx.operation === OPERATION.delegateCall) {
    if (!same(tx.to, ctx.multiSendCallOnly))
      throw safeFailure(
        SAFE_ERROR.multiSendNotVerified,
        `This Safe transaction hands control of the Safe to ${getAddress(tx.to)}, which is not the verified MultiSendCallOnly contract. It will not be signed or executed.`
      )
    if (tx.value !== 0n) throw refuse('the batch carries value of its own')
    return decodeCalls(unpackMultiSend(tx.data), ctx)
  }
  if (tx.operation !== OPERATION.call) throw refuse(`operation ${String(tx.operation)} is unknown`)
  return decodeCalls([{ to: tx.to, value: tx.value, data: tx.data }], ctx)
}

/**
 * The decoded payments must be the rows, one for one and in order. A difference is refused naming
 * the first row that differs (its position in this Safe transaction and its item).
 */
export function assertPaymentsMatchRows(payments: readonly DecodedPayment[], rows: readonly PaymentRow[]): void {
  const n = Math.max(payments.length, rows.length)
  for (let i = 0; i < n; i++) {
    const p = payments[i]
    const r = rows[i]
    if (p && r && same(p.to, r.to) && p.amount === r.amount) continue
    const paysText = p ? `${p.amount} to ${p.to}` : 'nothing'
    const rowText = r ? `${r.amount} to ${getAddress(r.to)}` : 'no row'
    throw safeFailure(
      SAFE_ERROR.rowsMismatch,
      `Payment ${i + 1} of this Safe transaction differs from the payout: the transaction pays ${paysText}, the payout has ${rowText}${r ? ` (item ${r.itemId})` : ''}. It was changed after it was planned; it will not be signed or executed.`,
      { position: i + 1, itemId: r?.itemId, decoded: p ? { to: p.to, amount: p.amount.toString() } : null }
    )
  }
}
