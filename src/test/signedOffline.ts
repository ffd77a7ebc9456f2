// Runs in: Vitest (node). A transaction signed by a local key without any node: for checks that
// read signed bytes alone (what they pay, whether the journal matches them).
import { Transaction, type Wallet } from 'ethers'

export const OFFLINE_CHAIN_ID = 31337n

export function signedOffline(
  wallet: Wallet,
  call: { readonly to: string; readonly value?: bigint; readonly data?: string },
  nonce = 7
): Promise<string> {
  return wallet.signTransaction(
    Transaction.from({
      type: 2,
      chainId: OFFLINE_CHAIN_ID,
      nonce,
      gasLimit: 200_000n,
      maxFeePerGas: 2n,
      maxPriorityFeePerGas: 1n,
      to: call.to,
      value: call.value ?? 0n,
      data: call.data ?? '0x'
    })
  )
}
