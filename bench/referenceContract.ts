// Runs in: benchmarks (plain Node). Compiles and deploys the Disperse-style baseline contract
// (src/test/contracts/DisperseReference.sol) with the same compiler settings as the project's own
// contracts, so the ETH batch figure compares contract code, not compiler options. Kept out of
// src/test/compile.ts on purpose: the app and its tests never use this contract.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ContractFactory, type InterfaceAbi, type Signer } from 'ethers'
import solc from 'solc'
import { COMPILER_SETTINGS } from '../src/test/compile'

const NAME = 'DisperseReference'
const SOURCE = join(__dirname, '..', 'src', 'test', 'contracts', `${NAME}.sol`)

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[]
  contracts?: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>
}

export function compileReference(): { abi: InterfaceAbi; bytecode: string } {
  const input = {
    language: 'Solidity',
    sources: { [`${NAME}.sol`]: { content: readFileSync(SOURCE, 'utf8') } },
    settings: COMPILER_SETTINGS
  }
  const output = JSON.parse(solc.compile(JSON.stringify(input)) as string) as SolcOutput
  const fatal = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (fatal.length > 0)
    throw new Error(`${NAME}.sol does not compile:\n${fatal.map((e) => e.formattedMessage).join('\n')}`)
  const c = output.contracts?.[`${NAME}.sol`]?.[NAME]
  if (!c) throw new Error(`Compiler output has no contract ${NAME}`)
  return { abi: c.abi as InterfaceAbi, bytecode: `0x${c.evm.bytecode.object}` }
}

/** Deploys the reference contract from `deployer`; resolves with its address once mined. */
export async function deployReference(deployer: Signer): Promise<string> {
  const { abi, bytecode } = compileReference()
  const contract = await new ContractFactory(abi, bytecode, deployer).deploy()
  await contract.waitForDeployment()
  return contract.getAddress()
}
