// Runs in: tests (plain Node, Vitest). The project's batch contract on a real anvil node: every
// safety property of disperseEther (all or nothing, value accounting, refund, re-entry refused,
// ETH forced into the contract never spent or refunded) and the re-entry lock of disperseToken.
import { Contract, ContractFactory, Interface, Wallet, type InterfaceAbi, type TransactionReceipt } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChainFixture, ETHER, type ChainFixture } from '../../test/chainFixture'
import { compileContracts, type ContractName } from '../../test/compile'
import { ChainError } from './errors'

const batchInterface = new Interface(compileContracts().BatchPayout.abi as InterfaceAbi)
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
let caller: Wallet

beforeAll(async () => {
  fx = await startChainFixture()
  caller = new Wallet(fx.node.accounts[CALLER_ACCOUNT]!.privateKey, fx.dev.provider)
})
afterAll(async () => {
  await fx?.stop()
})

async function deploy(name: ContractName, args: unknown[], value = 0n): Promise<string> {
  const c = compileContracts()[name]
  const contract = await new ContractFactory(c.abi as InterfaceAbi, c.bytecode, fx.dev.deployer).deploy(...args, {
    value
  })
  await contract.waitForDeployment()
  return contract.getAddress()
}

/** Sends a transaction from the caller; the nonce is read here because ethers may cache its own count. */
async function sendFromCaller(to: string, data: string, value: bigint): Promise<TransactionReceipt> {
  const nonce = await fx.rpc.nonce(caller.address, 'pending')
  const receipt = await (await caller.sendTransaction({ to, data, value, nonce })).wait()
  if (receipt?.status !== 1) throw new Error('transaction reverted')
  return receipt
}

const disperseEther = (recipients: readonly string[], values: readonly bigint[]): string =>
  batchInterface.encodeFunctionData('disperseEther', [recipients, values])
const sum = (values: readonly bigint[]): bigint => values.reduce((a, b) => a + b, 0n)

/** The custom error a call to the batch contract reverts with, decoded from the node's revert data. */
async function revertOf(data: string, value: bigint): Promise<{ name: string; args: unknown[] }> {
  const failure = await fx.rpc.call({ from: caller.address, to: fx.dev.contracts.batch, data, value }).then(
    () => undefined,
    (e: unknown) => e
  )
  if (!(failure instanceof ChainError)) throw new Error('The call should have reverted')
  const revertData = (failure.details as { data?: unknown } | undefined)?.data
  const parsed = typeof revertData === 'string' ? batchInterface.parseError(revertData) : null
  if (!parsed) throw new Error(`The revert (${failure.message}) carries no BatchPayout error`)
  return { name: parsed.name, args: [...parsed.args] }
}

