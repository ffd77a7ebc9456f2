// Runs in: main (plain Node). Reads a Safe from the chain and decides whether Treasury pays from
// it. The proxy's own code must be a known SafeProxy and its singleton (storage slot 0, since
// `masterCopy()` is not part of the interface) a known Safe 1.3.0 or 1.4.1 deployment, by address
// and runtime code hash (deployments.ts says how development networks are matched). Owners,
// threshold, nonce, modules, guard and fallback handler are read and returned; a module or a guard
// is reported as a flag, because either can move funds or block payments regardless of the owners.
import { ZeroAddress, getAddress, keccak256 } from 'ethers'
import type { BlockTag, EthRpc } from '../chain/ethRpc'
import { FALLBACK_HANDLER_SLOT, GUARD_SLOT, SENTINEL, SINGLETON_SLOT, safeInterface } from './abi'
import {
  knownMultiSendCallOnly,
  knownSingletons,
  matchKnown,
  type KnownContract,
  type NetworkScope,
  type SafeVersion
} from './deployments'
import { SAFE_ERROR, safeFailure } from './errors'

/**
 * Runtime code of the proxies the canonical factories create (no immutables: the singleton lives
 * in slot 0, so one hash per version). 1.4.1: SafeProxy from @safe-global/safe-contracts 1.4.1
 * (a test keeps it equal to the artifact); 1.3.0: GnosisSafeProxy from @gnosis.pm/safe-contracts
 * 1.3.0's build artifact (computed).
 */
export const SAFE_PROXY_CODE_HASHES: Readonly<Record<SafeVersion, string>> = {
  '1.3.0': '0xb89c1b3bdf2cf8827818646bce9a8f6e372885f8c55e5c07acbd307cb133b000',
  '1.4.1': '0xd7d408ebcd99b2b70be43e20253d6d92a8ea8fab29bd3be7f55b10032331fb4c'
}

/** Modules are listed a page at a time; more than this many is itself a reason to look closer. */
const MODULE_PAGE = 50n

export const SAFE_FLAG = { module: 'module', guard: 'guard' } as const
export type SafeFlagKind = (typeof SAFE_FLAG)[keyof typeof SAFE_FLAG]
export interface SafeFlag {
  readonly kind: SafeFlagKind
  readonly address: string
  readonly reason: string
}

export interface SafeInfo {
  readonly address: string
  readonly chainId: bigint
  readonly version: SafeVersion
  readonly singleton: KnownContract
  readonly owners: readonly string[]
  readonly threshold: number
  readonly nonce: bigint
  readonly modules: readonly string[]
  /** More modules than one page: the list above is incomplete and the Safe is flagged anyway. */
  readonly moreModules: boolean
  readonly guard: string | undefined
  readonly fallbackHandler: string | undefined
  readonly flags: readonly SafeFlag[]
  /** The block the state was read at, so a later search for executions can start there. */
  readonly readAtBlock: bigint
}

function wordToAddress(word: string): string | undefined {
  const hex = word.replace(/^0x/, '').padStart(64, '0')
  if (!/^0{24}/.test(hex)) return undefined
  return getAddress('0x' + hex.slice(24))
}

async function callSafe(rpc: EthRpc, safe: string, fn: string, args: readonly unknown[], block: BlockTag) {
  const data = safeInterface.encodeFunctionData(fn, args)
  return safeInterface.decodeFunctionResult(fn, await rpc.call({ to: safe, data }, block))
}

