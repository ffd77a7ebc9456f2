// Runs in: main (plain Node). The batch-transfer contract the batch plan pays through: its ABI (the
// Disperse ABI, and the packed calls of the project's own contract), the code each known deployment
// must have and the calls it takes, and the on-chain check that runs before any plan uses an
// address. A contract we cannot verify is never used.
import { Interface, getAddress, keccak256 } from 'ethers'
import { CHAIN_ERROR, ChainError } from './errors'
import type { EthRpc } from './ethRpc'

/** What every batch contract takes, Disperse's deployments included. */
export const DISPERSE_ABI = [
  'function disperseEther(address[] recipients, uint256[] values) payable',
  'function disperseToken(address token, address[] recipients, uint256[] values)'
] as const
/** Only the project's BatchPayout: each payment one word, amount << 160 | recipient (see batchCalls.ts). */
export const PACKED_BATCH_ABI = [
  'function disperseEtherPacked(uint256[] payments) payable',
  'function disperseTokenPacked(address token, uint256[] payments)'
] as const
export const batchInterface = new Interface([...DISPERSE_ABI, ...PACKED_BATCH_ABI])

/** Which calls a verified batch contract takes. */
export const BATCH_CALLS = {
  /** The Disperse calls only. */
  disperse: 'disperse',
  /** The Disperse calls and the packed ones. */
  packed: 'packed'
} as const
export type BatchCalls = (typeof BATCH_CALLS)[keyof typeof BATCH_CALLS]

export const ERC20_ABI = [
  'function transfer(address to, uint256 value) returns (bool)',
  'function approve(address spender, uint256 value) returns (bool)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function balanceOf(address owner) view returns (uint256)',
  'event Transfer(address indexed from, address indexed to, uint256 value)'
] as const
export const erc20Interface = new Interface(ERC20_ABI)

/** How a deployment's runtime code is recognised, and which calls that code takes. */
export type CodeExpectation =
  /** keccak256 of the whole runtime code. */
  | { readonly kind: 'exact'; readonly codeHash: string; readonly calls: BatchCalls }
  /**
   * Solidity 0.4 code ending in swarm metadata (`a165627a7a72305820` + 32 bytes + `0029`), which
   * differs between otherwise identical deployments: the length is fixed and the code before the
   * metadata must hash to `prefixHash`.
   */
  | {
      readonly kind: 'prefix'
      readonly length: number
      readonly prefixLength: number
      readonly prefixHash: string
      readonly calls: BatchCalls
    }

/** The plain Disperse deployment (same address on Ethereum, Sepolia, Polygon, Arbitrum One, OP, Base, BSC). */
export const DISPERSE_PLAIN_ADDRESS = '0xD152f549545093347A162Dce210e7293f1452150'
export const DISPERSE_PLAIN_CODE: CodeExpectation = {
  kind: 'prefix',
  length: 1780,
  prefixLength: 1737,
  prefixHash: '0xab5361a2ceb73b9f4ae4dc31c9079082571483cbd6115cc3010aa93963634d6b',
  calls: BATCH_CALLS.disperse
}
/** The deterministic Disperse deployment through CreateX (seen on Ethereum and Base). */
export const DISPERSE_CREATEX_ADDRESS = '0xd15fE25eD0Dba12fE05e7029C88b10C25e8880E3'
export const DISPERSE_CREATEX_CODE: CodeExpectation = {
  kind: 'exact',
  codeHash: '0xc0a38c227d2c70248fc51ed0dd3a72df3adf5b41494c7f3cc19c16c38523244d',
  calls: BATCH_CALLS.disperse
}
/**
 * The project's own BatchPayout (src/test/contracts/BatchPayout.sol, solc 0.8.37, optimizer 200
 * runs, EVM cancun), deployed on development networks; resources/contracts/BatchPayout.json is
 * the artifact and a test keeps this hash equal to a fresh compilation.
 */
export const PROJECT_BATCH_CODE: CodeExpectation = {
  kind: 'exact',
  codeHash: '0x336d5254c7dc95f1ecc19b32c38e419d70232146768fe5a6f527591a8826ccc8',
  calls: BATCH_CALLS.packed
}

const SWARM_PREFIX = 'a165627a7a72305820'
const SWARM_SUFFIX = '0029'

/** The expectation for a catalogue address on a network; development networks run the project's contract. */
export function expectedBatchCode(address: string, development: boolean): CodeExpectation | undefined {
  if (development) return PROJECT_BATCH_CODE
  const a = getAddress(address)
  if (a === DISPERSE_PLAIN_ADDRESS) return DISPERSE_PLAIN_CODE
  if (a === DISPERSE_CREATEX_ADDRESS) return DISPERSE_CREATEX_CODE
  return undefined
}

/** Pure check of runtime code (0x-hex) against an expectation. */
export function codeMatches(code: string, expectation: CodeExpectation): boolean {
  const hex = code.toLowerCase().replace(/^0x/, '')
  if (hex.length === 0) return false
  switch (expectation.kind) {
    case 'exact':
      return keccak256(`0x${hex}`) === expectation.codeHash.toLowerCase()
    case 'prefix': {
      if (hex.length !== expectation.length * 2) return false
      const metadata = hex.slice(expectation.prefixLength * 2)
      if (!metadata.startsWith(SWARM_PREFIX) || !metadata.endsWith(SWARM_SUFFIX)) return false
      if (metadata.length !== SWARM_PREFIX.length + 64 + SWARM_SUFFIX.length) return false
      return keccak256(`0x${hex.slice(0, expectation.prefixLength * 2)}`) === expectation.prefixHash.toLowerCase()
    }
  }
}

/**
 * Reads the code at `address` and throws CONTRACT_NOT_VERIFIED unless it is the expected contract;
 * resolves with the expectation it met.
 */
export async function verifyBatchContract(
  rpc: EthRpc,
  address: string,
  expectation: CodeExpectation | undefined
): Promise<CodeExpectation> {
  if (!expectation) {
    throw new ChainError(
      CHAIN_ERROR.contractNotVerified,
      `The batch contract ${address} is not one Treasury knows how to verify, so it will not be used.`
    )
  }
  const code = await rpc.code(address)
  if (code === '0x' || code === '0x0') {
    throw new ChainError(
      CHAIN_ERROR.contractNotVerified,
      `There is no contract at the batch contract address ${address} on this network.`
    )
  }
  if (!codeMatches(code, expectation)) {
    throw new ChainError(
      CHAIN_ERROR.contractNotVerified,
      `The contract at ${address} is not the expected batch contract (its code differs). Payouts will not go through it.`
    )
  }
  return expectation
}
