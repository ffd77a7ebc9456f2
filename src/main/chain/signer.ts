// Runs in: main (plain Node).
// The one interface between transaction planning and whatever holds the key. The Ledger signer
// (src/main/ledger) implements it for real devices and for the emulator; nothing else holds keys.
import type { DeviceScreenView } from '../../shared/execution'

/** An unsigned EVM transaction exactly as planned. Every field is explicit: nothing is filled in by a provider. */
export type UnsignedTransaction =
  | {
      readonly type: 2
      readonly chainId: bigint
      readonly nonce: number
      readonly to: string
      readonly value: bigint
      readonly data: string
      readonly gasLimit: bigint
      readonly maxFeePerGas: bigint
      readonly maxPriorityFeePerGas: bigint
    }
  | {
      readonly type: 0
      readonly chainId: bigint
      readonly nonce: number
      readonly to: string
      readonly value: bigint
      readonly data: string
      readonly gasLimit: bigint
      readonly gasPrice: bigint
    }

/** What the device will show for a transaction, so the UI can tell the user before they look at it. */
export type SigningDisplay =
  | { readonly kind: 'clear'; readonly summary: string }
  | { readonly kind: 'blind'; readonly contract: string; readonly summary: string }

export interface SignedTransaction {
  /** 0x-prefixed serialized signed transaction: the exact bytes that are persisted and broadcast. */
  readonly raw: string
  readonly hash: string
  readonly from: string
}

export interface TransactionSigner {
  /** The EIP-55 address of the account this signer signs for. */
  readonly address: string
  /** What the signing device will show for `tx`, to show the user before the device asks; null when it has no screen. */
  screen?(tx: UnsignedTransaction): DeviceScreenView | null
  /**
   * Signs one transaction. Implementations verify, before returning, that the signature recovers to
   * `address` and that every field of the signed transaction equals `tx`; a mismatch is an error
   * naming the field, never a silently different transaction.
   */
  signTransaction(tx: UnsignedTransaction): Promise<SignedTransaction>
}
