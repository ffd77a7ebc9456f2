// hw-app-eth end to end against the emulator, for every call the app makes.
import { Transaction, TypedDataEncoder, getAddress, recoverAddress, verifyMessage, Signature, keccak256 } from 'ethers'
import { describe, expect, it } from 'vitest'
import { createLedgerEmulator } from './emulator'
import { createEthApp } from './hwAppEth'
import { resolutionFor } from './ledgerSigner'

const PATH = "44'/60'/0'/0/0"
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const RECIPIENT = '0x78296F1058dD49C5D6500855F59094F0a2876397'

describe('hw-app-eth against the emulator', () => {
  it('getAddress returns the Speculos account, with and without chain code', async () => {
    const eth = createEthApp(createLedgerEmulator().transport)
    const plain = await eth.getAddress(PATH)
    expect(plain.address).toBe('0xDad77910DbDFdE764fC21FCD4E74D71bBACA6D8D')
    expect(plain.chainCode).toBeUndefined()
    const withCode = await eth.getAddress(PATH, false, true)
    expect(withCode.chainCode).toBe('428489ee70680fa137392bc8399c4da9e39e92f058eb9e790f736142bba7e9d6')
    expect(withCode.publicKey.startsWith('04ef5b152e3f15eb0c50c9916161c2309e54bd87b9')).toBe(true)
  })

  it('getAppConfiguration reads version and blind signing', async () => {
    const eth = createEthApp(createLedgerEmulator({ blindSigning: true }).transport)
    expect(await eth.getAppConfiguration()).toMatchObject({ arbitraryDataEnabled: 1, version: '1.19.1' })
  })

  it('signTransaction (legacy, chain 137) gives an EIP-155 v that ethers accepts', async () => {
    const emu = createLedgerEmulator()
    const tx = Transaction.from({
      type: 0,
      chainId: 137n,
      nonce: 3,
      gasPrice: 50n * 10n ** 9n,
      gasLimit: 21000n,
      to: RECIPIENT,
      value: 10n ** 17n
    })
    const { v, r, s } = await createEthApp(emu.transport).signTransaction(
      PATH,
      tx.unsignedSerialized.slice(2),
      resolutionFor({
        type: 0,
        chainId: 137n,
        nonce: 3,
        gasPrice: 1n,
        gasLimit: 1n,
        to: RECIPIENT,
        value: 0n,
        data: '0x'
      })
    )
    const parity = BigInt('0x' + v) - 35n - 2n * 137n
    tx.signature = Signature.from({ r: '0x' + r, s: '0x' + s, yParity: parity === 1n ? 1 : 0 })
    expect(tx.from).toBe(emu.addressOf(PATH))
  })

  it('signTransaction keeps the truncated v of large chain ids working (chain 5243)', async () => {
    const emu = createLedgerEmulator()
    const tx = Transaction.from({
      type: 0,
      chainId: 5243n,
      nonce: 0,
      gasPrice: 1n,
      gasLimit: 21000n,
      to: RECIPIENT,
      value: 1n
    })
    const { v, r, s } = await createEthApp(emu.transport).signTransaction(PATH, tx.unsignedSerialized.slice(2), null)
    tx.signature = Signature.from({
      r: '0x' + r,
      s: '0x' + s,
      yParity: BigInt('0x' + v) - 35n - 2n * 5243n === 1n ? 1 : 0
    })
    expect(tx.from).toBe(emu.addressOf(PATH))
  })

  it('signTransaction (EIP-1559, long data split over several APDUs) with blind signing on', async () => {
    const emu = createLedgerEmulator({ blindSigning: true })
    const tx = Transaction.from({
      type: 2,
      chainId: 1n,
      nonce: 9,
      maxFeePerGas: 40n * 10n ** 9n,
      maxPriorityFeePerGas: 10n ** 9n,
      gasLimit: 900000n,
      to: RECIPIENT,
      value: 0n,
      data: '0x12345678' + 'ab'.repeat(600)
    })
    const { v, r, s } = await createEthApp(emu.transport).signTransaction(PATH, tx.unsignedSerialized.slice(2), null)
    tx.signature = Signature.from({ r: '0x' + r, s: '0x' + s, yParity: v === '01' ? 1 : 0 })
    expect(tx.from).toBe(emu.addressOf(PATH))
    expect(emu.exchanges.filter((e) => e.command.startsWith('e004')).length).toBeGreaterThan(2)
  })

  it('an ERC-20 transfer with the real USDC descriptor as resolution is clear-signed (blind signing off)', async () => {
    const emu = createLedgerEmulator({ blindSigning: false })
    const data =
      '0xa9059cbb' + RECIPIENT.slice(2).toLowerCase().padStart(64, '0') + 2_500_000n.toString(16).padStart(64, '0')
    const plan = {
      type: 2 as const,
      chainId: 1n,
      nonce: 1,
      to: USDC,
      value: 0n,
      data,
      gasLimit: 60000n,
      maxFeePerGas: 10n ** 10n,
      maxPriorityFeePerGas: 10n ** 9n
    }
    const tx = Transaction.from(plan)
    const { v, r, s } = await createEthApp(emu.transport).signTransaction(
      PATH,
      tx.unsignedSerialized.slice(2),
      resolutionFor(plan)
    )
    tx.signature = Signature.from({ r: '0x' + r, s: '0x' + s, yParity: v === '01' ? 1 : 0 })
    expect(tx.from).toBe(emu.addressOf(PATH))
    expect(emu.exchanges[0]!.command.startsWith('e00a0000')).toBe(true)
    expect(emu.screens.at(-1)!.fields.slice(0, 2)).toEqual([
      { label: 'Amount', value: '2.5 USDC' },
      { label: 'To', value: RECIPIENT }
    ])
  })

  it('signPersonalMessage over several chunks verifies with ethers', async () => {
    const emu = createLedgerEmulator()
    const message = Buffer.from('Payout approval ' + 'x'.repeat(400))
    const { v, r, s } = await createEthApp(emu.transport).signPersonalMessage(PATH, message.toString('hex'))
    expect(verifyMessage(message, '0x' + r + s + v.toString(16))).toBe(emu.addressOf(PATH))
    expect(emu.exchanges.length).toBeGreaterThan(2)
  })

  it('signEIP712HashedMessage signs the EIP-712 digest', async () => {
    const emu = createLedgerEmulator()
    const domain = { name: 'Treasury', version: '1', chainId: 1, verifyingContract: RECIPIENT }
    const types = { Payout: [{ name: 'id', type: 'uint256' }] }
    const domainSeparator = TypedDataEncoder.hashDomain(domain)
    const structHash = TypedDataEncoder.from(types).hash({ id: 12 })
    const { v, r, s } = await createEthApp(emu.transport).signEIP712HashedMessage(
      PATH,
      domainSeparator.slice(2),
      structHash.slice(2)
    )
    const digest = TypedDataEncoder.hash(domain, types, { id: 12 })
    expect(getAddress(recoverAddress(digest, Signature.from({ r: '0x' + r, s: '0x' + s, v })))).toBe(
      emu.addressOf(PATH)
    )
    expect(keccak256('0x1901' + domainSeparator.slice(2) + structHash.slice(2))).toBe(digest)
  })
})
