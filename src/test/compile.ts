// Runs in: tests and dev scripts (plain Node). Compiles the project's own Solidity sources in
// src/test/contracts with solc-js, once per process (the result is cached in memory).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import solc from 'solc'

export const CONTRACT_NAMES = [
  'BatchPayout',
  'TestToken',
  'EtherRejecter',
  'ReentrantRecipient',
  'EtherForcer',
  'QuirkyToken',
  'TestPriceFeed'
] as const
export type ContractName = (typeof CONTRACT_NAMES)[number]

export interface CompiledContract {
  readonly abi: readonly unknown[]
  /** 0x-prefixed creation code. */
  readonly bytecode: string
  /** 0x-prefixed runtime code as deployed (no immutables in BatchPayout, so it is exactly on chain). */
  readonly deployedBytecode: string
}

/** Fixed settings: the batch contract's code hash on the development network depends on them. */
export const COMPILER_SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } }
} as const

const CONTRACTS_DIR = join(__dirname, 'contracts')

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[]
  contracts?: Record<
    string,
    Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >
}

let cache: Record<ContractName, CompiledContract> | undefined

export function compileContracts(): Record<ContractName, CompiledContract> {
  if (cache) return cache
  const sources: Record<string, { content: string }> = {}
  for (const name of CONTRACT_NAMES) {
    sources[`${name}.sol`] = { content: readFileSync(join(CONTRACTS_DIR, `${name}.sol`), 'utf8') }
  }
  const input = { language: 'Solidity', sources, settings: COMPILER_SETTINGS }
  const output = JSON.parse(solc.compile(JSON.stringify(input)) as string) as SolcOutput
  const fatal = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (fatal.length > 0)
    throw new Error(`Solidity compilation failed:\n${fatal.map((e) => e.formattedMessage).join('\n')}`)
  const result = {} as Record<ContractName, CompiledContract>
  for (const name of CONTRACT_NAMES) {
    const c = output.contracts?.[`${name}.sol`]?.[name]
    if (!c) throw new Error(`Compiler output has no contract ${name}`)
    result[name] = {
      abi: c.abi,
      bytecode: `0x${c.evm.bytecode.object}`,
      deployedBytecode: `0x${c.evm.deployedBytecode.object}`
    }
  }
  cache = result
  return result
}

/** The artifact shipped in resources/contracts/<name>.json (for the demo and dev-network deployment). */
export function artifactOf(name: ContractName): string {
  const c = compileContracts()[name]
  const artifact = { contractName: name, compiler: solc.version(), settings: COMPILER_SETTINGS, ...c }
  return `${JSON.stringify(artifact, null, 2)}\n`
}
