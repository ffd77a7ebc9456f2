// Runs in: main (plain Node). What every Safe service needs: the deps they share, the Safe read
// and verified on its network, the verified MultiSendCallOnly and batch contract there, how a
// Safe transaction's calldata is decoded back into rows, and the owners named by the roster.
import { getAddress } from 'ethers'
import type { EthRpc, PlanLimits } from '../chain'
import { expectedBatchCode } from '../chain'
import type { Catalogue, CatalogueNetwork } from '../domain/catalogue'
import type { LedgerService } from '../ledger/ledgerService'
import {
  SAFE_ERROR,
  defaultMultiSendCallOnly,
  readSafe,
  verifyMultiSendCallOnly,
  type DecodeContext,
  type NetworkScope,
  type SafeInfo,
  type SafeVersion
} from '../safe'
import { safeFailure } from '../safe/errors'
import { AppFailure } from '../../shared/errors'
import type { OpenedDatabase } from '../store/db'
import { getSafeAccountRow, type StoredSafeAccount } from '../store/safeAccountRepo'
import type { SafeOwnerView } from '../../shared/safe'
import { planAssetOf } from './execution/planning'

export interface SafeServiceDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly now: () => Date
  readonly rpcFor: (chainId: number) => EthRpc
  /** The team roster's name for a Ledger address. */
  readonly nameOf: (address: string) => string | null
  readonly ledger: () => Pick<LedgerService, 'signer' | 'signTypedData'>
  readonly planLimits?: PlanLimits
}

export const scopeOf = (network: CatalogueNetwork): NetworkScope => ({
  chainId: BigInt(network.chainId),
  development: network.development
})

export const ownerViews = (owners: readonly string[], nameOf: (a: string) => string | null): SafeOwnerView[] =>
  owners.map((address) => ({ address, name: nameOf(address) }))

/** The stored Safe account, or the one refusal naming it. */
export function requireSafeAccount(deps: SafeServiceDeps, safeId: string): StoredSafeAccount {
  const found = getSafeAccountRow(deps.db.read, safeId)
  if (found === undefined)
    throw safeFailure(
      SAFE_ERROR.accountUnknown,
      `The Safe ${safeId.split(':')[1] ?? safeId} is not one of this desk's treasury accounts. Add it in Settings first.`
    )
  return found
}

/** The Safe as the chain has it now, verified (readSafe refuses anything else with the reason). */
export function readSafeOn(deps: SafeServiceDeps, chainId: number, address: string): Promise<SafeInfo> {
  const network = deps.catalogue.requireNetwork(chainId)
  return readSafe(deps.rpcFor(chainId), getAddress(address), scopeOf(network))
}

/** The verified MultiSendCallOnly on a network, or why there is none a Safe may delegate to. */
export type MultiSendOnNetwork =
  { readonly address: string } | { readonly address: undefined; readonly unavailable: string }

/**
 * The MultiSendCallOnly the network's Safes may delegate to, verified by code hash. Where none is
 * published or the code there is not the published one, nothing is delegated to: the reason is
 * returned, and the planner pays with single calls only.
 */
export async function multiSendOn(
  rpc: EthRpc,
  network: CatalogueNetwork,
  version: SafeVersion
): Promise<MultiSendOnNetwork> {
  const scope = scopeOf(network)
  const address = network.multiSendCallOnly ?? defaultMultiSendCallOnly(scope, version)
  if (address === undefined)
    return { address: undefined, unavailable: `No published MultiSendCallOnly is known for ${network.name}.` }
  try {
    return { address: await verifyMultiSendCallOnly(rpc, address, scope) }
  } catch (e) {
    if (e instanceof AppFailure && e.code === SAFE_ERROR.multiSendNotVerified)
      return { address: undefined, unavailable: e.message }
    throw e
  }
}

export function batchContractOf(network: CatalogueNetwork) {
  return network.batchContract === null
    ? undefined
    : { address: network.batchContract, expectation: expectedBatchCode(network.batchContract, network.development) }
}

export function decodeContextOf(
  network: CatalogueNetwork,
  assetId: string,
  deps: Pick<SafeServiceDeps, 'catalogue'>,
  multiSendCallOnly: string | undefined
): DecodeContext {
  return {
    asset: planAssetOf(deps.catalogue.requireAsset(assetId)),
    multiSendCallOnly,
    batchContract: network.batchContract ?? undefined
  }
}
