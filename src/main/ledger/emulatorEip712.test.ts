// Runs in: tests (plain Node, Vitest). Full EIP-712 on the emulated Ledger, driven by hw-app-eth:
// the device computes the hash from the fields it is streamed and signs what a real device signs
// (RFC 6979, so equal to a software key's signature of the same digest); what it cannot accept is
// answered with the Ethereum app's status words; a device without full EIP-712 falls back to
// hashes shown as the device prints them.
import { HDNodeWallet, Mnemonic, Signature, TypedDataEncoder } from 'ethers'
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseApduRecording } from './apduRecording'
import { SAFE_TX_TYPES } from '../safe/safeTx'
import { signTypedMessageFull } from './eip712Apdus'
import { SPECULOS_MNEMONIC, createLedgerEmulator } from './emulator'
import { createEthApp } from './hwAppEth'
import * as SW from './statusWords'
import { EIP712_MODE, deviceHashText, signTypedDataWith, type TypedDataRequest } from './typedDataSigner'

const PATH = "44'/60'/0'/0/0"
const key = HDNodeWallet.fromSeed(Mnemonic.fromPhrase(SPECULOS_MNEMONIC).computeSeed()).derivePath(`m/${PATH}`)

type Typed = TypedDataRequest['typedData']
function request(typedData: Typed): TypedDataRequest {
  const { EIP712Domain: _d, ...types } = typedData.types as Record<string, { name: string; type: string }[]>
  return {
    typedData,
    domainHash: TypedDataEncoder.hashDomain(typedData.domain),
    messageHash: TypedDataEncoder.from(types).hash(typedData.message)
  }
}
function expectedSignature(typedData: Typed): string {
  const { EIP712Domain: _d, ...types } = typedData.types as Record<string, { name: string; type: string }[]>
  return Signature.from(key.signingKey.sign(TypedDataEncoder.hash(typedData.domain, types, typedData.message)))
    .serialized
}

const mail: Typed = {
  domain: {
    name: 'Ether Mail',
    version: '1',
    chainId: 5,
    verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC'
  },
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' }
    ],
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallets', type: 'address[]' }
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person[]' },
      { name: 'contents', type: 'string' },
      { name: 'grid', type: 'int16[2][]' },
      { name: 'flag', type: 'bool' },
      { name: 'tag', type: 'bytes4' },
      { name: 'blob', type: 'bytes' },
      { name: 'empty', type: 'uint8[]' }
    ]
  },
  primaryType: 'Mail',
  message: {
    from: {
      name: 'Cow',
      wallets: ['0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826', '0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF']
    },
    to: [{ name: 'Bob', wallets: ['0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB'] }],
    contents: 'x'.repeat(600),
    grid: [
      [-1, 2],
      [300, -32768]
    ],
    flag: true,
    tag: '0xdeadbeef',
    blob: '0x' + 'ab'.repeat(300),
    empty: []
  }
}

async function sign(typedData: Typed, options: { eip712Full?: boolean } = {}) {
  const emulator = createLedgerEmulator(options)
  const result = await signTypedDataWith(createEthApp(emulator.transport), PATH, request(typedData), key.address)
  return { emulator, result }
}

