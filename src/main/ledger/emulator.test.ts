// The emulator at the APDU level: bytes in, bytes out, status words of the real app for bad input,
// and the scripted device (locked, wrong app, blind signing, rejection, unplug, manual approval).
import { Transaction, keccak256, verifyMessage, recoverAddress, Signature } from 'ethers'
import { describe, expect, it } from 'vitest'
import { encodePath } from './bip32Path'
import { findErc20Descriptor } from './erc20Descriptors'
import { createLedgerEmulator } from './emulator'

const PATH = "44'/60'/0'/0/0"
const USDC = '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48'
const RECIPIENT = '0x78296F1058dD49C5D6500855F59094F0a2876397'

function apdu(ins: number, p1: number, p2: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xe0, ins, p1, p2, data.length]), data])
}
const statusOf = (r: Buffer): string => r.subarray(r.length - 2).toString('hex')
function unsigned(fields: Partial<{ to: string; data: string; value: bigint; chainId: bigint }> = {}): Buffer {
  const tx = Transaction.from({
    type: 2,
    chainId: fields.chainId ?? 1n,
    nonce: 7,
    to: fields.to ?? RECIPIENT,
    value: fields.value ?? 10n ** 18n,
    data: fields.data ?? '0x',
    gasLimit: 21000n,
    maxFeePerGas: 30n * 10n ** 9n,
    maxPriorityFeePerGas: 10n ** 9n
  })
  return Buffer.from(tx.unsignedSerialized.slice(2), 'hex')
}
const erc20Transfer = (amount: bigint): string =>
  '0xa9059cbb' + RECIPIENT.slice(2).toLowerCase().padStart(64, '0') + amount.toString(16).padStart(64, '0')

