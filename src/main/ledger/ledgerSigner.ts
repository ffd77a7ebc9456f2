// Runs in: main (plain Node). Signs planned transactions on a Ledger through hw-app-eth and checks
// the result before anyone stores or broadcasts it: the signature must recover to the expected
// account and every field of the signed transaction must equal the plan. ERC-20 transfers and
// approvals of tokens Ledger publishes descriptors for are clear-signed; the resolution passed to
// hw-app-eth is always explicit so it never calls Ledger's network services.

import { Signature, Transaction, formatUnits, getAddress, keccak256 } from 'ethers'
import { isSignedBy, recoveredSender } from '../chain/senderCheck'
import type { SignedTransaction, SigningDisplay, TransactionSigner, UnsignedTransaction } from '../chain/signer'
import { assertNever } from '../../shared/result'
import type { DeviceScreenView } from '../../shared/execution'
import { findErc20Descriptor, type Erc20Descriptor } from './erc20Descriptors'
import { LedgerError, signatureMismatch, toLedgerError } from './errors'
import type { EthApp } from './hwAppEth'

const SELECTOR_TRANSFER = '0xa9059cbb'
const SELECTOR_APPROVE = '0x095ea7b3'
const ERC20_CALL_HEX_LENGTH = 2 + (4 + 32 + 32) * 2

/** The part of hw-app-eth the signer needs; the service hands it out inside the device queue. */
export type EthSigningApi = Pick<EthApp, 'signTransaction'>
export type WithEth = <T>(job: (eth: EthSigningApi) => Promise<T>) => Promise<T>

export interface LedgerTransactionSigner extends TransactionSigner {
  readonly path: string
  describeSigning(tx: UnsignedTransaction): SigningDisplay
  needsBlindSigning(tx: UnsignedTransaction): boolean
}

interface Erc20Call {
  readonly kind: 'transfer' | 'approve'
  readonly target: string
  readonly amount: bigint
  readonly token: Erc20Descriptor
}

/** An ERC-20 transfer/approve to a token with a Ledger descriptor on this chain, or null. */
export function clearSignableErc20Call(tx: UnsignedTransaction): Erc20Call | null {
  const data = tx.data.toLowerCase()
  if (data.length !== ERC20_CALL_HEX_LENGTH) return null
  const selector = data.slice(0, 10)
  if (selector !== SELECTOR_TRANSFER && selector !== SELECTOR_APPROVE) return null
  const token = findErc20Descriptor(tx.chainId, tx.to)
  if (!token) return null
  return {
    kind: selector === SELECTOR_TRANSFER ? 'transfer' : 'approve',
    target: getAddress('0x' + data.slice(34, 74)),
    amount: BigInt('0x' + data.slice(74)),
    token
  }
}

/** True when the device can only sign this transaction with its "Blind signing" setting on. */
export function needsBlindSigning(tx: UnsignedTransaction): boolean {
  const data = tx.data.toLowerCase()
  if (data === '0x' || data === '0x00') return false
  return clearSignableErc20Call(tx) === null
}

export function toEthersTransaction(tx: UnsignedTransaction): Transaction {
  const common = {
    chainId: tx.chainId,
    nonce: tx.nonce,
    to: tx.to,
    value: tx.value,
    data: tx.data,
    gasLimit: tx.gasLimit
  }
  switch (tx.type) {
    case 0:
      return Transaction.from({ ...common, type: 0, gasPrice: tx.gasPrice })
    case 2:
      return Transaction.from({
        ...common,
        type: 2,
        maxFeePerGas: tx.maxFeePerGas,
        maxPriorityFeePerGas: tx.maxPriorityFeePerGas
      })
    default:
      return assertNever(tx, 'transaction type')
  }
}

/** What the Ledger will show, so the user knows what to compare before looking at the device. */
export function describeSigning(tx: UnsignedTransaction, nativeSymbol = 'ETH'): SigningDisplay {
  const call = clearSignableErc20Call(tx)
  if (call) {
    const amount = `${formatUnits(call.amount, call.token.decimals)} ${call.token.ticker}`
    return {
      kind: 'clear',
      summary:
        call.kind === 'transfer' ? `Send ${amount} to ${call.target}` : `Allow ${call.target} to spend up to ${amount}`
    }
  }
  const value = `${formatUnits(tx.value, 18)} ${nativeSymbol}`
  if (!needsBlindSigning(tx)) return { kind: 'clear', summary: `Send ${value} to ${getAddress(tx.to)}` }
  const hash = keccak256(toEthersTransaction(tx).unsignedSerialized)
  return {
    kind: 'blind',
    contract: getAddress(tx.to),
    summary: `Blind signing: the Ledger shows the contract ${getAddress(tx.to)}, the amount ${value} and the transaction hash ${hash}; approve only if the hash matches.`
  }
}

/**
 * The Ethereum app's review screens for `tx`, field by field, as the device shows them: a token
 * transfer or approval it can decode in clear; otherwise the coin amount, the address called and,
 * when it cannot decode the data (blind signing), the transaction hash to compare.
 */
