// Runs in: tests (plain Node, Vitest). The project's batch contract paying a token on a real anvil node, through
// its Disperse and its packed function: exact payment of the caller's tokens only, a dirty recipient word refused
// by index, a transfer that does not return true named by index, a token's own revert reason passed on, the
// pull of the total checked, the Disperse sum's overflow refused, and tokens held by the contract never spent.
import { Interface, type InterfaceAbi } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { batchCaller, batchPayoutInterface, EMPTY_REVERT, type BatchCaller } from '../../test/batchCaller'
import { startChainFixture, TOKEN_UNIT, type ChainFixture } from '../../test/chainFixture'
import { compileContracts } from '../../test/compile'
import { packPayment } from './batchCalls'
import { erc20Interface } from './batchContract'

/** anvil account used as the caller here (0 deploys, 1 is the fixture's payer, 2 the ETH tests' caller). */
const CALLER_ACCOUNT = 3
const CALLER_TOKENS = 1_000_000n * TOKEN_UNIT
const SELECTOR_BYTES = 4
const WORD_BYTES = 32
/** Words before recipients[0] in disperseToken calldata: the token, the two array offsets and the length. */
const HEAD_WORDS = 4
const recipientWordOffset = (i: number): number => SELECTOR_BYTES + WORD_BYTES * (HEAD_WORDS + i)
const quirkyInterface = new Interface(compileContracts().QuirkyToken.abi as InterfaceAbi)

let fx: ChainFixture
let caller: BatchCaller
/** A token whose transfers return false to one address, or return nothing, on request. */
let quirky: string

beforeAll(async () => {
  fx = await startChainFixture()
  caller = batchCaller(fx, CALLER_ACCOUNT)
  await fx.dev.mintToken(caller.wallet.address, CALLER_TOKENS)
  quirky = await caller.deploy('QuirkyToken', [])
  await caller.send(quirky, quirkyInterface.encodeFunctionData('mint', [caller.wallet.address, CALLER_TOKENS]), 0n)
})
afterAll(async () => {
  await fx?.stop()
})

const sum = (values: readonly bigint[]): bigint => values.reduce((a, b) => a + b, 0n)
const disperseToken = (token: string, recipients: readonly string[], values: readonly bigint[]): string =>
  batchPayoutInterface.encodeFunctionData('disperseToken', [token, recipients, values])
const disperseTokenPacked = (token: string, recipients: readonly string[], values: readonly bigint[]): string =>
  batchPayoutInterface.encodeFunctionData('disperseTokenPacked', [
    token,
    recipients.map((r, i) => packPayment(r, values[i]!))
  ])
/** Both token functions, for the properties they share. */
const TOKEN_CALLS = [
  ['disperseToken', disperseToken],
  ['disperseTokenPacked', disperseTokenPacked]
] as const

const approve = (token: string, amount: bigint): Promise<unknown> =>
  caller.send(token, erc20Interface.encodeFunctionData('approve', [fx.dev.contracts.batch, amount]), 0n)
const tokenBalance = async (token: string, account: string): Promise<bigint> =>
  BigInt(await fx.rpc.call({ to: token, data: erc20Interface.encodeFunctionData('balanceOf', [account]) }))
const quirk = (fn: 'setRefused' | 'setReturnsNothing', arg: unknown): Promise<unknown> =>
  caller.send(quirky, quirkyInterface.encodeFunctionData(fn, [arg]), 0n)