describe('emulated Ethereum app, APDU level', () => {
  it('GET ADDRESS answers public key, ASCII EIP-55 address and chain code only when P2 asks for it', async () => {
    const emu = createLedgerEmulator()
    const without = await emu.transport.exchange(apdu(0x02, 0, 0, encodePath(PATH)))
    expect(statusOf(without)).toBe('9000')
    expect(without.length).toBe(1 + 65 + 1 + 40 + 2)
    expect(without.subarray(67, 107).toString('ascii')).toBe('Dad77910DbDFdE764fC21FCD4E74D71bBACA6D8D')
    const withCode = await emu.transport.exchange(apdu(0x02, 0, 1, encodePath(PATH)))
    expect(withCode.length).toBe(without.length + 32)
  })

  it('rejects bad parameters with the status words of the real app', async () => {
    const emu = createLedgerEmulator()
    const t = emu.transport
    expect(statusOf(await t.exchange(apdu(0x02, 2, 0, encodePath(PATH))))).toBe('6b00')
    expect(statusOf(await t.exchange(apdu(0x02, 0, 0, Buffer.from([0x05, 0x80]))))).toBe('6a80')
    expect(statusOf(await t.exchange(apdu(0x42, 0, 0, Buffer.alloc(0))))).toBe('6d00')
    expect(statusOf(await t.exchange(Buffer.from('e106000000', 'hex')))).toBe('6e00')
    expect(statusOf(await t.exchange(apdu(0x04, 0x80, 0, Buffer.from('00', 'hex'))))).toBe('6986')
    expect(
      statusOf(await t.exchange(apdu(0x04, 0, 0, Buffer.concat([encodePath(PATH), Buffer.from('03c0', 'hex')]))))
    ).toBe('6501')
    expect(statusOf(await t.exchange(Buffer.from('e0060000', 'hex')))).toBe('6700')
  })

  it('GET APP CONFIGURATION reports the blind signing flag and the version', async () => {
    const emu = createLedgerEmulator({ appVersion: [1, 19, 1] })
    expect((await emu.transport.exchange(apdu(0x06, 0, 0, Buffer.alloc(0)))).toString('hex')).toBe('020113019000')
    emu.setBlindSigning(true)
    expect((await emu.transport.exchange(apdu(0x06, 0, 0, Buffer.alloc(0)))).toString('hex')).toBe('030113019000')
  })

  it('signs exactly the bytes received, whatever the chunking, with a low-s signature', async () => {
    const raw = unsigned()
    const emu = createLedgerEmulator()
    // The first chunk must hold the whole path and at least one byte of the transaction.
    const answers = [
      await emu.transport.exchange(apdu(0x04, 0, 0, Buffer.concat([encodePath(PATH), raw.subarray(0, 3)])))
    ]
    for (let i = 3; i < raw.length; i += 7)
      answers.push(await emu.transport.exchange(apdu(0x04, 0x80, 0, raw.subarray(i, i + 7))))
    expect(answers.slice(0, -1).every((a) => a.toString('hex') === '9000')).toBe(true)
    const last = answers[answers.length - 1]!
    const sig = Signature.from({
      r: '0x' + last.subarray(1, 33).toString('hex'),
      s: '0x' + last.subarray(33, 65).toString('hex'),
      yParity: last[0] === 1 ? 1 : 0
    })
    expect(BigInt(sig.s)).toBeLessThan(2n ** 255n)
    expect(recoverAddress(keccak256(raw), sig)).toBe(emu.addressOf(PATH))
  })

  it('refuses a contract call it cannot display while blind signing is off, with 0x6a80', async () => {
    const emu = createLedgerEmulator()
    const call = Buffer.concat([encodePath(PATH), unsigned({ data: '0xdeadbeef00' })])
    expect(statusOf(await emu.transport.exchange(apdu(0x04, 0, 0, call)))).toBe('6a80')
    emu.setBlindSigning(true)
    expect(statusOf(await emu.transport.exchange(apdu(0x04, 0, 0, call)))).toBe('9000')
    expect(emu.screens.at(-1)?.fields.some((f) => f.label === 'Transaction hash')).toBe(true)
  })

  it("clear-signs an ERC-20 transfer once Ledger's signed descriptor for the token was provided", async () => {
    const emu = createLedgerEmulator()
    const call = Buffer.concat([encodePath(PATH), unsigned({ to: USDC, value: 0n, data: erc20Transfer(1_500_000n) })])
    expect(statusOf(await emu.transport.exchange(apdu(0x04, 0, 0, call)))).toBe('6a80')
    const descriptor = findErc20Descriptor(1n, USDC)!
    expect(statusOf(await emu.transport.exchange(apdu(0x0a, 0, 0, descriptor.payload)))).toBe('9000')
    expect(statusOf(await emu.transport.exchange(apdu(0x04, 0, 0, call)))).toBe('9000')
    expect(emu.screens.at(-1)?.fields[0]).toEqual({ label: 'Amount', value: '1.5 USDC' })
  })

  it("refuses a token descriptor whose signature is not Ledger's", async () => {
    const emu = createLedgerEmulator()
    const forged = Buffer.from(findErc20Descriptor(1n, USDC)!.payload)
    forged[forged.length - 1] = forged[forged.length - 1]! ^ 0x01
    expect(statusOf(await emu.transport.exchange(apdu(0x0a, 0, 0, forged)))).toBe('6a80')
  })

  it('answers 0x5515 to everything while locked, and 0x6e01 on the dashboard', async () => {
    const emu = createLedgerEmulator({ locked: true })
    expect(statusOf(await emu.transport.exchange(apdu(0x06, 0, 0, Buffer.alloc(0))))).toBe('5515')
    emu.unlock()
    emu.openApp('dashboard')
    expect(statusOf(await emu.transport.exchange(apdu(0x06, 0, 0, Buffer.alloc(0))))).toBe('6e01')
    const appAndVersion = await emu.transport.exchange(Buffer.from('b001000000', 'hex'))
    expect(appAndVersion.subarray(2, 7).toString('ascii')).toBe('BOLOS')
  })

  it('answers 0x6985 when the user rejects, and records what the screen showed', async () => {
    const emu = createLedgerEmulator()
    emu.rejectNext()
    expect(statusOf(await emu.transport.exchange(apdu(0x02, 1, 0, encodePath(PATH))))).toBe('6985')
    expect(emu.screens.at(-1)).toMatchObject({ kind: 'address', outcome: 'rejected' })
    expect(statusOf(await emu.transport.exchange(apdu(0x02, 1, 0, encodePath(PATH))))).toBe('9000')
  })

  it('waits in manual mode until someone presses approve', async () => {
    const emu = createLedgerEmulator({ mode: 'manual' })
    const seen: string[] = []
    emu.onPendingConfirmation((p) => {
      if (p) seen.push(p.confirmation.title)
    })
    const message = Buffer.from('Approve payout #12')
    const request = emu.transport.exchange(
      apdu(0x08, 0, 0, Buffer.concat([encodePath(PATH), Buffer.from([0, 0, 0, message.length]), message]))
    )
    await new Promise((r) => setImmediate(r))
    expect(emu.pendingConfirmation?.confirmation.fields[0]?.value).toBe('Approve payout #12')
    expect(emu.confirm()).toBe(true)
    const answer = await request
    const signature = '0x' + answer.subarray(1, 65).toString('hex') + answer.subarray(0, 1).toString('hex')
    expect(verifyMessage(message, signature)).toBe(emu.addressOf(PATH))
    expect(seen).toEqual(['Sign message'])
  })

  it('throws a disconnect when unplugged during a request, and works again once plugged back in', async () => {
    const emu = createLedgerEmulator()
    emu.unplugDuringNextConfirmation()
    await expect(emu.transport.exchange(apdu(0x02, 1, 0, encodePath(PATH)))).rejects.toMatchObject({
      name: 'DisconnectedDeviceDuringOperation'
    })
    await expect(emu.openTransport()).rejects.toMatchObject({ id: 'NoDeviceFound' })
    emu.plugIn()
    const fresh = await emu.openTransport()
    expect(statusOf(await fresh.exchange(apdu(0x06, 0, 0, Buffer.alloc(0))))).toBe('9000')
  })

  it('refuses a pre-EIP-155 legacy transaction (no chain id) like current app versions', async () => {
    const emu = createLedgerEmulator()
    const tx = Transaction.from({ type: 0, nonce: 1, gasPrice: 1n, gasLimit: 21000n, to: RECIPIENT, value: 1n })
    expect(
      statusOf(
        await emu.transport.exchange(
          apdu(0x04, 0, 0, Buffer.concat([encodePath(PATH), Buffer.from(tx.unsignedSerialized.slice(2), 'hex')]))
        )
      )
    ).toBe('6a80')
  })
})
