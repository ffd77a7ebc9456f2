// Runs in: benchmarks (plain Node). Compiles and deploys the baseline batch contracts
// (src/test/contracts/DisperseReference.sol and GasliteDropReference.sol) with the same compiler
// settings as the project's own contracts, so the gas figures compare contract code, not compiler
// options. Kept out of src/test/compile.ts on purpose: the app and its tests never use them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ContractFactory, type InterfaceAbi, type Signer } from 'ethers'
import solc from 'solc'
import { COMPILER_SETTINGS } from '../src/test/compile'
import { deployedAddress } from '../src/test/minedReceipt'

export const REFERENCE = { disperse: 'DisperseReference', gaslite: 'GasliteDropReference' } as const
export type ReferenceName = (typeof REFERENCE)[keyof typeof REFERENCE]

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[]
  contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>
}

export function compileReference(name: ReferenceName): { abi: InterfaceAbi; bytecode: string } {
  const source = join(__dirname, '..', 'src', 'test', 'contracts', `${name}.sol`)
  const input = {
    language: 'Solidity',
    sources: { [`${name}.sol`]: { content: readFileSync(source, 'utf8') } },
    settings: COMPILER_SETTINGS
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input)) as string) as SolcOutput
  const fatal = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (fatal.length > 0)
    throw new Error(`${name}.sol does not compile:\n${fatal.map((e) => e.formattedMessage).join('\n')}`)
  const c = output.contracts?.[`${name}.sol`]?.[name]
  if (!c) throw new Error(`Compiler output has no contract ${name}`)
  return { abi: c.abi as InterfaceAbi, bytecode: `0x${c.evm.bytecode.object}` }
}

/** Deploys a reference contract from `deployer`; resolves with its address once mined. */
export async function deployReference(deployer: Signer, name: ReferenceName): Promise<string> {
  const { abi, bytecode } = compileReference(name)
  const contract = await new ContractFactory(abi, bytecode, deployer).deploy()
  return deployedAddress(deployer.provider!, contract)
}
