// Runs in: tests (plain Node, Vitest). The project's batch contract on a real anvil node: every
// safety property of its ETH functions, Disperse and packed (all or nothing, value accounting named
// by index, refund, dirty recipient words refused, re-entry refused, ETH forced into the contract
// never spent or refunded), and the re-entry lock of its token functions.
import { Contract, Interface, type InterfaceAbi, type TransactionReceipt } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  batchCaller,
  batchPayoutInterface as batchInterface,
  type BatchCaller,
  type Revert
} from '../../test/batchCaller'
import { startChainFixture, ETHER, type ChainFixture } from '../../test/chainFixture'
import { compileContracts, type ContractName } from '../../test/compile'
import { packPayment } from './batchCalls'
import { minedReceipt } from '../../test/minedReceipt'
const FINNEY = ETHER / 1000n
/** Revert data of `Reentered()`: its 4-byte selector. */
const REENTERED = batchInterface.getError('Reentered')?.selector
/** anvil account used as the caller here (0 deploys, 1 is the fixture's payer). */
const CALLER_ACCOUNT = 2
const SELECTOR_BYTES = 4
const WORD_BYTES = 32
/** Words before recipients[0] in disperseEther calldata: the two array offsets and the length. */
const HEAD_WORDS = 3
const recipientWordOffset = (i: number): number => SELECTOR_BYTES + WORD_BYTES * (HEAD_WORDS + i)

let fx: ChainFixture
let caller: BatchCaller

beforeAll(async () => {
  fx = await startChainFixture()
  caller = batchCaller(fx, CALLER_ACCOUNT)
})
afterAll(async () => {
  await fx?.stop()
})

const deploy = (name: ContractName, args: unknown[], value = 0n): Promise<string> => caller.deploy(name, args, value)
const sendFromCaller = (to: string, data: string, value: bigint): Promise<TransactionReceipt> =>
  caller.send(to, data, value)
const revertOf = (data: string, value: bigint): Promise<Revert> => caller.revertOf(data, value)

const disperseEther = (recipients: readonly string[], values: readonly bigint[]): string =>
  batchInterface.encodeFunctionData('disperseEther', [recipients, values])
const disperseEtherPacked = (recipients: readonly string[], values: readonly bigint[]): string =>
  batchInterface.encodeFunctionData('disperseEtherPacked', [recipients.map((r, i) => packPayment(r, values[i]!))])
/** Both ETH functions, for the properties they share. */
const ETHER_CALLS = [
  ['disperseEther', disperseEther],
  ['disperseEtherPacked', disperseEtherPacked]
] as const
const sum = (values: readonly bigint[]): bigint => values.reduce((a, b) => a + b, 0n)

/**
 * Pays fresh recipients 1, 2, 3... finney with more ETH than they add up to; each must get exactly
 * its value, the caller must be charged exactly their sum and its fee (the rest refunded), and the
 * contract must hold `held` afterwards, as before.
 */
async function payExactly(tag: string, encode: (typeof ETHER_CALLS)[number][1], held: bigint): Promise<void> {
  const recipients = fx.recipients(4, tag)
  const values = recipients.map((_, i) => BigInt(i + 1) * FINNEY)
  const extra = 7n * FINNEY
  const before = await fx.rpc.balance(caller.wallet.address)
  const receipt = await sendFromCaller(fx.dev.contracts.batch, encode(recipients, values), sum(values) + extra)
  expect(await fx.balances(fx.native, recipients)).toEqual(values)
  expect(await fx.rpc.balance(caller.wallet.address)).toBe(before - sum(values) - receipt.fee)
  expect(await fx.rpc.balance(fx.dev.contracts.batch)).toBe(held)
}

describe.each(ETHER_CALLS)('%s', (name, encode) => {
  it('pays every recipient exactly, refunds the leftover to the caller and keeps nothing', async () => {
    await payExactly(`exact-${name}`, encode, 0n)
  })

  it('refunds the whole value of an empty batch', async () => {
    const before = await fx.rpc.balance(caller.wallet.address)
    const receipt = await sendFromCaller(fx.dev.contracts.batch, encode([], []), FINNEY)
    expect(await fx.rpc.balance(caller.wallet.address)).toBe(before - receipt.fee)
  })

  it('reverts when the values add up to more than was sent, naming the first index past it', async () => {
    const recipients = fx.recipients(3, `short-${name}`)
    const values = [FINNEY, 2n * FINNEY, 3n * FINNEY]
    expect(await revertOf(encode(recipients, values), sum(values) - 1n)).toEqual({
      name: 'InsufficientValue',
      args: [2n]
    })
    expect(await revertOf(encode(recipients, values), 0n)).toEqual({ name: 'InsufficientValue', args: [0n] })
  })

  it('reverts the whole batch when a recipient rejects ETH, naming its index', async () => {
    const recipients = [...fx.recipients(4, `rejected-${name}`)]
    recipients.splice(2, 0, fx.dev.contracts.rejecter)
    const values = recipients.map(() => FINNEY)
    expect(await revertOf(encode(recipients, values), sum(values))).toEqual({
      name: 'EtherTransferFailed',
      args: [2n]
    })
  })
})