describe('full EIP-712 on the emulated device', () => {
  it('signs nested structs, arrays of arrays, negative ints, long strings and bytes exactly as the EIP-712 hash', async () => {
    const { result, emulator } = await sign(mail)
    expect(result).toEqual({ signature: expectedSignature(mail), signer: key.address, mode: EIP712_MODE.full })
    const ins = new Set(emulator.exchanges.map((e) => e.command.slice(2, 4)))
    expect([...ins]).toEqual(expect.arrayContaining(['1a', '1c', '0c']))
    const screen = emulator.screens.at(-1)!
    expect(screen).toMatchObject({ kind: 'typedData', title: 'Review typed message', outcome: 'approved' })
    const field = (label: string) => screen.fields.find((f) => f.label === label)?.value
    expect(field('chainId')).toBe('5')
    expect(field('from.wallets.[]')).toBe('0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826')
    expect(field('grid.[].[]')).toBe('-1')
    expect(screen.fields.filter((f) => f.label === 'grid.[].[]').map((f) => f.value)).toEqual([
      '-1',
      '2',
      '300',
      '-32768'
    ])
    expect(field('flag')).toBe('true')
    expect(field('tag')).toBe('0xDEADBEEF')
    expect(field('contents')).toBe('x'.repeat(376) + '...')
    expect(field('blob')).toBe('0x' + 'AB'.repeat(187) + '...')
  })

  it('a rejection on the device signs nothing', async () => {
    const emulator = createLedgerEmulator()
    emulator.rejectNext()
    await expect(
      signTypedDataWith(createEthApp(emulator.transport), PATH, request(mail), key.address)
    ).rejects.toMatchObject({
      code: 'ledger_rejected_on_device'
    })
  })

  it('a device without full EIP-712 signs the two hashes and shows them as 0x and upper-case hex', async () => {
    const { result, emulator } = await sign(mail, { eip712Full: false })
    expect(result.mode).toBe(EIP712_MODE.hashed)
    expect(result.signature).toBe(expectedSignature(mail))
    const req = request(mail)
    expect(emulator.screens.at(-1)?.fields).toEqual([
      { label: 'Domain hash', value: deviceHashText(req.domainHash) },
      { label: 'Message hash', value: deviceHashText(req.messageHash) }
    ])
    expect(deviceHashText(req.domainHash)).toMatch(/^0x[0-9A-F]{64}$/)
  })
})

describe('the APDUs sent for full EIP-712', () => {
  it('are the bytes hw-app-eth sends for a SafeTx (the recorded session)', async () => {
    const recorded = parseApduRecording(readFileSync(join(__dirname, 'recordings', 'eip712-full-safetx.apdus'), 'utf8'))
    const safeTx: Typed = {
      domain: { verifyingContract: '0xc1897a9acbdd54028da5f7b76b5833a91553aaf6', chainId: 1 },
      primaryType: 'SafeTx',
      types: SAFE_TX_TYPES,
      message: {
        to: '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48',
        value: '0',
        data: '0xa9059cbb00000000000000000000000023f8abfc2824c397ccb3da89ae772984107ddb99000000000000000000000000000000000000000000000000000000000083ed02',
        operation: 0,
        safeTxGas: '0',
        baseGas: '0',
        gasPrice: '0',
        gasToken: '0x0000000000000000000000000000000000000000',
        refundReceiver: '0x0000000000000000000000000000000000000000',
        nonce: 1
      }
    }
    const emulator = createLedgerEmulator()
    await signTypedMessageFull(emulator.transport, PATH, safeTx)
    expect(emulator.exchanges.map((e) => e.command)).toEqual(recorded.slice(0, -1).map((e) => e.command))
  })

  it('sends every byte of a long value, where hw-app-eth 7.9.0 drops the tail and the device refuses', async () => {
    const long: Typed = { ...mail, message: { ...mail.message, blob: '0x' + 'cd'.repeat(510) } }
    const emulator = createLedgerEmulator()
    await expect(createEthApp(emulator.transport).signEIP712Message(PATH, long as never)).rejects.toMatchObject({
      statusCode: SW.SW_INVALID_DATA
    })
    const { result } = await sign(long)
    expect(result.signature).toBe(expectedSignature(long))
  })
})

