// Runs in: main (plain Node). Paying a payout from a Safe, before anyone signs: the plan options
// (gas, fee, owner signatures needed) and the Safe's balance, then the chosen plan kept as Safe
// transactions at consecutive nonces after those already queued. Only the rows still waiting
// (queued, not in a live Safe transaction) are planned; when a nonce was used by a Safe
// transaction made elsewhere, those rows are planned again only once the user confirmed it.
import { quoteFees } from '../chain'
import { snapshotOf, submissionPart } from '../approvals/snapshot'
import { AppFailure } from '../../shared/errors'
import { nextSafeNonce, planSafePayout, quoteSafePayout, type SafePlanRequest } from '../safe'
import { SAFE_ERROR, safeFailure } from '../safe/errors'
import { getSubmission } from '../store/approvalRepo'
import { appendAudit } from '../store/auditLog'
import { inTransaction } from '../store/db'
import { getItems, getPayoutRow, type StoredPayout } from '../store/payoutRepo'
import { SAFE_TX_PURPOSE, SAFE_TX_STATUS, insertSafeTx, safeTxsOfPayout, setSafeTxState } from '../store/safeTxRepo'
import type { SafePayoutView, SafeQuoteView, SafeRouteName } from '../../shared/safe'
import { notFound } from '../errors'
import { payableRows, planAssetOf } from './execution/planning'
import {
  batchContractOf,
  multiSendOn,
  ownerViews,
  readSafeOn,
  requireSafeAccount,
  type SafeServiceDeps
} from './safeContext'
import { liveSafeTxs, refreshFromChain, safePayoutView } from './safePayoutState'
import { safePlanOptionView } from './safePlanView'

export interface SafePlanningHooks {
  /** Four-eyes control: the payer the approvers saw is the only one that may pay. */
  readonly assertPayer: (payoutId: string, payerAddress: string) => void
  readonly actor: () => string
}

