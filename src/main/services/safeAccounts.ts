// Runs in: main (plain Node). The Safes this desk pays from: added on a network only once the
// chain shows a verified Safe 1.3.0 or 1.4.1 (anything else refused with the reason), listed with
// what the chain says now (owners named by the roster, threshold, nonce, a module or guard flagged,
// balances), and removed. Adding and removing are in the audit log.
import { erc20Interface } from '../chain/batchContract'
import { appendAudit } from '../store/auditLog'
import { inTransaction } from '../store/db'
import {
  deleteSafeAccount,
  listSafeAccountRows,
  safeAccountId,
  upsertSafeAccount,
  type StoredSafeAccount
} from '../store/safeAccountRepo'
import type { SafeAccountView, SafeBalanceView } from '../../shared/safe'
import type { SafeInfo } from '../safe'
import { ownerViews, readSafeOn, requireSafeAccount, type SafeServiceDeps } from './safeContext'

async function balancesOf(deps: SafeServiceDeps, chainId: number, address: string): Promise<SafeBalanceView[]> {
  const rpc = deps.rpcFor(chainId)
  const out: SafeBalanceView[] = []
  for (const asset of deps.catalogue.assets(chainId)) {
    const balance =
      asset.tokenAddress === null
        ? await rpc.balance(address)
        : BigInt(
            (
              await rpc.call({
                to: asset.tokenAddress,
                data: erc20Interface.encodeFunctionData('balanceOf', [address])
              })
            ).slice(0, 66)
          )
    out.push({
      assetId: asset.id,
      symbol: asset.symbol,
      decimals: asset.decimals,
      balanceBaseUnits: balance.toString()
    })
  }
  return out
}

function viewOf(
  deps: SafeServiceDeps,
  stored: StoredSafeAccount,
  live: { info: SafeInfo; balances: SafeBalanceView[] } | { error: string }
): SafeAccountView {
  const network = deps.catalogue.requireNetwork(stored.chainId)
  const info = 'info' in live ? live.info : undefined
  return {
    id: stored.id,
    chainId: stored.chainId,
    networkName: network.name,
    address: stored.address,
    version: info?.version ?? stored.version,
    l2: info?.singleton.l2 ?? false,
    owners: ownerViews(info?.owners ?? stored.owners, deps.nameOf),
    threshold: info?.threshold ?? stored.threshold,
    nonce: info?.nonce.toString() ?? '',
    flags: (info?.flags ?? []).map((f) => ({ kind: f.kind, address: f.address, reason: f.reason })),
    balances: 'balances' in live ? live.balances : [],
    addedAt: stored.addedAt,
    readError: 'error' in live ? live.error : null
  }
}

export function createSafeAccounts(deps: SafeServiceDeps, actor: () => string) {
  async function live(stored: StoredSafeAccount) {
    try {
      const info = await readSafeOn(deps, stored.chainId, stored.address)
      return { info, balances: await balancesOf(deps, stored.chainId, stored.address) }
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) }
    }
  }

  return {
    /** Reads and verifies the Safe on chain, then keeps it; refused with the reason when it is not a known Safe. */
    async add(chainId: number, address: string): Promise<SafeAccountView> {
      const info = await readSafeOn(deps, chainId, address)
      const stored: StoredSafeAccount = {
        id: safeAccountId(chainId, info.address),
        chainId,
        address: info.address,
        version: info.version,
        singleton: info.singleton.address,
        owners: info.owners,
        threshold: info.threshold,
        addedAt: deps.now().toISOString()
      }
      inTransaction(deps.db.write, () => {
        upsertSafeAccount(deps.db.write, stored)
        appendAudit(deps.db.write, {
          actor: actor(),
          action: 'safe_account_added',
          payoutId: null,
          at: stored.addedAt,
          detail: `Safe ${info.address} (version ${info.version}) on chain ${chainId}: ${info.threshold} of ${info.owners.length} owners (${info.owners.join(', ')})${info.flags.length > 0 ? `; flagged: ${info.flags.map((f) => f.reason).join(' ')}` : ''}`
        })
      })
      return viewOf(deps, stored, { info, balances: await balancesOf(deps, chainId, info.address) })
    },

    async list(): Promise<SafeAccountView[]> {
      const out: SafeAccountView[] = []
      for (const stored of listSafeAccountRows(deps.db.read)) out.push(viewOf(deps, stored, await live(stored)))
      return out
    },

    async remove(safeId: string): Promise<SafeAccountView[]> {
      const stored = requireSafeAccount(deps, safeId)
      inTransaction(deps.db.write, () => {
        deleteSafeAccount(deps.db.write, stored.id)
        appendAudit(deps.db.write, {
          actor: actor(),
          action: 'safe_account_removed',
          payoutId: null,
          at: deps.now().toISOString(),
          detail: `Safe ${stored.address} on chain ${stored.chainId}`
        })
      })
      return this.list()
    }
  }
}

export type SafeAccounts = ReturnType<typeof createSafeAccounts>