describe('what the app refuses, with its status words', () => {
  const exchange = async (emulator: ReturnType<typeof createLedgerEmulator>, hex: string) =>
    (await emulator.transport.exchange(Buffer.from(hex, 'hex'))).toString('hex')
  const name = (s: string) => Buffer.from(s).toString('hex')
  const apdu = (ins: string, p1: string, p2: string, data: string) =>
    `e0${ins}${p1}${p2}${(data.length / 2).toString(16).padStart(2, '0')}${data}`
  // "uint256 chainId": type byte 0x42 (has size, uint), size 32, name.
  const chainIdField = '4220' + '07' + name('chainId')
  const path = '058000002c8000003c800000000000000000000000'

  it('an implementation, a filter or a signature before any definition: 0x6980', async () => {
    const emulator = createLedgerEmulator()
    expect(await exchange(emulator, apdu('1c', '00', '00', name('EIP712Domain')))).toBe(
      SW.SW_NO_EIP712_CONTEXT.toString(16)
    )
    expect(await exchange(emulator, apdu('1e', '00', '00', ''))).toBe('6980')
    expect(await exchange(emulator, apdu('0c', '00', '01', path))).toBe('6980')
  })

  it('a malformed field definition: 0x6a80; an unknown root struct: 0x6a00; a definition after implementing: 0x6a00', async () => {
    const emulator = createLedgerEmulator()
    expect(await exchange(emulator, apdu('1a', '00', '00', name('EIP712Domain')))).toBe('9000')
    expect(await exchange(emulator, apdu('1a', '00', 'ff', '42'))).toBe('6a80')
    expect(await exchange(emulator, apdu('1a', '00', '00', name('EIP712Domain')))).toBe('9000')
    expect(await exchange(emulator, apdu('1a', '00', 'ff', chainIdField))).toBe('9000')
    expect(await exchange(emulator, apdu('1c', '00', '00', name('Nope')))).toBe('6a00')
    expect(await exchange(emulator, apdu('1a', '00', '00', name('EIP712Domain')))).toBe('9000')
    expect(await exchange(emulator, apdu('1a', '00', 'ff', chainIdField))).toBe('9000')
    expect(await exchange(emulator, apdu('1c', '00', '00', name('EIP712Domain')))).toBe('9000')
    expect(await exchange(emulator, apdu('1a', '00', '00', name('Late')))).toBe('6a00')
  })

  it('a value longer than announced, or a static value split over two APDUs: 0x6a80', async () => {
    const emulator = createLedgerEmulator()
    const define = async () => {
      await exchange(emulator, apdu('1a', '00', '00', name('EIP712Domain')))
      await exchange(emulator, apdu('1a', '00', 'ff', chainIdField))
      await exchange(emulator, apdu('1c', '00', '00', name('EIP712Domain')))
    }
    await define()
    expect(await exchange(emulator, apdu('1c', '00', 'ff', '0001' + '0102'))).toBe('6a80')
    await define()
    expect(await exchange(emulator, apdu('1c', '01', 'ff', '0002' + '01'))).toBe('6a80')
  })

  it('signing before the message is complete: 0x6a80; filtering activated but no filters sent: 0x6a88', async () => {
    const emulator = createLedgerEmulator()
    await exchange(emulator, apdu('1a', '00', '00', name('EIP712Domain')))
    await exchange(emulator, apdu('1a', '00', 'ff', chainIdField))
    await exchange(emulator, apdu('1c', '00', '00', name('EIP712Domain')))
    expect(await exchange(emulator, apdu('0c', '00', '01', path))).toBe('6a80')
    for (const struct of ['EIP712Domain', 'M']) {
      await exchange(emulator, apdu('1a', '00', '00', name(struct)))
      await exchange(emulator, apdu('1a', '00', 'ff', chainIdField))
    }
    expect(await exchange(emulator, apdu('1e', '00', '00', ''))).toBe('9000')
    for (const struct of ['EIP712Domain', 'M']) {
      expect(await exchange(emulator, apdu('1c', '00', '00', name(struct)))).toBe('9000')
      expect(await exchange(emulator, apdu('1c', '00', 'ff', '000101'))).toBe('9000')
    }
    expect(await exchange(emulator, apdu('0c', '00', '01', path))).toBe(SW.SW_REFERENCED_DATA_NOT_FOUND.toString(16))
  })

  it('a device without full EIP-712 does not know the instructions: 0x6d00', async () => {
    const emulator = createLedgerEmulator({ eip712Full: false })
    expect(await exchange(emulator, apdu('1a', '00', '00', name('EIP712Domain')))).toBe('6d00')
    expect(await exchange(emulator, apdu('0c', '00', '01', path))).toBe('6d00')
  })
})