describe('disperseEther', () => {
  it('pays every recipient exactly, refunds the leftover to the caller and keeps nothing', async () => {
    const recipients = fx.recipients(5, 'exact')
    const values = recipients.map((_, i) => BigInt(i + 1) * FINNEY)
    const extra = 7n * FINNEY
    const before = await fx.rpc.balance(caller.address)
    const receipt = await sendFromCaller(fx.dev.contracts.batch, disperseEther(recipients, values), sum(values) + extra)
    expect(await fx.balances(fx.native, recipients)).toEqual(values)
    expect(await fx.rpc.balance(caller.address)).toBe(before - sum(values) - receipt.fee)
    expect(await fx.rpc.balance(fx.dev.contracts.batch)).toBe(0n)
  })

  it('reverts when the values add up to more than was sent, naming the first index past it', async () => {
    const recipients = fx.recipients(3, 'short')
    const values = [FINNEY, 2n * FINNEY, 3n * FINNEY]
    expect(await revertOf(disperseEther(recipients, values), sum(values) - 1n)).toEqual({
      name: 'InsufficientValue',
      args: [2n]
    })
    expect(await revertOf(disperseEther(recipients, values), 0n)).toEqual({ name: 'InsufficientValue', args: [0n] })
  })

  it('reverts when the values wrap around 2^256 to exactly what was sent', async () => {
    const recipients = fx.recipients(2, 'wrap')
    const values = [FINNEY, 2n ** 256n - 1n]
    // FINNEY + (2^256 - 1) wraps to FINNEY - 1: unchecked arithmetic would see the batch as covered.
    expect(await revertOf(disperseEther(recipients, values), FINNEY)).toEqual({ name: 'InsufficientValue', args: [1n] })
  })

  it('reverts the whole batch when a recipient rejects ETH, naming its index', async () => {
    const recipients = [...fx.recipients(4, 'rejected')]
    recipients.splice(2, 0, fx.dev.contracts.rejecter)
    const values = recipients.map(() => FINNEY)
    expect(await revertOf(disperseEther(recipients, values), sum(values))).toEqual({
      name: 'EtherTransferFailed',
      args: [2n]
    })
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
    await (await attackerContract.getFunction('setReentry')(data, swallow)).wait()
  }

  it('reverts the whole batch when the refused call back makes the payment fail, naming its index', async () => {
    await setReentry(disperseEther([], []), false)
    const recipients = [...fx.recipients(2, 'reenter-fail')]
    recipients.splice(1, 0, attacker)
    const values = recipients.map(() => FINNEY)
    // Extra value the batch holds while it pays the attacker: what a re-entry would be after.
    expect(await revertOf(disperseEther(recipients, values), sum(values) + ETHER)).toEqual({
      name: 'EtherTransferFailed',
      args: [1n]
    })
  })

  it.each([
    ['disperseEther', () => disperseEther([], [])],
    ['disperseToken', () => batchInterface.encodeFunctionData('disperseToken', [fx.dev.contracts.token, [], []])]
  ])('refuses a call back into %s with Reentered, paying only what the batch says', async (name, reentryCall) => {
    await setReentry(reentryCall(), true)
    const recipients = [...fx.recipients(2, `reenter-${name}`)]
    recipients.splice(1, 0, attacker)
    const values = recipients.map((_, i) => BigInt(i + 1) * FINNEY)
    const extra = ETHER
    const attackerBefore = await fx.rpc.balance(attacker)
    const before = await fx.rpc.balance(caller.address)
    const receipt = await sendFromCaller(fx.dev.contracts.batch, disperseEther(recipients, values), sum(values) + extra)
    expect(await attackerContract.getFunction('reentered')()).toBe(false)
    expect(await attackerContract.getFunction('reentryRevertData')()).toBe(REENTERED)
    expect(await fx.rpc.balance(attacker)).toBe(attackerBefore + (values[1] ?? 0n))
    expect(await fx.balances(fx.native, [recipients[0]!, recipients[2]!])).toEqual([values[0], values[2]])
    expect(await fx.rpc.balance(caller.address)).toBe(before - sum(values) - receipt.fee)
    expect(await fx.rpc.balance(fx.dev.contracts.batch)).toBe(0n)
  })
})

describe('ETH forced into the batch contract (selfdestruct)', () => {
  const forced = 3n * ETHER
  beforeAll(async () => {
    await deploy('EtherForcer', [fx.dev.contracts.batch], forced)
  })

  it('arrived without a call, so the contract holds a balance no caller sent', async () => {
    expect(await fx.rpc.balance(fx.dev.contracts.batch)).toBe(forced)
  })

  it('does not cover values that add up to more than the caller sent', async () => {
    const recipients = fx.recipients(3, 'forced-short')
    const values = recipients.map(() => FINNEY)
    expect(await revertOf(disperseEther(recipients, values), sum(values) - 1n)).toEqual({
      name: 'InsufficientValue',
      args: [2n]
    })
  })

  it('is neither refunded to the next caller nor spent: the caller gets back exactly its own leftover', async () => {
    const recipients = fx.recipients(3, 'forced-refund')
    const values = recipients.map((_, i) => BigInt(i + 1) * FINNEY)
    const extra = 5n * FINNEY
    const before = await fx.rpc.balance(caller.address)
    const receipt = await sendFromCaller(fx.dev.contracts.batch, disperseEther(recipients, values), sum(values) + extra)
    expect(await fx.balances(fx.native, recipients)).toEqual(values)
    expect(await fx.rpc.balance(caller.address)).toBe(before - sum(values) - receipt.fee)
    expect(await fx.rpc.balance(fx.dev.contracts.batch)).toBe(forced)
  })
})
