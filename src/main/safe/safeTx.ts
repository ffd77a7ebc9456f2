// Runs in: main (plain Node). The Safe transaction as Treasury builds it and its EIP-712 hash,
// computed here from the type hashes (domain `EIP712Domain(uint256 chainId,address
// verifyingContract)`, Safe 1.3.0 and later) and never trusted until it equals the Safe's own
// `getTransactionHash` read from the chain. Nothing is signed before that comparison passes.
import { AbiCoder, ZeroAddress, concat, getAddress, keccak256 } from 'ethers'
import type { EthRpc } from '../chain/ethRpc'
import { OPERATION, safeInterface, type Operation } from './abi'
import { SAFE_ERROR, safeFailure } from './errors'

export interface SafeTx {
  readonly to: string
  readonly value: bigint
  readonly data: string
  readonly operation: Operation
  readonly safeTxGas: bigint
  readonly baseGas: bigint
  readonly gasPrice: bigint
  readonly gasToken: string
  readonly refundReceiver: string
  readonly nonce: bigint
}

export const DOMAIN_TYPEHASH = '0x47e79534a245952e8b16893a336b85a3d9ea9fa8c573f3d803afb92a79469218'
export const SAFE_TX_TYPEHASH = '0xbb8310d486368db6bd6f849402fdd73ad53d316b5a4b2644ad6efe0f941286d8'

/** The EIP-712 types of a SafeTx, in the order the Safe hashes them (what a device is sent). */
export const SAFE_TX_TYPES = {
  EIP712Domain: [
    { name: 'chainId', type: 'uint256' },
    { name: 'verifyingContract', type: 'address' }
  ],
  SafeTx: [
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'data', type: 'bytes' },
    { name: 'operation', type: 'uint8' },
    { name: 'safeTxGas', type: 'uint256' },
    { name: 'baseGas', type: 'uint256' },
    { name: 'gasPrice', type: 'uint256' },
    { name: 'gasToken', type: 'address' },
    { name: 'refundReceiver', type: 'address' },
    { name: 'nonce', type: 'uint256' }
  ]
} as const

const coder = AbiCoder.defaultAbiCoder()

/** A Safe transaction with the defaults Treasury always uses: no gas refund, the executor pays. */
export function safeTxOf(
  call: { to: string; value: bigint; data: string; operation?: Operation },
  nonce: bigint
): SafeTx {
  return {
    to: getAddress(call.to),
    value: call.value,
    data: call.data.toLowerCase(),
    operation: call.operation ?? OPERATION.call,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: ZeroAddress,
    refundReceiver: ZeroAddress,
    nonce
  }
}

export function domainSeparator(chainId: bigint, safe: string): string {
  return keccak256(coder.encode(['bytes32', 'uint256', 'address'], [DOMAIN_TYPEHASH, chainId, getAddress(safe)]))
}

export function safeTxStructHash(tx: SafeTx): string {
  return keccak256(
    coder.encode(
      [
        'bytes32',
        'address',
        'uint256',
        'bytes32',
        'uint8',
        'uint256',
        'uint256',
        'uint256',
        'address',
        'address',
        'uint256'
      ],
      [
        SAFE_TX_TYPEHASH,
        tx.to,
        tx.value,
        keccak256(tx.data),
        tx.operation,
        tx.safeTxGas,
        tx.baseGas,
        tx.gasPrice,
        tx.gasToken,
        tx.refundReceiver,
        tx.nonce
      ]
    )
  )
}

/** keccak256(0x19 0x01 domainSeparator structHash): what the owners sign. Lower-case 0x hex. */
export function safeTxHash(chainId: bigint, safe: string, tx: SafeTx): string {
  return keccak256(concat(['0x1901', domainSeparator(chainId, safe), safeTxStructHash(tx)]))
}

/** The EIP-712 typed data of a SafeTx as hw-app-eth's signEIP712Message takes it (decimal strings for integers). */
export function safeTxTypedData(chainId: bigint, safe: string, tx: SafeTx) {
  return {
    domain: {
      chainId: chainId <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(chainId) : chainId.toString(),
      verifyingContract: getAddress(safe)
    },
    types: SAFE_TX_TYPES,
    primaryType: 'SafeTx' as const,
    message: {
      to: tx.to,
      value: tx.value.toString(),
      data: tx.data,
      operation: tx.operation,
      safeTxGas: tx.safeTxGas.toString(),
      baseGas: tx.baseGas.toString(),
      gasPrice: tx.gasPrice.toString(),
      gasToken: tx.gasToken,
      refundReceiver: tx.refundReceiver,
      nonce: tx.nonce.toString()
    }
  }
}

/** The SafeTx fields in the order of getTransactionHash and execTransaction (which ends with signatures instead of the nonce). */
export function safeTxArgs(tx: SafeTx) {
  return [
    tx.to,
    tx.value,
    tx.data,
    tx.operation,
    tx.safeTxGas,
    tx.baseGas,
    tx.gasPrice,
    tx.gasToken,
    tx.refundReceiver
  ] as const
}

/** The Safe's own hash of `tx` (its getTransactionHash, at the latest block). */
export async function onChainSafeTxHash(rpc: EthRpc, safe: string, tx: SafeTx): Promise<string> {
  const data = safeInterface.encodeFunctionData('getTransactionHash', [...safeTxArgs(tx), tx.nonce])
  const [hash] = safeInterface.decodeFunctionResult('getTransactionHash', await rpc.call({ to: safe, data }))
  return String(hash).toLowerCase()
}

/** The comparison itself: refuses unless our hash and the Safe's are the same 32 bytes. */
export function assertSameSafeTxHash(computed: string, onChain: string): void {
  if (computed.toLowerCase() !== onChain.toLowerCase())
    throw safeFailure(
      SAFE_ERROR.hashMismatch,
      `The Safe computes a different hash for this transaction (${onChain}) than Treasury does (${computed}). Nothing will be signed: the Safe or the network endpoint is not behaving like a Safe.`,
      { computed, onChain }
    )
}

/** Our hash of `tx`, checked against the Safe's getTransactionHash before anyone signs it. */
export async function confirmedSafeTxHash(rpc: EthRpc, chainId: bigint, safe: string, tx: SafeTx): Promise<string> {
  const computed = safeTxHash(chainId, safe, tx)
  assertSameSafeTxHash(computed, await onChainSafeTxHash(rpc, safe, tx))
  return computed
}

/** The Safe transaction that cancels the one at `nonce`: nothing sent, nothing called, same nonce. */
export function cancelSafeTx(safe: string, nonce: bigint): SafeTx {
  return safeTxOf({ to: safe, value: 0n, data: '0x' }, nonce)
}

/** Whether `tx` is exactly the cancellation of its nonce on `safe`. */
export function isCancellation(chainId: bigint, safe: string, tx: SafeTx): boolean {
  return safeTxHash(chainId, safe, tx) === safeTxHash(chainId, safe, cancelSafeTx(safe, tx.nonce))
}
