// The transaction signer: signs planned transactions on the (emulated) Ledger, clear-signs known
// ERC-20 calls offline, and refuses any signed result that differs from the plan.
import { HDNodeWallet, Mnemonic, Transaction } from 'ethers'
import { describe, expect, it } from 'vitest'
import type { UnsignedTransaction } from '../chain/signer'
import { SPECULOS_MNEMONIC, createLedgerEmulator } from './emulator'
import { LedgerError } from './errors'
import { createEthApp } from './hwAppEth'
import {
  createLedgerSigner,
  describeSigning,
  deviceScreen,
  needsBlindSigning,
  resolutionFor,
  verifySignedTransaction,
  type EthSigningApi
} from './ledgerSigner'

const PATH = "44'/60'/0'/0/0"
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const RECIPIENT = '0x78296F1058dD49C5D6500855F59094F0a2876397'
const transfer = (amount: bigint): string =>
  '0xa9059cbb' + RECIPIENT.slice(2).toLowerCase().padStart(64, '0') + amount.toString(16).padStart(64, '0')

const eip1559: UnsignedTransaction = {
  type: 2,
  chainId: 1n,
  nonce: 4,
  to: RECIPIENT,
  value: 123n * 10n ** 15n,
  data: '0x',
  gasLimit: 21000n,
  maxFeePerGas: 3n * 10n ** 10n,
  maxPriorityFeePerGas: 10n ** 9n
}
const legacy: UnsignedTransaction = {
  type: 0,
  chainId: 56n,
  nonce: 0,
  to: RECIPIENT,
  value: 1n,
  data: '0x',
  gasLimit: 21000n,
  gasPrice: 3n * 10n ** 9n
}
const usdcTransfer: UnsignedTransaction = {
  ...eip1559,
  to: USDC,
  value: 0n,
  data: transfer(1_000_000n),
  gasLimit: 65000n
}

function signerOn(
  emu: ReturnType<typeof createLedgerEmulator>,
  wrap: (eth: EthSigningApi) => EthSigningApi = (e) => e
) {
  const eth = wrap(createEthApp(emu.transport))
  return createLedgerSigner({ path: PATH, address: emu.addressOf(PATH), withEth: (job) => job(eth) })
}

describe('Ledger transaction signer', () => {
  it('signs an EIP-1559 transfer and returns bytes that decode to the plan', async () => {
    const emu = createLedgerEmulator()
    const signed = await signerOn(emu).signTransaction(eip1559)
    const decoded = Transaction.from(signed.raw)
    expect(decoded.from).toBe(emu.addressOf(PATH))
    expect(decoded.value).toBe(eip1559.value)
    expect(signed.hash).toBe(decoded.hash)
  })

  it('signs a legacy transaction with chain id (EIP-155)', async () => {
    const emu = createLedgerEmulator()
    const signed = await signerOn(emu).signTransaction(legacy)
    expect(Transaction.from(signed.raw)).toMatchObject({ type: 0, chainId: 56n, from: emu.addressOf(PATH) })
  })

  it("clear-signs a USDC transfer with Ledger's descriptor even with blind signing off", async () => {
    const emu = createLedgerEmulator({ blindSigning: false })
    const signed = await signerOn(emu).signTransaction(usdcTransfer)
    expect(Transaction.from(signed.raw).data).toBe(usdcTransfer.data)
    expect(needsBlindSigning(usdcTransfer)).toBe(false)
    expect(describeSigning(usdcTransfer)).toEqual({ kind: 'clear', summary: `Send 1.0 USDC to ${RECIPIENT}` })
  })

  it('shows before signing exactly the fields the device then displays: clear, legacy and blind', async () => {
    const call: UnsignedTransaction = { ...eip1559, to: USDC.toLowerCase().replace('a0b8', 'a0b9'), data: '0x1234abcd' }
    const emu = createLedgerEmulator({ blindSigning: true })
    for (const tx of [eip1559, legacy, usdcTransfer, call]) {
      const preview = deviceScreen(tx)
      await signerOn(emu).signTransaction(tx)
      const shown = emu.screens.at(-1)!
      expect({ title: shown.title, fields: shown.fields }).toEqual({ title: preview.title, fields: preview.fields })
    }
    expect(deviceScreen(call).blind).toBe(true)
    expect(deviceScreen(call).fields.map((f) => f.label)).toContain('Transaction hash')
    expect(deviceScreen(usdcTransfer).fields[0]).toEqual({ label: 'Amount', value: '1.0 USDC' })
  })

  it('always hands hw-app-eth an explicit resolution, empty when there is nothing to clear-sign', () => {
    expect(resolutionFor(eip1559)).toEqual({ erc20Tokens: [], nfts: [], externalPlugin: [], plugin: [], domains: [] })
    expect(resolutionFor(usdcTransfer).erc20Tokens).toHaveLength(1)
  })

  it('reports blind signing disabled when a contract call without descriptor is refused', async () => {
    const emu = createLedgerEmulator({ blindSigning: false })
    const call: UnsignedTransaction = {
      ...eip1559,
      to: '0x1111111111111111111111111111111111111111',
      data: '0x12345678',
      value: 0n
    }
    expect(describeSigning(call)).toMatchObject({
      kind: 'blind',
      contract: '0x1111111111111111111111111111111111111111'
    })
    await expect(signerOn(emu).signTransaction(call)).rejects.toMatchObject({ code: 'ledger_blind_signing_disabled' })
    emu.setBlindSigning(true)
    await expect(signerOn(emu).signTransaction(call)).resolves.toMatchObject({ from: emu.addressOf(PATH) })
  })

  it('reports a rejection on the device as a typed error', async () => {
    const emu = createLedgerEmulator()
    emu.rejectNext()
    const error = await signerOn(emu)
      .signTransaction(eip1559)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(LedgerError)
    expect(error).toMatchObject({ code: 'ledger_rejected_on_device', statusWord: 0x6985 })
  })

  it('discards a signature made over a different transaction than the plan (tampered value)', async () => {
    const emu = createLedgerEmulator()
    // A host-side tamperer changes the value on its way to the device: the device signs that.
    const tamper = (eth: EthSigningApi): EthSigningApi => ({
      signTransaction: (path, raw, resolution) => {
        const tx = Transaction.from('0x' + raw)
        tx.value = tx.value + 1n
        return eth.signTransaction(path, tx.unsignedSerialized.slice(2), resolution)
      }
    })
    await expect(signerOn(emu, tamper).signTransaction(eip1559)).rejects.toMatchObject({
      code: 'ledger_signature_mismatch',
      field: 'from'
    })
  })

  it('names the field when a signed transaction differs from its plan', () => {
    const key = HDNodeWallet.fromPhrase(SPECULOS_MNEMONIC, undefined, "m/44'/60'/0'/0/0")
    const other = Transaction.from({ ...eip1559, nonce: eip1559.nonce + 1 })
    other.signature = key.signingKey.sign(other.unsignedHash)
    expect(() => verifySignedTransaction(other.serialized, eip1559, key.address)).toThrow(
      expect.objectContaining({ field: 'nonce' })
    )
    const right = Transaction.from(eip1559)
    right.signature = key.signingKey.sign(right.unsignedHash)
    expect(() => verifySignedTransaction(right.serialized, eip1559, key.address)).not.toThrow()
    expect(() => verifySignedTransaction(right.serialized, { ...eip1559, maxFeePerGas: 1n }, key.address)).toThrow(
      expect.objectContaining({ field: 'maxFeePerGas' })
    )
    expect(Mnemonic.isValidMnemonic(SPECULOS_MNEMONIC)).toBe(true)
  })
})
