// Runs in: main (plain Node). EIP-712 signing on the Ledger. Where the Ethereum app takes full
// EIP-712 messages, the typed data itself goes to the device (eip712Apdus.ts: hw-app-eth's
// protocol without its loss of long values), so the owner reads every field on the screen. A Nano S answers the
// first definition with "instruction not supported"; then the two hashes are sent instead
// (signEIP712HashedMessage) and the device shows them, which the app must show in the same form
// so the owner can compare them character by character.
import type Transport from '@ledgerhq/hw-transport'
import { Signature, concat, getAddress, keccak256, recoverAddress } from 'ethers'
import { signTypedMessageFull } from './eip712Apdus'
import { LedgerError, toLedgerError } from './errors'
import type { EthApp } from './hwAppEth'
import * as SW from './statusWords'

export const EIP712_MODE = { full: 'full', hashed: 'hashed' } as const
export type Eip712Mode = (typeof EIP712_MODE)[keyof typeof EIP712_MODE]

export interface TypedDataField {
  readonly name: string
  readonly type: string
}

export interface TypedDataRequest {
  readonly typedData: {
    readonly domain: Record<string, unknown>
    readonly types: Record<string, readonly TypedDataField[]>
    readonly primaryType: string
    readonly message: Record<string, unknown>
  }
  /** hashStruct(domain) and hashStruct(message), 0x hex: what a device without full EIP-712 signs. */
  readonly domainHash: string
  readonly messageHash: string
}

export interface TypedDataSignature {
  /** 65 bytes r, s, v (v 27 or 28) as 0x hex. */
  readonly signature: string
  readonly signer: string
  readonly mode: Eip712Mode
}

export type Eip712SigningApi = Pick<EthApp, 'signEIP712HashedMessage'> & { readonly transport: Pick<Transport, 'send'> }

/** The hashes as the device prints them in the hashed form: "0x" and upper-case hex digits. */
export function deviceHashText(hash: string): string {
  return '0x' + hash.replace(/^0x/i, '').toUpperCase()
}

function statusOf(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown } | null)?.statusCode
  return typeof code === 'number' ? code : undefined
}

function toSignature(result: { v: number | string; r: string; s: string }): string {
  const v = typeof result.v === 'number' ? result.v : Number.parseInt(result.v, 16)
  return Signature.from({ r: '0x' + result.r.padStart(64, '0'), s: '0x' + result.s.padStart(64, '0'), v }).serialized
}

/**
 * Signs on the device and checks the result: the signature must recover, over the EIP-712 digest
 * of the two hashes, to `expectedSigner`.
 */
export async function signTypedDataWith(
  eth: Eip712SigningApi,
  path: string,
  request: TypedDataRequest,
  expectedSigner: string
): Promise<TypedDataSignature> {
  let mode: Eip712Mode = EIP712_MODE.full
  let result: { v: number | string; r: string; s: string }
  try {
    try {
      result = await signTypedMessageFull(eth.transport, path, request.typedData)
    } catch (error) {
      if (statusOf(error) !== SW.SW_INS_NOT_SUPPORTED) throw error
      mode = EIP712_MODE.hashed
      result = await eth.signEIP712HashedMessage(
        path,
        request.domainHash.replace(/^0x/, ''),
        request.messageHash.replace(/^0x/, '')
      )
    }
  } catch (error) {
    throw toLedgerError(error)
  }
  const signature = toSignature(result)
  const digest = keccak256(concat(['0x1901', request.domainHash, request.messageHash]))
  const signer = getAddress(recoverAddress(digest, signature))
  if (signer !== getAddress(expectedSigner))
    throw new LedgerError('ledger_signature_mismatch', {
      field: 'signer',
      message: `The Ledger signed with ${signer}, not the account ${getAddress(expectedSigner)} that was asked to sign. The signature was discarded.`
    })
  return { signature, signer, mode }
}
