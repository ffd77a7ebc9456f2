// Runs in: tests (plain Node, Vitest). Verifying a Safe on a real anvil node with Safe 1.4.1
// deployed from @safe-global/safe-contracts: what is read, what is flagged, what is refused.
import { ContractFactory, Interface, Wallet, keccak256 } from 'ethers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startChainFixture, type ChainFixture } from '../../test/chainFixture'
import { deploySafeContracts, safeArtifact, type SafeDeployer } from '../../test/deploySafe'
import { knownMultiSendCallOnly, knownSingletons } from './deployments'
import { SAFE_ERROR } from './errors'
import { safeTxOf } from './safeTx'
import { SAFE_FLAG, SAFE_PROXY_CODE_HASHES, readSafe } from './verify'

let fx: ChainFixture
let safes: SafeDeployer
const owners = [0, 1, 2].map((i) => new Wallet(keccak256(Buffer.from(`verify-owner-${i}`))))
const dev = () => ({ chainId: fx.node.chainId, development: true })

/** The address of a contract once its deployment is mined, so what is read next sees its code. */
async function deployed(deploying: ReturnType<ContractFactory['deploy']>): Promise<string> {
  return (await (await deploying).waitForDeployment()).getAddress()
}

beforeAll(async () => {
  fx = await startChainFixture()
  safes = await deploySafeContracts(fx.dev.deployer, fx.node.chainId)
})
afterAll(async () => {
  await fx?.stop()
})

describe('the Safe contracts Treasury knows', () => {
  it('the npm build artifacts deployed on development networks are byte for byte the published deployments', () => {
    const codeHash = (name: Parameters<typeof safeArtifact>[0]) => keccak256(safeArtifact(name).deployedBytecode)
    const published = knownSingletons({ chainId: 1n, development: false })
    expect(published.find((k) => k.contractName === 'Safe' && k.version === '1.4.1')?.codeHash).toBe(codeHash('Safe'))
    expect(published.find((k) => k.contractName === 'SafeL2')?.codeHash).toBe(codeHash('SafeL2'))
    expect(knownMultiSendCallOnly({ chainId: 1n, development: false }).map((k) => k.codeHash)).toContain(
      codeHash('MultiSendCallOnly')
    )
    expect(SAFE_PROXY_CODE_HASHES['1.4.1']).toBe(codeHash('SafeProxy'))
  })

  it('on a listed network only the listed addresses count: Safe 1.3.0 and 1.4.1, L1 and L2', () => {
    const mainnet = knownSingletons({ chainId: 1n, development: false })
    expect(new Set(mainnet.map((k) => `${k.contractName} ${k.version}`))).toEqual(
      new Set(['GnosisSafe 1.3.0', 'GnosisSafeL2 1.3.0', 'Safe 1.4.1', 'SafeL2 1.4.1'])
    )
    expect(mainnet.find((k) => k.contractName === 'Safe')?.address).toBe('0x41675C099F32341bf84BFc5382aF534df5C7461a')
  })
})

