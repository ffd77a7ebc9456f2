// Runs in: main (plain Node). The Ethereum app of the Ledger emulator: APDU in, response out
// (data followed by the status word), with the real app's formats and status words. What needs
// the user's approval goes through `confirm`, which the emulated device answers (see emulator.ts).

import {
  HDNodeWallet,
  Mnemonic,
  SigningKey,
  formatUnits,
  getAddress,
  keccak256,
  toUtf8Bytes,
  type Signature
} from 'ethers'
import { decodePath, formatPath, parsePath } from './bip32Path'
import { createEip712Session, deviceHex, type Eip712Outcome } from './emulatorEip712'
import { parseErc20Descriptor, verifyErc20Descriptor, type Erc20Descriptor } from './erc20Descriptors'
import * as SW from './statusWords'
import { TxStream, type TxKind } from './txStream'

export interface ScreenField {
  readonly label: string
  readonly value: string
}
/** What the device shows and asks the user to approve. */
export interface Confirmation {
  readonly kind: 'address' | 'transaction' | 'message' | 'typedData'
  readonly title: string
  readonly fields: readonly ScreenField[]
}
/** Resolves true when the user approves, false when they reject; rejects when the device goes away. */
export type ConfirmFn = (confirmation: Confirmation) => Promise<boolean>

export interface EthereumAppSettings {
  readonly blindSigning: boolean
  readonly version: readonly [number, number, number]
  /** Full EIP-712 (definitions and fields sent to the device); a Nano S only signs the two hashes. */
  readonly eip712Full: boolean
}

const SELECTOR_TRANSFER = 'a9059cbb'
const SELECTOR_APPROVE = '095ea7b3'
const ERC20_CALL_LENGTH = 4 + 32 + 32
/** Descriptors the app remembers between PROVIDE ERC20 and SIGN (MAX_ASSETS in app-ethereum). */
const MAX_ASSETS = 5
const TX_TYPE_EIP2930 = 0x01
const TX_TYPE_EIP1559 = 0x02
const MAX_TX_TYPE = 0x7f

type Pending =
  | { kind: 'tx'; path: number[]; stream: TxStream; blind: boolean; token: Erc20Descriptor | null; selector: string }
  | { kind: 'message'; path: number[]; remaining: number; parts: Buffer[]; total: number }