describe.each(TOKEN_CALLS)('%s', (name, encode) => {
  it('pays every recipient exactly from the caller, and the contract keeps no token', async () => {
    const token = fx.dev.contracts.token
    const recipients = fx.recipients(4, `token-exact-${name}`)
    const values = recipients.map((_, i) => BigInt(i + 1) * TOKEN_UNIT)
    await approve(token, sum(values))
    const [before, held] = [
      await tokenBalance(token, caller.wallet.address),
      await tokenBalance(token, fx.dev.contracts.batch)
    ]
    await caller.send(fx.dev.contracts.batch, encode(token, recipients, values), 0n)
    expect(await fx.balances(fx.token, recipients)).toEqual(values)
    expect(await tokenBalance(token, caller.wallet.address)).toBe(before - sum(values))
    expect(await tokenBalance(token, fx.dev.contracts.batch)).toBe(held)
  })

  it("passes on the token's own reason when a transfer reverts", async () => {
    const token = fx.dev.contracts.token
    const recipients = fx.recipients(3, `token-blocked-${name}`)
    const values = recipients.map(() => TOKEN_UNIT)
    await approve(token, sum(values))
    await fx.dev.setBlocked(recipients[1]!, true)
    expect(await caller.revertOf(encode(token, recipients, values), 0n)).toEqual({
      name: 'Error',
      args: ['TestToken: address blocked']
    })
  })

  it('passes on the reason the pull of the total reverts with (allowance too low)', async () => {
    const token = fx.dev.contracts.token
    const recipients = fx.recipients(2, `token-allowance-${name}`)
    const values = recipients.map(() => TOKEN_UNIT)
    await approve(token, sum(values) - 1n)
    expect(await caller.revertOf(encode(token, recipients, values), 0n)).toEqual({
      name: 'Error',
      args: ['TestToken: allowance too low']
    })
  })

  it('reverts with the index of a transfer that returns false instead of reverting', async () => {
    const recipients = fx.recipients(4, `token-false-${name}`)
    const values = recipients.map(() => TOKEN_UNIT)
    await approve(quirky, sum(values))
    await quirk('setRefused', recipients[2])
    expect(await caller.revertOf(encode(quirky, recipients, values), 0n)).toEqual({
      name: 'TokenTransferFailed',
      args: [2n]
    })
  })

  it('reverts when the pull of the total returns false, naming no recipient', async () => {
    const recipients = fx.recipients(2, `token-pull-false-${name}`)
    const values = recipients.map(() => TOKEN_UNIT)
    await approve(quirky, sum(values))
    await quirk('setRefused', fx.dev.contracts.batch)
    expect(await caller.revertOf(encode(quirky, recipients, values), 0n)).toEqual({
      name: 'TokenTransferFailed',
      args: [2n ** 256n - 1n]
    })
    await quirk('setRefused', fx.recipients(1, 'nobody')[0])
  })

  it('refuses a token whose transfer returns no value, naming the first recipient', async () => {
    const recipients = fx.recipients(2, `token-nothing-${name}`)
    const values = recipients.map(() => TOKEN_UNIT)
    await approve(quirky, sum(values))
    await quirk('setReturnsNothing', true)
    try {
      expect(await caller.revertOf(encode(quirky, recipients, values), 0n)).toEqual({
        name: 'TokenTransferFailed',
        args: [0n]
      })
    } finally {
      await quirk('setReturnsNothing', false)
    }
  })

  it('never spends tokens the contract holds: stray tokens stay, and only the caller is debited', async () => {
    const token = fx.dev.contracts.token
    const stray = 500n * TOKEN_UNIT
    await caller.send(token, erc20Interface.encodeFunctionData('transfer', [fx.dev.contracts.batch, stray]), 0n)
    const held = await tokenBalance(token, fx.dev.contracts.batch)
    expect(held).toBeGreaterThanOrEqual(stray)
    const recipients = fx.recipients(3, `token-stray-${name}`)
    const values = recipients.map((_, i) => BigInt(i + 1) * TOKEN_UNIT)
    // An allowance one unit short: the stray tokens could cover it, and must not.
    await approve(token, sum(values) - 1n)
    expect((await caller.revertOf(encode(token, recipients, values), 0n)).name).toBe('Error')
    await approve(token, sum(values))
    const before = await tokenBalance(token, caller.wallet.address)
    await caller.send(fx.dev.contracts.batch, encode(token, recipients, values), 0n)
    expect(await fx.balances(fx.token, recipients)).toEqual(values)
    expect(await tokenBalance(token, caller.wallet.address)).toBe(before - sum(values))
    expect(await tokenBalance(token, fx.dev.contracts.batch)).toBe(held)
    await caller.send(fx.dev.contracts.batch, encode(token, [], []), 0n)
    expect(await tokenBalance(token, fx.dev.contracts.batch)).toBe(held)
  })

  it('refuses ETH sent with it', async () => {
    const recipients = fx.recipients(1, `token-eth-${name}`)
    await approve(fx.dev.contracts.token, 1n)
    expect(await caller.revertOf(encode(fx.dev.contracts.token, recipients, [1n]), 1n)).toEqual(EMPTY_REVERT)
    expect(await caller.revertOf(encode(fx.dev.contracts.token, recipients, [1n]), 0n).catch(() => 'passes')).toBe(
      'passes'
    )
  })
})

describe('disperseToken (Disperse calls)', () => {
  it('refuses a recipient word with bits above its 20 address bytes, naming its index', async () => {
    const token = fx.dev.contracts.token
    const recipients = fx.recipients(3, 'token-dirty')
    const values = recipients.map(() => TOKEN_UNIT)
    await approve(token, sum(values))
    const bytes = Buffer.from(disperseToken(token, recipients, values).slice(2), 'hex')
    bytes[recipientWordOffset(1)] = 1
    expect(await caller.revertOf(`0x${bytes.toString('hex')}`, 0n)).toEqual({ name: 'InvalidRecipient', args: [1n] })
  })

  it('refuses values whose sum overflows, as checked arithmetic does', async () => {
    const recipients = fx.recipients(2, 'token-overflow')
    expect(await caller.revertOf(disperseToken(fx.dev.contracts.token, recipients, [2n ** 256n - 1n, 1n]), 0n)).toEqual(
      { name: 'Panic', args: [0x11n] }
    )
  })

  it('refuses arrays of different lengths', async () => {
    expect(
      await caller.revertOf(disperseToken(fx.dev.contracts.token, fx.recipients(2, 'token-mismatch'), [1n]), 0n)
    ).toEqual({ name: 'LengthMismatch', args: [] })
  })
})
