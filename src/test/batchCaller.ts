// Runs in: tests (plain Node). One anvil account calling the project's batch contract on a fixture
// chain: it deploys helper contracts, sends transactions, and decodes the error a call reverts with
// (the contract's own errors, and the Error(string) and Panic(uint256) every Solidity revert uses).
import { ContractFactory, Interface, Wallet, type InterfaceAbi, type TransactionReceipt } from 'ethers'
import { ChainError } from '../main/chain/errors'
import type { ChainFixture } from './chainFixture'
import { compileContracts, type ContractName } from './compile'

import { deployedAddress, minedReceipt } from './minedReceipt'

export const batchPayoutInterface = new Interface(compileContracts().BatchPayout.abi as InterfaceAbi)

export interface Revert {
  readonly name: string
  readonly args: unknown[]
}

/** A revert without data, as Solidity's own checks (a payment to a function that is not payable) give. */
export const EMPTY_REVERT: Revert = { name: '', args: [] }

export interface BatchCaller {
  readonly wallet: Wallet
  deploy(name: ContractName, args: unknown[], value?: bigint): Promise<string>
  /** Sends from this account and waits for a successful receipt. */
  send(to: string, data: string, value: bigint): Promise<TransactionReceipt>
  /** The error a call to the batch contract (or `to`) reverts with; throws if it does not revert. */
  revertOf(data: string, value: bigint, to?: string): Promise<Revert>
}

export function batchCaller(fx: ChainFixture, account: number): BatchCaller {
  const wallet = new Wallet(fx.node.accounts[account]!.privateKey, fx.dev.provider)
  return {
    wallet,
    async deploy(name, args, value = 0n) {
      const c = compileContracts()[name]
      const factory = new ContractFactory(c.abi as InterfaceAbi, c.bytecode, fx.dev.deployer)
      const contract = await factory.deploy(...args, { value })
      return deployedAddress(fx.dev.provider, contract)
    },
    async send(to, data, value) {
      // The nonce is read here because ethers may cache its own count.
      const nonce = await fx.rpc.nonce(wallet.address, 'pending')
      const sent = await wallet.sendTransaction({ to, data, value, nonce })
      const receipt = await minedReceipt(fx.dev.provider, sent.hash)
      if (receipt.status !== 1) throw new Error('transaction reverted')
      return receipt
    },
    async revertOf(data, value, to = fx.dev.contracts.batch) {
      const failure = await fx.rpc.call({ from: wallet.address, to, data, value }).then(
        () => undefined,
        (e: unknown) => e
      )
      if (!(failure instanceof ChainError)) throw new Error('The call should have reverted')
      const revertData = (failure.details as { data?: unknown } | undefined)?.data
      if (revertData === '0x') return EMPTY_REVERT
      const parsed = typeof revertData === 'string' ? batchPayoutInterface.parseError(revertData) : null
      if (!parsed) throw new Error(`The revert (${failure.message}) carries no error the batch contract can raise`)
      return { name: parsed.name, args: [...parsed.args] }
    }
  }
}
