// Runs in: tests (plain Node, Vitest). The SafeTx hash Treasury computes is the Safe's own: checked
// against ethers' EIP-712 encoder and against getTransactionHash on a real Safe 1.4.1. A Safe that
// lies about its hash cannot be deployed (the code hash is verified), so the refusal is shown on
// the comparison itself with a forged value.
import { TypedDataEncoder, Wallet, id, keccak256 } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChainFixture, type ChainFixture } from '../../test/chainFixture'
import { deploySafeContracts } from '../../test/deploySafe'
import { OPERATION } from './abi'
import { SAFE_ERROR } from './errors'
import {
  DOMAIN_TYPEHASH,
  SAFE_TX_TYPEHASH,
  SAFE_TX_TYPES,
  assertSameSafeTxHash,
  confirmedSafeTxHash,
  onChainSafeTxHash,
  safeTxHash,
  safeTxOf,
  safeTxTypedData,
  type SafeTx
} from './safeTx'

let fx: ChainFixture
let safe: string

beforeAll(async () => {
  fx = await startChainFixture()
  const deployer = await deploySafeContracts(fx.dev.deployer, fx.node.chainId)
  safe = await deployer.createSafe([new Wallet(id('safe-tx-owner')).address], 1)
})
afterAll(async () => {
  await fx?.stop()
})

const samples: SafeTx[] = [
  safeTxOf({ to: '0x000000000000000000000000000000000000dEaD', value: 10n ** 18n, data: '0x' }, 0n),
  safeTxOf({ to: '0x000000000000000000000000000000000000bEEF', value: 0n, data: '0xa9059cbb' + 'ab'.repeat(64) }, 7n),
  {
    ...safeTxOf({ to: '0x9641d764fc13c8B624c04430C7356C1C7C8102e2', value: 0n, data: '0x8d80ff0a' }, 2n ** 64n),
    operation: OPERATION.delegateCall
  },
  {
    ...safeTxOf({ to: '0x000000000000000000000000000000000000dEaD', value: 1n, data: '0x00' }, 3n),
    safeTxGas: 5n,
    baseGas: 6n,
    gasPrice: 7n
  }
]

describe('the SafeTx EIP-712 hash', () => {
  it('uses the type hashes of the Safe 1.3.0+ domain and SafeTx struct', () => {
    expect(DOMAIN_TYPEHASH).toBe(id('EIP712Domain(uint256 chainId,address verifyingContract)'))
    expect(SAFE_TX_TYPEHASH).toBe(
      id(
        'SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 baseGas,uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)'
      )
    )
  })

  it('equals the generic EIP-712 encoding of the same typed data', () => {
    for (const tx of samples) {
      const typed = safeTxTypedData(31337n, safe, tx)
      const { EIP712Domain: _domain, ...types } = SAFE_TX_TYPES
      const viaEthers = TypedDataEncoder.hash(typed.domain, { SafeTx: [...types.SafeTx] }, typed.message)
      expect(safeTxHash(31337n, safe, tx)).toBe(viaEthers)
    }
  })

  it('equals the Safe getTransactionHash on chain for every sample', async () => {
    for (const tx of samples) {
      expect(await onChainSafeTxHash(fx.rpc, safe, tx)).toBe(safeTxHash(fx.node.chainId, safe, tx))
      expect(await confirmedSafeTxHash(fx.rpc, fx.node.chainId, safe, tx)).toBe(safeTxHash(fx.node.chainId, safe, tx))
    }
  })

  it('differs with the chain, the Safe and the nonce', () => {
    const tx = samples[0]!
    const base = safeTxHash(1n, safe, tx)
    expect(safeTxHash(5n, safe, tx)).not.toBe(base)
    expect(safeTxHash(1n, '0x000000000000000000000000000000000000dEaD', tx)).not.toBe(base)
    expect(safeTxHash(1n, safe, { ...tx, nonce: 1n })).not.toBe(base)
  })
})

describe('comparing with the Safe before signing', () => {
  it('refuses when the Safe reports another hash (a forged value: a verified Safe cannot lie)', () => {
    const ours = safeTxHash(1n, safe, samples[0]!)
    const forged = keccak256(ours)
    expect(() => assertSameSafeTxHash(ours, forged)).toThrow(
      expect.objectContaining({ code: SAFE_ERROR.hashMismatch, details: { computed: ours, onChain: forged } })
    )
    expect(() => assertSameSafeTxHash(ours, ours.toUpperCase().replace('0X', '0x'))).not.toThrow()
  })

  it('refuses a hash computed for another chain than the one the Safe is on', async () => {
    await expect(confirmedSafeTxHash(fx.rpc, fx.node.chainId + 1n, safe, samples[0]!)).rejects.toMatchObject({
      code: SAFE_ERROR.hashMismatch
    })
  })
})
