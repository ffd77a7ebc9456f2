// Runs in: tests (plain Node, Vitest). The batch contract is used only when its on-chain code is the one expected for its address.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Interface, keccak256, type InterfaceAbi } from 'ethers'
import { describe, expect, it } from 'vitest'
import { artifactOf, compileContracts } from '../../test/compile'
import {
  BATCH_CALLS,
  DISPERSE_ABI,
  PACKED_BATCH_ABI,
  batchInterface,
  DISPERSE_CREATEX_ADDRESS,
  DISPERSE_PLAIN_ADDRESS,
  PROJECT_BATCH_CODE,
  codeMatches,
  expectedBatchCode,
  type CodeExpectation
} from './batchContract'

const hexBytes = (n: number, fill: string): string => fill.repeat(n)

describe('the prefix rule for the plain Disperse deployment', () => {
  // A synthetic 1,780-byte runtime: 1,737 bytes of code, then swarm metadata that varies per deployment.
  const body = hexBytes(1737, 'ab')
  const expectation: CodeExpectation = {
    kind: 'prefix',
    length: 1780,
    prefixLength: 1737,
    prefixHash: keccak256(`0x${body}`),
    calls: BATCH_CALLS.disperse
  }
  const withMetadata = (hash: string): string => `0x${body}a165627a7a72305820${hash}0029`

  it('accepts any metadata hash after the verified 1,737 bytes', () => {
    expect(codeMatches(withMetadata(hexBytes(32, '11')), expectation)).toBe(true)
    expect(codeMatches(withMetadata(hexBytes(32, '22')), expectation)).toBe(true)
  })

  it('rejects a change in the code before the metadata', () => {
    expect(codeMatches(`0x00${withMetadata(hexBytes(32, '11')).slice(4)}`, expectation)).toBe(false)
  })

  it('rejects a different length or a missing metadata marker', () => {
    expect(codeMatches(`${withMetadata(hexBytes(32, '11'))}00`, expectation)).toBe(false)
    expect(codeMatches(`0x${body}${hexBytes(43, 'cd')}`, expectation)).toBe(false)
  })

  it('rejects an empty account', () => {
    expect(codeMatches('0x', expectation)).toBe(false)
  })
})

describe('expectations per address', () => {
  it('knows the public Disperse deployments, which take only the Disperse calls, and refuses unknown addresses on public networks', () => {
    expect(expectedBatchCode(DISPERSE_PLAIN_ADDRESS, false)).toMatchObject({ kind: 'prefix', calls: 'disperse' })
    expect(expectedBatchCode(DISPERSE_CREATEX_ADDRESS.toLowerCase(), false)).toMatchObject({
      kind: 'exact',
      calls: 'disperse'
    })
    expect(expectedBatchCode('0x000000000000000000000000000000000000dEaD', false)).toBeUndefined()
  })

  it('expects the project contract on development networks, with the hash of a fresh compilation', () => {
    expect(expectedBatchCode('0x000000000000000000000000000000000000dEaD', true)).toBe(PROJECT_BATCH_CODE)
    expect(codeMatches(compileContracts().BatchPayout.deployedBytecode, PROJECT_BATCH_CODE)).toBe(true)
  })

  it('knows the project contract takes the packed calls, with the ABI the app encodes them by', () => {
    expect(PROJECT_BATCH_CODE.calls).toBe(BATCH_CALLS.packed)
    const compiled = new Interface(compileContracts().BatchPayout.abi as InterfaceAbi)
    for (const fn of [...DISPERSE_ABI, ...PACKED_BATCH_ABI]) {
      const ours = batchInterface.getFunction(fn.replace(/^function /, '').split('(')[0]!)!
      expect(compiled.getFunction(ours.selector)?.format('sighash')).toBe(ours.format('sighash'))
    }
  })

  it('ships artifacts in resources/contracts identical to a fresh compilation of the sources', () => {
    for (const name of ['BatchPayout', 'TestToken', 'EtherRejecter'] as const) {
      const shipped = readFileSync(join(__dirname, '..', '..', '..', 'resources', 'contracts', `${name}.json`), 'utf8')
      // Compared as data: the shipped file is laid out by the project's formatter.
      expect(JSON.parse(shipped)).toEqual(JSON.parse(artifactOf(name)))
    }
  })
})