/** Reads and verifies the Safe at `address`; throws `safe_not_verified` with the reason otherwise. */
export async function readSafe(rpc: EthRpc, address: string, scope: NetworkScope): Promise<SafeInfo> {
  const safe = getAddress(address)
  const block = await rpc.blockNumber()
  const proxyCode = await rpc.code(safe, block)
  if (proxyCode === '0x')
    throw safeFailure(SAFE_ERROR.notSafe, `There is no contract at ${safe} on this network, so it is not a Safe.`)
  const proxyHash = keccak256(proxyCode)
  const proxyVersion = (Object.keys(SAFE_PROXY_CODE_HASHES) as SafeVersion[]).find(
    (v) => SAFE_PROXY_CODE_HASHES[v] === proxyHash
  )
  if (!proxyVersion)
    throw safeFailure(
      SAFE_ERROR.notSafe,
      `The contract at ${safe} is not a Safe proxy Treasury recognises (its code differs from the Safe 1.3.0 and 1.4.1 proxies). Treasury will not pay from it.`,
      { proxyCodeHash: proxyHash }
    )
  const singletonAddress = wordToAddress(await rpc.storageAt(safe, SINGLETON_SLOT, block))
  if (!singletonAddress || singletonAddress === ZeroAddress)
    throw safeFailure(SAFE_ERROR.notSafe, `The Safe proxy at ${safe} points to no singleton.`)
  const singletonCode = await rpc.code(singletonAddress, block)
  const singletonHash = keccak256(singletonCode)
  const singleton = matchKnown(knownSingletons(scope), singletonAddress, singletonHash, scope)
  if (!singleton) {
    const listedHere = knownSingletons(scope).some((k) => k.address === singletonAddress)
    throw safeFailure(
      SAFE_ERROR.notSafe,
      listedHere
        ? `The Safe at ${safe} uses the singleton ${singletonAddress}, whose code on this network is not the published Safe code. Treasury will not pay from it.`
        : `The Safe at ${safe} uses the singleton ${singletonAddress}, which is not a Safe 1.3.0 or 1.4.1 deployment for chain ${scope.chainId}. Treasury pays only from those versions.`,
      { singleton: singletonAddress, codeHash: singletonHash }
    )
  }

  const [[version], [owners], [threshold], [nonce], modulesPage, guardWord, handlerWord] = await Promise.all([
    callSafe(rpc, safe, 'VERSION', [], block),
    callSafe(rpc, safe, 'getOwners', [], block),
    callSafe(rpc, safe, 'getThreshold', [], block),
    callSafe(rpc, safe, 'nonce', [], block),
    callSafe(rpc, safe, 'getModulesPaginated', [SENTINEL, MODULE_PAGE], block),
    rpc.storageAt(safe, GUARD_SLOT, block),
    rpc.storageAt(safe, FALLBACK_HANDLER_SLOT, block)
  ])
  if (version !== singleton.version)
    throw safeFailure(
      SAFE_ERROR.notSafe,
      `The Safe at ${safe} reports version ${String(version)} but its singleton is version ${singleton.version}.`
    )
  const modules = (modulesPage[0] as string[]).map((m) => getAddress(m))
  const next = getAddress(modulesPage[1] as string)
  const moreModules = next !== SENTINEL && next !== ZeroAddress
  const guard = wordToAddress(guardWord)
  const fallback = wordToAddress(handlerWord)
  const flags: SafeFlag[] = [
    ...modules.map((m) => ({
      kind: SAFE_FLAG.module,
      address: m,
      reason: `Module ${m} is enabled: it can move this Safe's funds without the owners' signatures.`
    })),
    ...(guard && guard !== ZeroAddress
      ? [
          {
            kind: SAFE_FLAG.guard,
            address: guard,
            reason: `Guard ${guard} is set: it checks every Safe transaction and can block or alter how payments go through.`
          }
        ]
      : [])
  ]
  const ownerList = (owners as string[]).map((o) => getAddress(o))
  const t = Number(threshold as bigint)
  if (ownerList.length === 0 || t < 1 || t > ownerList.length)
    throw safeFailure(
      SAFE_ERROR.unsupported,
      `The Safe at ${safe} is not set up (threshold ${t} of ${ownerList.length} owners).`
    )
  return {
    address: safe,
    chainId: scope.chainId,
    version: singleton.version,
    singleton,
    owners: ownerList,
    threshold: t,
    nonce: nonce as bigint,
    modules,
    moreModules,
    guard: guard && guard !== ZeroAddress ? guard : undefined,
    fallbackHandler: fallback && fallback !== ZeroAddress ? fallback : undefined,
    flags: moreModules
      ? [...flags, { kind: SAFE_FLAG.module, address: next, reason: `More than ${MODULE_PAGE} modules are enabled.` }]
      : flags,
    readAtBlock: block
  }
}

/** Reads the code at `address` and refuses it unless it is a known MultiSendCallOnly deployment here. */
export async function verifyMultiSendCallOnly(rpc: EthRpc, address: string, scope: NetworkScope): Promise<string> {
  const code = await rpc.code(address)
  if (code === '0x')
    throw safeFailure(
      SAFE_ERROR.multiSendNotVerified,
      `MultiSendCallOnly is not deployed on chain ${scope.chainId} (there is no contract at ${getAddress(address)}).`
    )
  const known = matchKnown(knownMultiSendCallOnly(scope), address, keccak256(code), scope)
  if (!known)
    throw safeFailure(
      SAFE_ERROR.multiSendNotVerified,
      `The contract at ${getAddress(address)} is not the published MultiSendCallOnly for chain ${scope.chainId}, so no batch will be delegated to it.`
    )
  return known.address
}

/** The published MultiSendCallOnly for this network (the Safe's version first), or undefined off the list. */
export function defaultMultiSendCallOnly(scope: NetworkScope, version: SafeVersion): string | undefined {
  const known = knownMultiSendCallOnly(scope)
  return (known.find((k) => k.version === version) ?? known[0])?.address
}
