// Runs in: tests (plain Node, Vitest). The engine persists only bytes that are exactly the prepared transaction, signed by the payer.
import { Wallet } from 'ethers'
import { describe, expect, it } from 'vitest'
import { WalletSigner, toEthersTransaction } from '../../test/walletSigner'
import { CHAIN_ERROR, ChainError } from './errors'
import { checkSigned } from './signedCheck'
import type { UnsignedTransaction } from './signer'

const signer = new WalletSigner(Wallet.createRandom().privateKey)
const tx: UnsignedTransaction = {
  type: 2,
  chainId: 31337n,
  nonce: 7,
  to: '0x000000000000000000000000000000000000dEaD',
  value: 5n,
  data: '0x',
  gasLimit: 21_000n,
  maxFeePerGas: 30n,
  maxPriorityFeePerGas: 2n
}

const fieldOf = (f: () => unknown): string | undefined => {
  try {
    f()
    return undefined
  } catch (e) {
    expect(e).toBeInstanceOf(ChainError)
    expect((e as ChainError).code).toBe(CHAIN_ERROR.signerMismatch)
    return ((e as ChainError).details as { field: string }).field
  }
}

describe('checking what the signer returned', () => {
  it('accepts the exact transaction and returns its hash', async () => {
    const signed = await signer.signTransaction(tx)
    expect(checkSigned(tx, signer.address, signed)).toBe(signed.hash.toLowerCase())
  })

  it('names the field a signer changed', async () => {
    const other = await new Wallet(Wallet.createRandom().privateKey).signTransaction(toEthersTransaction(tx))
    const changed = await signer.signTransaction({ ...tx, value: 6n })
    expect(fieldOf(() => checkSigned(tx, signer.address, { raw: other, hash: '0x', from: signer.address }))).toBe(
      'signer'
    )
    expect(fieldOf(() => checkSigned(tx, signer.address, changed))).toBe('value')
    const wrongNonce = await signer.signTransaction({ ...tx, nonce: 8 })
    expect(fieldOf(() => checkSigned(tx, signer.address, wrongNonce))).toBe('nonce')
  })

  it('refuses a hash that is not the hash of the bytes', async () => {
    const signed = await signer.signTransaction(tx)
    expect(fieldOf(() => checkSigned(tx, signer.address, { ...signed, hash: `0x${'00'.repeat(32)}` }))).toBe('hash')
  })
})
