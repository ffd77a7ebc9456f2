// Runs in: main (plain Node). The Safe deployments Treasury trusts, from @safe-global/safe-deployments:
// the singletons of Safe 1.3.0 and 1.4.1 (L1 and L2) and MultiSendCallOnly, each by address per
// network and by runtime code hash. On a network the package lists, a contract is known only at
// an address listed for that network with that address's code hash. On a development network
// (a local node the package cannot list) the code hash alone identifies it: these contracts have
// no immutables, so the same compiler output has the same runtime code at any address, and the
// npm build artifacts a development network is deployed from hash to the canonical code hashes
// (a test keeps that true).
import {
  getMultiSendCallOnlyDeployments,
  getSafeL2SingletonDeployments,
  getSafeSingletonDeployments,
  type SingletonDeploymentV2
} from '@safe-global/safe-deployments'
import { getAddress } from 'ethers'

export const SUPPORTED_SAFE_VERSIONS = ['1.3.0', '1.4.1'] as const
export type SafeVersion = (typeof SUPPORTED_SAFE_VERSIONS)[number]

export interface KnownContract {
  readonly contractName: string
  readonly version: SafeVersion
  readonly address: string
  readonly codeHash: string
  /** SafeL2 / GnosisSafeL2: emits an event for every Safe transaction. */
  readonly l2: boolean
}

export interface NetworkScope {
  readonly chainId: bigint
  /** A local development node (the catalogue's flag): contracts are recognised by code hash alone. */
  readonly development: boolean
}

type Lookup = (filter: { version: string; network?: string }) => SingletonDeploymentV2 | undefined

function entries(lookup: Lookup, l2: boolean, scope: NetworkScope): KnownContract[] {
  const out: KnownContract[] = []
  for (const version of SUPPORTED_SAFE_VERSIONS) {
    const deployment = lookup(scope.development ? { version } : { version, network: scope.chainId.toString() })
    if (!deployment) continue
    const byAddress = Object.values(deployment.deployments).filter(
      (d): d is { address: string; codeHash: string } => d !== undefined
    )
    const listed = scope.development ? undefined : deployment.networkAddresses[scope.chainId.toString()]
    const addresses = listed === undefined ? undefined : new Set([listed].flat().map((a) => getAddress(a)))
    for (const d of byAddress) {
      if (addresses && !addresses.has(getAddress(d.address))) continue
      out.push({
        contractName: deployment.contractName,
        version,
        address: getAddress(d.address),
        codeHash: d.codeHash.toLowerCase(),
        l2
      })
    }
  }
  return out
}

/** Safe singletons (L1 and L2) known on this network. */
export function knownSingletons(scope: NetworkScope): readonly KnownContract[] {
  return [...entries(getSafeSingletonDeployments, false, scope), ...entries(getSafeL2SingletonDeployments, true, scope)]
}

/** MultiSendCallOnly deployments known on this network. */
export function knownMultiSendCallOnly(scope: NetworkScope): readonly KnownContract[] {
  return entries(getMultiSendCallOnlyDeployments, false, scope)
}

/**
 * The known contract at `address` with runtime code hashing to `codeHash`, or undefined. On a
 * development network any address qualifies; elsewhere only the listed ones.
 */
export function matchKnown(
  known: readonly KnownContract[],
  address: string,
  codeHash: string,
  scope: NetworkScope
): KnownContract | undefined {
  const a = getAddress(address)
  const hash = codeHash.toLowerCase()
  const found = known.find((k) => k.codeHash === hash && (scope.development || k.address === a))
  return found && scope.development ? { ...found, address: a } : found
}