describe('disperseEther', () => {
  it('reverts when the values wrap around 2^256 to exactly what was sent', async () => {
    const recipients = fx.recipients(2, 'wrap')
    const values = [FINNEY, 2n ** 256n - 1n]
    // FINNEY + (2^256 - 1) wraps to FINNEY - 1: unchecked arithmetic would see the batch as covered.
    expect(await revertOf(disperseEther(recipients, values), FINNEY)).toEqual({ name: 'InsufficientValue', args: [1n] })
  })

  it('reverts on arrays of different lengths', async () => {
    expect(await revertOf(disperseEther(fx.recipients(2, 'mismatch'), [FINNEY]), FINNEY)).toEqual({
      name: 'LengthMismatch',
      args: []
    })
  })

  it('refuses a recipient word with bits above its 20 address bytes, as the ABI decoder would', async () => {
    const recipients = fx.recipients(3, 'dirty')
    const values = recipients.map(() => FINNEY)
    const bytes = Buffer.from(disperseEther(recipients, values).slice(2), 'hex')
    bytes[recipientWordOffset(1)] = 1
    expect(await revertOf(`0x${bytes.toString('hex')}`, sum(values))).toEqual({ name: 'InvalidRecipient', args: [1n] })
  })

  it('accepts two separate calls in one transaction (the lock is released after each)', async () => {
    const helper = await deploy('ReentrantRecipient', [fx.dev.contracts.batch])
    const recipients = fx.recipients(2, 'twice')
    const values = [FINNEY, 2n * FINNEY]
    const data = new Interface(compileContracts().ReentrantRecipient.abi as InterfaceAbi).encodeFunctionData(
      'callBatchTwice',
      [disperseEther(recipients, values)]
    )
    await sendFromCaller(helper, data, 2n * sum(values))
    expect(await fx.balances(fx.native, recipients)).toEqual(values.map((v) => 2n * v))
    expect(await fx.rpc.balance(fx.dev.contracts.batch)).toBe(0n)
  })
})

describe('a recipient that calls back into the batch contract while being paid', () => {
  let attacker: string
  let attackerContract: Contract
  beforeAll(async () => {
    attacker = await deploy('ReentrantRecipient', [fx.dev.contracts.batch])
    attackerContract = new Contract(
      attacker,
      compileContracts().ReentrantRecipient.abi as InterfaceAbi,
      fx.dev.deployer
    )
  })
  const setReentry = async (data: string, swallow: boolean): Promise<void> => {
    const sent = await attackerContract.getFunction('setReentry')(data, swallow)
    await minedReceipt(fx.dev.provider, (sent as { hash: string }).hash)
  }

  it.each(ETHER_CALLS)(
    'reverts the whole %s batch when the refused call back makes the payment fail, naming its index',
    async (name, encode) => {
      await setReentry(disperseEther([], []), false)
      const recipients = [...fx.recipients(2, `reenter-fail-${name}`)]
      recipients.splice(1, 0, attacker)
      const values = recipients.map(() => FINNEY)
      // Extra value the batch holds while it pays the attacker: what a re-entry would be after.
      expect(await revertOf(encode(recipients, values), sum(values) + ETHER)).toEqual({
        name: 'EtherTransferFailed',
        args: [1n]
      })
    }
  )

  const reentries = [
    ['disperseEther', () => disperseEther([], [])],
    ['disperseEtherPacked', () => disperseEtherPacked([], [])],
    ['disperseToken', () => batchInterface.encodeFunctionData('disperseToken', [fx.dev.contracts.token, [], []])],
    [
      'disperseTokenPacked',
      () => batchInterface.encodeFunctionData('disperseTokenPacked', [fx.dev.contracts.token, []])
    ]
  ] as const
  it.each(
    ETHER_CALLS.flatMap(([outer, encode]) => reentries.map(([inner, call]) => [outer, inner, encode, call] as const))
  )(
    'refuses a call back from %s into %s with Reentered, paying only what the batch says',
    async (outer, inner, encode, reentryCall) => {
      await setReentry(reentryCall(), true)
      const recipients = [...fx.recipients(2, `reenter-${outer}-${inner}`)]
      recipients.splice(1, 0, attacker)
      const values = recipients.map((_, i) => BigInt(i + 1) * FINNEY)
      const extra = ETHER
      const attackerBefore = await fx.rpc.balance(attacker)
      const before = await fx.rpc.balance(caller.wallet.address)
      const receipt = await sendFromCaller(fx.dev.contracts.batch, encode(recipients, values), sum(values) + extra)
      expect(await attackerContract.getFunction('reentered')()).toBe(false)
      expect(await attackerContract.getFunction('reentryRevertData')()).toBe(REENTERED)
      expect(await fx.rpc.balance(attacker)).toBe(attackerBefore + (values[1] ?? 0n))
      expect(await fx.balances(fx.native, [recipients[0]!, recipients[2]!])).toEqual([values[0], values[2]])
      expect(await fx.rpc.balance(caller.wallet.address)).toBe(before - sum(values) - receipt.fee)
      expect(await fx.rpc.balance(fx.dev.contracts.batch)).toBe(0n)
    }
  )
})

describe('ETH forced into the batch contract (selfdestruct)', () => {
  const forced = 3n * ETHER
  beforeAll(async () => {
    await deploy('EtherForcer', [fx.dev.contracts.batch], forced)
  })

  it('arrived without a call, so the contract holds a balance no caller sent', async () => {
    expect(await fx.rpc.balance(fx.dev.contracts.batch)).toBe(forced)
  })

  it.each(ETHER_CALLS)('does not cover %s values that add up to more than the caller sent', async (name, encode) => {
    const recipients = fx.recipients(3, `forced-short-${name}`)
    const values = recipients.map(() => FINNEY)
    expect(await revertOf(encode(recipients, values), sum(values) - 1n)).toEqual({
      name: 'InsufficientValue',
      args: [2n]
    })
  })

  it.each(ETHER_CALLS)(
    'is neither refunded to the next %s caller nor spent: the caller gets back exactly its own leftover',
    async (name, encode) => {
      await payExactly(`forced-refund-${name}`, encode, forced)
    }
  )
})
