// Runs in: tests (plain Node). A TransactionSigner backed by an in-memory ethers Wallet, for chain
// engine tests that must not depend on the Ledger signer. It honours the same contract: every
// field of the signed transaction equals the request, and the signature recovers to `address`.
import { Transaction, Wallet } from 'ethers'
import type { SignedTransaction, TransactionSigner, UnsignedTransaction } from '../main/chain/signer'

export function toEthersTransaction(tx: UnsignedTransaction): Transaction {
  const t = new Transaction()
  t.type = tx.type
  t.chainId = tx.chainId
  t.nonce = tx.nonce
  t.to = tx.to
  t.value = tx.value
  t.data = tx.data
  t.gasLimit = tx.gasLimit
  if (tx.type === 2) {
    t.maxFeePerGas = tx.maxFeePerGas
    t.maxPriorityFeePerGas = tx.maxPriorityFeePerGas
  } else {
    t.gasPrice = tx.gasPrice
  }
  return t
}

export class WalletSigner implements TransactionSigner {
  readonly address: string
  private readonly wallet: Wallet
  /** Count of signatures made, so tests can assert how many device confirmations a plan took. */
  signatures = 0

  constructor(privateKey: string) {
    this.wallet = new Wallet(privateKey)
    this.address = this.wallet.address
  }

  async signTransaction(tx: UnsignedTransaction): Promise<SignedTransaction> {
    const raw = await this.wallet.signTransaction(toEthersTransaction(tx))
    const parsed = Transaction.from(raw)
    if (parsed.from !== this.address) throw new Error('signature does not recover to the signer address')
    if (
      parsed.nonce !== tx.nonce ||
      parsed.to?.toLowerCase() !== tx.to.toLowerCase() ||
      parsed.value !== tx.value ||
      parsed.data !== tx.data
    ) {
      throw new Error('signed transaction differs from the request')
    }
    this.signatures++
    return { raw, hash: parsed.hash ?? '', from: this.address }
  }
}