export function createSafePlanning(deps: SafeServiceDeps, hooks: SafePlanningHooks) {
  function load(id: string): StoredPayout {
    const p = getPayoutRow(deps.db.read, id)
    if (p === undefined) throw notFound('Payout', id)
    return p
  }

  async function request(p: StoredPayout, safeId: string): Promise<SafePlanRequest> {
    const account = requireSafeAccount(deps, safeId)
    if (account.chainId !== p.chainId)
      throw safeFailure(
        SAFE_ERROR.signatureWrongChain,
        `The Safe ${account.address} is on chain ${account.chainId}; payout ${p.id} pays on chain ${p.chainId}. Choose a Safe on the payout's network.`
      )
    const network = deps.catalogue.requireNetwork(p.chainId)
    const rpc = deps.rpcFor(p.chainId)
    const safe = await readSafeOn(deps, p.chainId, account.address)
    const live = liveSafeTxs(deps, p.id).filter((t) => t.origin === 'planned')
    const covered = new Set(live.flatMap((t) => t.rows.map((r) => r.itemId)))
    const rows = payableRows(p.id, getItems(deps.db.read, p.id)).filter((r) => !covered.has(r.itemId))
    if (rows.length === 0)
      throw safeFailure(
        SAFE_ERROR.alreadyPlanned,
        live.length > 0
          ? 'Every row waiting to be paid is already in a Safe transaction. Collect its signatures and execute it.'
          : 'No row of this payout is waiting to be paid.'
      )
    const batch = batchContractOf(network)
    const multiSend = await multiSendOn(rpc, network, safe.version)
    return {
      rpc,
      safe,
      asset: planAssetOf(deps.catalogue.requireAsset(p.assetId)),
      rows,
      fees: await quoteFees(rpc),
      multiSendCallOnly: multiSend.address,
      ...(multiSend.address === undefined ? { multiSendUnavailable: multiSend.unavailable } : {}),
      ...(batch === undefined ? {} : { batchContract: batch }),
      startNonce: nextSafeNonce(
        safe.nonce,
        live.map((t) => t.safeTx.nonce)
      ),
      ...(deps.planLimits === undefined ? {} : { limits: deps.planLimits })
    }
  }

  return {
    /** The options side by side with gas, fee and signatures needed; signs and stores nothing. */
    async quote(payoutId: string, safeId: string): Promise<SafeQuoteView> {
      const p = load(payoutId)
      const asset = deps.catalogue.requireAsset(p.assetId)
      const req = await request(p, safeId)
      const q = await quoteSafePayout(req)
      return {
        payoutId,
        safeId,
        safe: req.safe.address,
        threshold: req.safe.threshold,
        owners: ownerViews(req.safe.owners, deps.nameOf),
        options: q.options.map(safePlanOptionView),
        proposed: q.proposed ?? null,
        assetSymbol: asset.symbol,
        decimals: asset.decimals,
        safeBalanceBaseUnits: q.safeBalance.toString(),
        missingBaseUnits: q.missing.toString()
      }
    },

    /** Plans the waiting rows as Safe transactions and keeps them; nothing is signed yet. */
    async plan(
      payoutId: string,
      input: { readonly safeId: string; readonly route: SafeRouteName; readonly replanConfirmed: boolean }
    ): Promise<SafePayoutView> {
      const p = load(payoutId)
      if (p.status !== 'in_progress')
        throw new AppFailure(
          'not_ready_to_pay',
          p.status === 'pending'
            ? 'This payout is waiting for approval.'
            : `A payout that is ${p.status.replace('_', ' ')} cannot be paid.`
        )
      const account = requireSafeAccount(deps, input.safeId)
      hooks.assertPayer(p.id, account.address)
      await refreshFromChain(deps, p.id)
      const consumed = safeTxsOfPayout(deps.db.read, p.id).filter(
        (t) =>
          t.purpose === SAFE_TX_PURPOSE.payment && t.origin === 'planned' && t.state === SAFE_TX_STATUS.nonceConsumed
      )
      if (consumed.length > 0 && !input.replanConfirmed)
        throw safeFailure(
          SAFE_ERROR.replanUnconfirmed,
          `${consumed.map((t) => t.explanation).join(' ')} Confirm that you reviewed this before planning the rows again.`
        )
      const plan = await planSafePayout(input.route, await request(p, input.safeId))
      const snapshot = snapshotOf(
        deps.db.read,
        deps.catalogue,
        p,
        submissionPart(getSubmission(deps.db.read, p.id), deps.nameOf)
      )
      const at = deps.now().toISOString()
      const sinceBlock = (await readSafeOn(deps, p.chainId, account.address)).readAtBlock
      inTransaction(deps.db.write, () => {
        for (const t of consumed) setSafeTxState(deps.db.write, t.safeTxHash, SAFE_TX_STATUS.superseded, at)
        for (const t of plan.transactions)
          insertSafeTx(deps.db.write, {
            safeTxHash: t.safeTxHash,
            payoutId: p.id,
            revision: p.revision,
            payoutDigest: snapshot.digest,
            chainId: p.chainId,
            safe: plan.safe,
            assetId: p.assetId,
            origin: 'planned',
            purpose: SAFE_TX_PURPOSE.payment,
            route: plan.route,
            position: t.index,
            planSize: plan.transactions.length,
            safeTx: t.safeTx,
            rows: t.rows,
            sinceBlock,
            state: SAFE_TX_STATUS.awaitingSignatures,
            explanation: null,
            executionHash: null,
            createdAt: at,
            updatedAt: at
          })
        appendAudit(deps.db.write, {
          actor: hooks.actor(),
          action: 'safe_planned',
          payoutId: p.id,
          at,
          detail: `${plan.transactions.length} Safe transaction(s) from ${plan.safe} (${plan.route}${plan.withoutMultiSend === undefined ? '' : `, single calls: ${plan.withoutMultiSend}`}), nonces ${plan.transactions.map((t) => t.safeTx.nonce).join(', ')}, ${plan.threshold} owner signature(s) each${consumed.length > 0 ? `; planned again after nonce(s) ${consumed.map((t) => t.safeTx.nonce).join(', ')} were used elsewhere` : ''}`
        })
      })
      const view = await safePayoutView(deps, p.id)
      if (view === null) throw new Error('planned Safe transactions were not stored')
      return view
    }
  }
}

export type SafePlanning = ReturnType<typeof createSafePlanning>