describe('reading a Safe', () => {
  it('reads owners, threshold, nonce, version and handler of a 2-of-3 Safe, with nothing flagged', async () => {
    const address = await safes.createSafe(
      owners.map((o) => o.address),
      2
    )
    const info = await readSafe(fx.rpc, address, dev())
    expect(info).toMatchObject({
      address,
      version: '1.4.1',
      owners: owners.map((o) => o.address),
      threshold: 2,
      nonce: 0n,
      modules: [],
      guard: undefined,
      fallbackHandler: safes.contracts.fallbackHandler,
      flags: []
    })
    expect(info.singleton).toMatchObject({ contractName: 'Safe', l2: false, address: safes.contracts.singleton })
  })

  it('recognises the L2 singleton', async () => {
    const address = await safes.createSafe([owners[0]!.address], 1, { l2: true })
    expect((await readSafe(fx.rpc, address, dev())).singleton).toMatchObject({ contractName: 'SafeL2', l2: true })
  })

  it('flags an enabled module and a guard, naming each', async () => {
    const key = owners[0]!.privateKey
    const address = await safes.createSafe([owners[0]!.address], 1)
    const moduleAddress = '0x000000000000000000000000000000000000dEaD'
    const self = new Interface(['function enableModule(address module)', 'function setGuard(address guard)'])
    await safes.execWithKeys(
      address,
      safeTxOf({ to: address, value: 0n, data: self.encodeFunctionData('enableModule', [moduleAddress]) }, 0n),
      [key]
    )
    const guardArtifact = safeArtifact('DebugTransactionGuard')
    const guard = await deployed(
      new ContractFactory(guardArtifact.abi, guardArtifact.bytecode, fx.dev.deployer).deploy()
    )
    await safes.execWithKeys(
      address,
      safeTxOf({ to: address, value: 0n, data: self.encodeFunctionData('setGuard', [guard]) }, 0n),
      [key]
    )
    const info = await readSafe(fx.rpc, address, dev())
    expect(info.nonce).toBe(2n)
    expect(info.modules).toEqual([moduleAddress])
    expect(info.guard?.toLowerCase()).toBe(guard.toLowerCase())
    expect(info.flags.map((f) => [f.kind, f.address.toLowerCase()])).toEqual([
      [SAFE_FLAG.module, moduleAddress.toLowerCase()],
      [SAFE_FLAG.guard, guard.toLowerCase()]
    ])
    expect(info.flags[0]?.reason).toMatch(/without the owners' signatures/)
  })
})

describe('refusing what is not a verified Safe', () => {
  it('an account with no code', async () => {
    await expect(readSafe(fx.rpc, owners[0]!.address, dev())).rejects.toMatchObject({
      code: SAFE_ERROR.notSafe,
      message: expect.stringMatching(/no contract/)
    })
  })

  it('a contract that is not a Safe proxy', async () => {
    await expect(readSafe(fx.rpc, fx.dev.contracts.batch, dev())).rejects.toMatchObject({
      code: SAFE_ERROR.notSafe,
      message: expect.stringMatching(/not a Safe proxy/)
    })
  })

  it('a Safe proxy whose singleton is not a Safe deployment', async () => {
    const proxy = safeArtifact('SafeProxy')
    const fake = await deployed(
      new ContractFactory(proxy.abi, proxy.bytecode, fx.dev.deployer).deploy(fx.dev.contracts.token)
    )
    await expect(readSafe(fx.rpc, fake, dev())).rejects.toMatchObject({
      code: SAFE_ERROR.notSafe,
      message: expect.stringMatching(/not a Safe 1.3.0 or 1.4.1 deployment/)
    })
  })

  it('on a listed network, a singleton at an address the deployments do not list for it', async () => {
    const address = await safes.createSafe([owners[0]!.address], 1)
    await expect(readSafe(fx.rpc, address, { chainId: 1n, development: false })).rejects.toMatchObject({
      code: SAFE_ERROR.notSafe
    })
  })

  it('the canonical address on a development chain counts only with the canonical code', async () => {
    const canonical = '0x41675C099F32341bf84BFc5382aF534df5C7461a'
    const proxy = safeArtifact('SafeProxy')
    const deployProxy = () =>
      deployed(new ContractFactory(proxy.abi, proxy.bytecode, fx.dev.deployer).deploy(canonical))
    await fx.send('anvil_setCode', [canonical, safeArtifact('MultiSendCallOnly').deployedBytecode])
    await expect(readSafe(fx.rpc, await deployProxy(), dev())).rejects.toMatchObject({ code: SAFE_ERROR.notSafe })
    await fx.send('anvil_setCode', [canonical, safeArtifact('Safe').deployedBytecode])
    const address = await safes.createSafe([owners[0]!.address], 1, { singleton: canonical })
    expect((await readSafe(fx.rpc, address, dev())).singleton.address).toBe(canonical)
  })
})