export function createEthereumApp(mnemonic: string, settings: () => EthereumAppSettings, confirm: ConfirmFn) {
  const root = HDNodeWallet.fromSeed(Mnemonic.fromPhrase(mnemonic).computeSeed())
  const nodes = new Map<string, HDNodeWallet>()
  let tokens: Erc20Descriptor[] = []
  let pending: Pending | null = null
  const eip712 = createEip712Session()

  function node(indexes: number[]): HDNodeWallet {
    const key = formatPath(indexes)
    let n = nodes.get(key)
    if (!n) {
      n = root.derivePath('m/' + key)
      nodes.set(key, n)
    }
    return n
  }
  const ok = (data: Buffer = Buffer.alloc(0)): Buffer => Buffer.concat([data, sw(SW.SW_OK)])
  const signatureBytes = (v: number, sig: Signature): Buffer =>
    Buffer.concat([Buffer.from([v & 0xff]), Buffer.from(sig.r.slice(2), 'hex'), Buffer.from(sig.s.slice(2), 'hex')])

  async function getAddressCmd(p1: number, p2: number, data: Buffer): Promise<Buffer> {
    if ((p1 !== SW.P1_DISPLAY && p1 !== SW.P1_NO_DISPLAY) || (p2 !== SW.P2_CHAIN_CODE && p2 !== SW.P2_NO_CHAIN_CODE))
      return sw(SW.SW_WRONG_P1_P2)
    const path = decodePath(data)
    // Optional trailing 8-byte chain id (used by Stax to name the network); nothing else is allowed.
    if (!path || (data.length !== path.length && data.length !== path.length + 8)) return sw(SW.SW_INVALID_DATA)
    const n = node(path.indexes)
    const address = getAddress(n.address).slice(2)
    if (p1 === SW.P1_DISPLAY) {
      const approved = await confirm({
        kind: 'address',
        title: 'Verify Ethereum address',
        fields: [
          { label: 'Address', value: '0x' + address },
          { label: 'Path', value: formatPath(path.indexes) }
        ]
      })
      if (!approved) return sw(SW.SW_USER_REJECTED)
    }
    const publicKey = Buffer.from(SigningKey.computePublicKey(n.publicKey, false).slice(2), 'hex')
    const parts = [
      Buffer.from([publicKey.length]),
      publicKey,
      Buffer.from([address.length]),
      Buffer.from(address, 'ascii')
    ]
    if (p2 === SW.P2_CHAIN_CODE) parts.push(Buffer.from(n.chainCode.slice(2), 'hex'))
    return ok(Buffer.concat(parts))
  }

  function provideErc20(data: Buffer): Buffer {
    const parsed = parseErc20Descriptor(data)
    if (!parsed || !verifyErc20Descriptor(data)) return sw(SW.SW_INVALID_DATA)
    tokens = [...tokens.filter((t) => !(t.address === parsed.address && t.chainId === parsed.chainId)), parsed].slice(
      -MAX_ASSETS
    )
    return ok()
  }

  async function startTx(data: Buffer): Promise<Buffer> {
    const path = decodePath(data)
    if (!path || data.length <= path.length) return fail(SW.SW_INVALID_DATA)
    let rest = data.subarray(path.length)
    let kind: TxKind = 'legacy'
    let prefix: Buffer | null = null
    const first = rest[0]!
    if (first <= MAX_TX_TYPE) {
      if (first !== TX_TYPE_EIP1559 && first !== TX_TYPE_EIP2930) return fail(SW.SW_TX_TYPE_NOT_SUPPORTED)
      kind = first === TX_TYPE_EIP1559 ? 'eip1559' : 'eip2930'
      prefix = rest.subarray(0, 1)
      rest = rest.subarray(1)
    }
    const state: Extract<Pending, { kind: 'tx' }> = {
      kind: 'tx',
      path: path.indexes,
      blind: false,
      token: null,
      selector: '',
      stream: new TxStream(kind, prefix, (head, length, to) => {
        state.selector = head.length >= 4 ? head.subarray(0, 4).toString('hex') : ''
        // The app counts a lone zero byte of data as "no data" (processData's dataPresent = false).
        if (length === 1 && head[0] === 0x00) return true
        if (to.length === 20 && length >= 4 && head.length < 4) return false // selector split across chunks
        const token = tokens.find((t) => t.address === '0x' + to.toString('hex')) ?? null
        const erc20 =
          (state.selector === SELECTOR_TRANSFER || state.selector === SELECTOR_APPROVE) && length === ERC20_CALL_LENGTH
        if (to.length === 20 && erc20 && token) state.token = token
        else state.blind = true
        return !state.blind || settings().blindSigning
      })
    }
    pending = state
    return feedTx(state, rest)
  }

  async function feedTx(state: Extract<Pending, { kind: 'tx' }>, chunk: Buffer): Promise<Buffer> {
    const result = state.stream.feed(chunk)
    if (result === 'fault') return fail(SW.SW_INVALID_DATA)
    if (result === 'more') return ok()
    pending = null
    const s = state.stream
    const typed = s.kind !== 'legacy'
    const chainBytes = typed ? s.field('chainId') : s.field('v')
    // Pre-EIP-155 legacy transactions can be replayed on other chains: the app refuses them.
    if (!typed && chainBytes.length === 0) return fail(SW.SW_INVALID_DATA)
    const chainId = chainBytes.length === 0 ? 0n : BigInt('0x' + chainBytes.toString('hex'))
    if (state.token && BigInt(state.token.chainId) !== chainId) {
      state.token = null
      state.blind = true
    }
    if (state.blind && !settings().blindSigning) return fail(SW.SW_INVALID_DATA)
    const digest = keccak256(s.signedBytes())
    const approved = await confirm({
      kind: 'transaction',
      title: state.blind ? 'Review transaction (blind signing)' : 'Review transaction',
      fields: txFields(state, chainId, digest)
    })
    tokens = []
    if (!approved) return sw(SW.SW_USER_REJECTED)
    const sig = node(state.path).signingKey.sign(digest)
    // Legacy: EIP-155 v from the first (up to) 4 bytes of the chain id, kept in one byte.
    const chainU32 = chainBytes.length === 0 ? 0 : chainBytes.readUIntBE(0, Math.min(4, chainBytes.length))
    const v = typed ? sig.yParity : chainU32 * 2 + 35 + sig.yParity
    return ok(signatureBytes(v, sig))
  }

  function txFields(state: Extract<Pending, { kind: 'tx' }>, chainId: bigint, digest: string): ScreenField[] {
    const s = state.stream
    const to = s.field('to')
    const value = bufferToBigInt(s.field('value'))
    const fee = bufferToBigInt(s.field('gasPrice')) * bufferToBigInt(s.field('gasLimit'))
    const fields: ScreenField[] = []
    if (state.token) {
      const data = s.field('data')
      const target = getAddress('0x' + data.subarray(16, 36).toString('hex'))
      const amount = formatUnits(bufferToBigInt(data.subarray(36, 68)), state.token.decimals) + ' ' + state.token.ticker
      fields.push(
        { label: state.selector === SELECTOR_APPROVE ? 'Approve' : 'Amount', value: amount },
        { label: state.selector === SELECTOR_APPROVE ? 'Spender' : 'To', value: target },
        { label: 'Token contract', value: getAddress('0x' + to.toString('hex')) }
      )
    } else {
      fields.push(
        { label: 'Amount', value: formatUnits(value, 18) + ' ETH' },
        { label: 'To', value: to.length === 20 ? getAddress('0x' + to.toString('hex')) : 'Contract creation' }
      )
      if (state.blind) fields.push({ label: 'Transaction hash', value: digest })
    }
    if (chainId !== 1n) fields.push({ label: 'Network', value: chainId.toString() })
    fields.push({ label: 'Max fees', value: formatUnits(fee, 18) + ' ETH' })
    return fields
  }

  async function personalSign(p1: number, data: Buffer): Promise<Buffer> {
    let state = pending?.kind === 'message' ? pending : null
    if (p1 === SW.P1_FIRST_CHUNK) {
      const path = decodePath(data)
      if (!path || data.length < path.length + 4) return fail(SW.SW_INVALID_DATA)
      const total = data.readUInt32BE(path.length)
      state = { kind: 'message', path: path.indexes, remaining: total, parts: [], total }
      pending = state
      data = data.subarray(path.length + 4)
    } else if (p1 !== SW.P1_MORE_CHUNKS) {
      return sw(SW.SW_WRONG_P1_P2)
    } else if (!state) {
      return sw(SW.SW_COMMAND_NOT_ALLOWED)
    }
    if (data.length > state.remaining) return fail(SW.SW_INVALID_DATA)
    state.parts.push(data)
    state.remaining -= data.length
    if (state.remaining > 0) return ok()
    pending = null
    const message = Buffer.concat(state.parts)
    const digest = keccak256(
      Buffer.concat([Buffer.from(toUtf8Bytes(`\x19Ethereum Signed Message:\n${state.total}`)), message])
    )
    const printable = /^[\x20-\x7e\n]*$/.test(message.toString('latin1'))
    const approved = await confirm({
      kind: 'message',
      title: 'Sign message',
      fields: [{ label: 'Message', value: printable ? message.toString('ascii') : '0x' + message.toString('hex') }]
    })
    if (!approved) return sw(SW.SW_USER_REJECTED)
    const sig = node(state.path).signingKey.sign(digest)
    return ok(signatureBytes(27 + sig.yParity, sig))
  }

  async function eip712Sign(p2: number, data: Buffer): Promise<Buffer> {
    if (p2 === SW.P2_EIP712_FULL && settings().eip712Full) return eip712Full(data)
    if (p2 !== SW.P2_EIP712_HASHED) return sw(SW.SW_INS_NOT_SUPPORTED)
    const path = decodePath(data)
    if (!path || data.length !== path.length + 64) return sw(SW.SW_INVALID_DATA)
    const domain = data.subarray(path.length, path.length + 32)
    const message = data.subarray(path.length + 32)
    const approved = await confirm({
      kind: 'typedData',
      title: 'Sign typed message',
      fields: [
        { label: 'Domain hash', value: deviceHex(domain) },
        { label: 'Message hash', value: deviceHex(message) }
      ]
    })
    if (!approved) return sw(SW.SW_USER_REJECTED)
    const sig = node(path.indexes).signingKey.sign(
      keccak256(Buffer.concat([Buffer.from([0x19, 0x01]), domain, message]))
    )
    return ok(signatureBytes(27 + sig.yParity, sig))
  }

  async function eip712Full(data: Buffer): Promise<Buffer> {
    const ready = eip712.readyToSign()
    if (!('domainHash' in ready)) return sw(ready.status)
    const path = decodePath(data)
    if (!path || data.length !== path.length) {
      eip712.reset()
      return sw(SW.SW_INVALID_DATA)
    }
    eip712.reset()
    const approved = await confirm({ kind: 'typedData', title: 'Review typed message', fields: ready.fields })
    if (!approved) return sw(SW.SW_USER_REJECTED)
    const digest = keccak256(Buffer.concat([Buffer.from([0x19, 0x01]), ready.domainHash, ready.messageHash]))
    const sig = node(path.indexes).signingKey.sign(digest)
    return ok(signatureBytes(27 + sig.yParity, sig))
  }

  const eip712Answer = (outcome: Eip712Outcome): Buffer => sw(outcome.status)

  function appConfiguration(): Buffer {
    const { blindSigning, version } = settings()
    const flags = (blindSigning ? SW.APP_FLAG_BLIND_SIGNING_ENABLED : 0) | SW.APP_FLAG_EXTERNAL_TOKEN_NEEDED
    return ok(Buffer.from([flags, ...version]))
  }

  /** Any error ends the operation in progress, as the app resets its context. */
  function fail(status: number): Buffer {
    pending = null
    return sw(status)
  }

  return {
    async handle(apdu: Buffer): Promise<Buffer> {
      if (apdu.length < 5 || apdu.length !== 5 + apdu[4]!) return sw(SW.SW_WRONG_LENGTH)
      const [cla, ins, p1, p2] = [apdu[0]!, apdu[1]!, apdu[2]!, apdu[3]!]
      const data = apdu.subarray(5)
      if (cla !== SW.CLA_ETH) return sw(SW.SW_CLA_NOT_SUPPORTED)
      switch (ins) {
        case SW.INS_GET_ADDRESS:
          return getAddressCmd(p1, p2, data)
        case SW.INS_GET_APP_CONFIGURATION:
          return appConfiguration()
        case SW.INS_PROVIDE_ERC20_TOKEN_INFORMATION:
          return provideErc20(data)
        case SW.INS_SIGN_EIP712:
          return eip712Sign(p2, data)
        case SW.INS_EIP712_STRUCT_DEF:
          if (!settings().eip712Full) return sw(SW.SW_INS_NOT_SUPPORTED)
          return p1 === 0x00 ? eip712Answer(eip712.definition(p2, data)) : sw(SW.SW_WRONG_P1_P2)
        case SW.INS_EIP712_STRUCT_IMPL:
          if (!settings().eip712Full) return sw(SW.SW_INS_NOT_SUPPORTED)
          return eip712Answer(eip712.implementation(p1, p2, data))
        case SW.INS_EIP712_FILTERING:
          if (!settings().eip712Full) return sw(SW.SW_INS_NOT_SUPPORTED)
          return eip712Answer(eip712.filter(p2))
        case SW.INS_SIGN_PERSONAL_MESSAGE:
          return personalSign(p1, data)
        case SW.INS_SIGN_TX:
          if (p2 !== 0x00) return sw(SW.SW_WRONG_P1_P2)
          if (p1 === SW.P1_FIRST_CHUNK) return startTx(data)
          if (p1 !== SW.P1_MORE_CHUNKS) return sw(SW.SW_WRONG_P1_P2)
          if (pending?.kind !== 'tx') return sw(SW.SW_COMMAND_NOT_ALLOWED)
          return feedTx(pending, data)
        default:
          return sw(SW.SW_INS_NOT_SUPPORTED)
      }
    },
    /** Forget any operation in progress (the device was unplugged or the app restarted). */
    reset(): void {
      pending = null
      tokens = []
      eip712.reset()
    },
    /** The EIP-55 address the device derives for a path. */
    addressOf(path: string): string {
      return getAddress(node(parsePath(path)).address)
    }
  }
}

export type EthereumApp = ReturnType<typeof createEthereumApp>

export function sw(status: number): Buffer {
  const b = Buffer.alloc(2)
  b.writeUInt16BE(status)
  return b
}

function bufferToBigInt(b: Buffer): bigint {
  return b.length === 0 ? 0n : BigInt('0x' + b.toString('hex'))
}
