// Runs in: tests and dev scripts (plain Node). Deploys the project's contracts on a local anvil
// node and funds accounts, using ethers directly with anvil's development keys.
import { Contract, ContractFactory, JsonRpcProvider, NonceManager, Wallet, type InterfaceAbi } from 'ethers'
import type { AnvilNode } from './anvil'
import { compileContracts, type ContractName } from './compile'

import { deployedAddress, minedReceipt } from './minedReceipt'

export interface DevContracts {
  readonly batch: string
  readonly token: string
  readonly rejecter: string
}

export interface DevChain {
  readonly provider: JsonRpcProvider
  /** anvil account 0: deploys contracts and owns the test token. */
  readonly deployer: NonceManager
  readonly contracts: DevContracts
  readonly token: Contract
  mintToken(to: string, amount: bigint): Promise<void>
  setBlocked(account: string, blocked: boolean): Promise<void>
  tokenBalance(account: string): Promise<bigint>
  close(): void
}

async function deploy(deployer: NonceManager, name: ContractName, args: unknown[] = []): Promise<string> {
  const c = compileContracts()[name]
  const factory = new ContractFactory(c.abi as InterfaceAbi, c.bytecode, deployer)
  const contract = await factory.deploy(...args)
  return deployedAddress(deployer.provider!, contract)
}

export async function deployDevChain(node: AnvilNode): Promise<DevChain> {
  const provider = new JsonRpcProvider(node.url, Number(node.chainId), { staticNetwork: true, pollingInterval: 50 })
  const account = node.accounts[0]
  if (!account) throw new Error('anvil has no accounts')
  const deployer = new NonceManager(new Wallet(account.privateKey, provider))
  const batch = await deploy(deployer, 'BatchPayout')
  const token = await deploy(deployer, 'TestToken', ['Test Dollar', 'TUSD'])
  const rejecter = await deploy(deployer, 'EtherRejecter')
  const tokenContract = new Contract(token, compileContracts().TestToken.abi as InterfaceAbi, deployer)
  const send = async (method: string, args: unknown[]): Promise<void> => {
    const fn = tokenContract.getFunction(method)
    const tx = await fn(...args)
    await minedReceipt(provider, (tx as { hash: string }).hash)
  }
  return {
    provider,
    deployer,
    contracts: { batch, token, rejecter },
    token: tokenContract,
    mintToken: (to, amount) => send('mint', [to, amount]),
    setBlocked: (acct, blocked) => send('setBlocked', [acct, blocked]),
    tokenBalance: async (acct) => (await tokenContract.getFunction('balanceOf')(acct)) as bigint,
    close: () => provider.destroy()
  }
}