export function deviceScreen(tx: UnsignedTransaction): DeviceScreenView {
  const call = clearSignableErc20Call(tx)
  const blind = needsBlindSigning(tx)
  const fields: Array<{ label: string; value: string }> = []
  if (call) {
    const amount = `${formatUnits(call.amount, call.token.decimals)} ${call.token.ticker}`
    fields.push(
      { label: call.kind === 'approve' ? 'Approve' : 'Amount', value: amount },
      { label: call.kind === 'approve' ? 'Spender' : 'To', value: call.target },
      { label: 'Token contract', value: getAddress(tx.to) }
    )
  } else {
    fields.push(
      { label: 'Amount', value: `${formatUnits(tx.value, 18)} ETH` },
      { label: 'To', value: getAddress(tx.to) }
    )
    if (blind) fields.push({ label: 'Transaction hash', value: keccak256(toEthersTransaction(tx).unsignedSerialized) })
  }
  if (tx.chainId !== 1n) fields.push({ label: 'Network', value: tx.chainId.toString() })
  const feePerGas = tx.type === 0 ? tx.gasPrice : tx.maxFeePerGas
  fields.push({ label: 'Max fees', value: `${formatUnits(feePerGas * tx.gasLimit, 18)} ETH` })
  return { title: blind ? 'Review transaction (blind signing)' : 'Review transaction', fields, blind }
}

/** hw-app-eth's resolution: always explicit (never undefined, which would call Ledger's CDN). */
export function resolutionFor(tx: UnsignedTransaction) {
  const call = clearSignableErc20Call(tx)
  return {
    erc20Tokens: call ? [call.token.payload.toString('hex')] : [],
    nfts: [],
    externalPlugin: [],
    plugin: [],
    domains: []
  }
}

/** Checks a signed transaction against its plan; throws a LedgerError naming the first differing field. */
export function verifySignedTransaction(raw: string, plan: UnsignedTransaction, expectedAddress: string): Transaction {
  const signed = Transaction.from(raw)
  const same = (
    field: string,
    expected: string | bigint | number | null,
    actual: string | bigint | number | null
  ): void => {
    if (String(expected) !== String(actual)) throw signatureMismatch(field, String(expected), String(actual))
  }
  same('type', plan.type, signed.type)
  same('chainId', plan.chainId, signed.chainId)
  same('nonce', plan.nonce, signed.nonce)
  // Compared as bytes (lower-case hex); spelled EIP-55 only in the message of a mismatch.
  if (signed.to === null || signed.to.toLowerCase() !== plan.to.toLowerCase())
    same('to', getAddress(plan.to), signed.to === null ? null : getAddress(signed.to))
  same('value', plan.value, signed.value)
  same('data', plan.data.toLowerCase(), signed.data.toLowerCase())
  same('gasLimit', plan.gasLimit, signed.gasLimit)
  if (plan.type === 0) same('gasPrice', plan.gasPrice, signed.gasPrice)
  else {
    same('maxFeePerGas', plan.maxFeePerGas, signed.maxFeePerGas)
    same('maxPriorityFeePerGas', plan.maxPriorityFeePerGas, signed.maxPriorityFeePerGas)
  }
  // The recovered signer, compared cheaply (senderCheck.ts); recovered in full only to name a wrong one.
  if (!isSignedBy(raw, signed, expectedAddress))
    throw signatureMismatch('from', getAddress(expectedAddress), String(recoveredSender(signed) ?? null))
  return signed
}

export function createLedgerSigner(deps: {
  readonly path: string
  readonly address: string
  readonly withEth: WithEth
}): LedgerTransactionSigner {
  const address = getAddress(deps.address)
  return {
    path: deps.path,
    address,
    describeSigning: (tx) => describeSigning(tx),
    needsBlindSigning,
    screen: deviceScreen,
    async signTransaction(tx: UnsignedTransaction): Promise<SignedTransaction> {
      if (tx.type !== 0 && tx.type !== 2) throw new LedgerError('ledger_unsupported_transaction_type')
      const unsigned = toEthersTransaction(tx)
      const blind = needsBlindSigning(tx)
      let result: { v: string; r: string; s: string }
      try {
        result = await deps.withEth((eth) =>
          eth.signTransaction(deps.path, unsigned.unsignedSerialized.slice(2), resolutionFor(tx))
        )
      } catch (error) {
        throw toLedgerError(error, { needsBlindSigning: blind })
      }
      const v = BigInt('0x' + result.v)
      const yParity = tx.type === 0 ? v - 35n - 2n * tx.chainId : v
      if (yParity !== 0n && yParity !== 1n)
        throw signatureMismatch('signature v', `EIP-155 v for chain ${tx.chainId}`, '0x' + result.v)
      unsigned.signature = Signature.from({
        r: '0x' + result.r.padStart(64, '0'),
        s: '0x' + result.s.padStart(64, '0'),
        yParity: yParity === 0n ? 0 : 1
      })
      const raw = unsigned.serialized
      verifySignedTransaction(raw, tx, address)
      return { raw, hash: keccak256(raw), from: address }
    }
  }
}
