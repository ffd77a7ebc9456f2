// Runs in: main (plain Node). Paying a payout on chain: quote (plans, fees, balances before anything
// is signed), execute (sign on the Ledger, persist, broadcast through the chain engine, then follow
// every transaction in the background until it settles), retry failed rows, speed up or cancel a
// transaction, and resume (on start-up, follow what the database says is still live). What must
// hold before a payout is paid is checked in one place, `assertPayable`. The SQLite journal moves
// items and the payout to paid/completed or failed; this service never decides that.
import {
  replaceTransaction,
  type ReplacementKind,
  Executor,
  PLAN_KIND,
  findShortfalls,
  quoteFees,
  readPayerBalances,
  shortfallError,
  summarizePlan,
  type EthRpc,
  type ExecutionEvent,
  type ExecutionJournal,
  type FeePolicy,
  type PlanKind
} from '../chain'
import type { TreasuryEvent } from '../../shared/api'
import type { PayoutStatus } from '../../shared/statuses'
import type { ExecutionProgressView, ExecutionResultView, PayoutTransactionView } from '../../shared/execution'
import { AppFailure } from '../../shared/errors'
import { NATIVE_DECIMALS, type Catalogue } from '../domain/catalogue'
import { parseItemId } from '../domain/itemId'
import { nextStatus } from '../domain/statusMachine'
import { notFound } from '../errors'
import type { LedgerService } from '../ledger/ledgerService'
import { appendAudit } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { createSqliteJournal, listPayoutTransactions } from '../store/journalRepo'
import {
  getItems,
  getPayoutRow,
  queueFailedRows,
  requeueUncoveredRows,
  setPayoutStatus,
  type StoredPayout
} from '../store/payoutRepo'
import { buildPlan, payableRows, planAssetOf, type PlanContext } from './execution/planning'
import { buildQuote, shortfallView } from './execution/quote'
import { createTrackingLoops } from '../chain/trackingLoops'

export interface ExecutionServiceDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly now: () => Date
  /** The network's JSON-RPC handle (from the user's configured endpoints). */
  readonly rpcFor: (chainId: number) => EthRpc
  readonly ledger: Pick<LedgerService, 'signer'>
  /** Confirmation depth per network (>= 1). */
  readonly confirmations: (chainId: number) => number
  readonly emit: (event: TreasuryEvent) => void
  /** Recipient safety: look-alike rows nobody acknowledged block payment. */
  readonly assertAcknowledged: (payoutId: string) => void
  /** Four-eyes control: the payer the approvers saw is the only one that may pay. */
  readonly assertApprovedPayer: (payoutId: string, payerAddress: string) => void
  readonly pollIntervalMs?: number
  readonly feePolicy?: FeePolicy
}

const DEFAULT_POLL_MS = 2_000
const SYSTEM_ACTOR = 'system'

/** Engine progress as the contract carries it: block numbers as decimal strings. */
export function progressView(event: ExecutionEvent): ExecutionProgressView {
  return event.type === 'mined' ? { ...event, blockNumber: event.blockNumber.toString() } : event
}

export function createExecutionService(deps: ExecutionServiceDeps) {
  const { db, catalogue } = deps
  const stamp = (): string => deps.now().toISOString()
  const pollIntervalMs = deps.pollIntervalMs ?? DEFAULT_POLL_MS
  const changed = (id: string, status: PayoutStatus): void => deps.emit({ type: 'payout.changed', id, status })
  const journal: ExecutionJournal = createSqliteJournal(db.write, {
    now: deps.now,
    actor: SYSTEM_ACTOR,
    payoutChanged: changed
  })
  const progress = (event: ExecutionEvent): void =>
    deps.emit({ type: 'execution.progress', progress: progressView(event) })
  const executors = new Map<number, Executor>()
  /** Payouts being signed right now in this process: a second execute must never sign the same rows again. */
  const executing = new Set<string>()

  function executorFor(chainId: number): Executor {
    let executor = executors.get(chainId)
    if (!executor) {
      executor = new Executor({
        rpc: deps.rpcFor(chainId),
        journal,
        chainId: BigInt(chainId),
        confirmations: deps.confirmations(chainId),
        pollIntervalMs,
        onEvent: progress,
        ...(deps.feePolicy ? { feePolicy: deps.feePolicy } : {})
      })
      executors.set(chainId, executor)
    }
    return executor
  }

  const loops = createTrackingLoops({
    executorFor,
    pollIntervalMs,
    onError: (chainId, error) => {
      const { code, message } =
        error instanceof AppFailure
          ? error
          : { code: 'tracking_failed' as const, message: 'Following the payout on the network failed; retrying.' }
      deps.emit({ type: 'execution.trackingError', chainId, code, message })
    }
  })

  function load(id: string): StoredPayout {
    const p = getPayoutRow(db.write, id)
    if (p === undefined) throw notFound('Payout', id)
    return p
  }

  /**
   * Everything that must hold before a payout's rows are signed, checked in this one place: the
   * payout is in progress (approved, or no approval needed), every look-alike row was
   * acknowledged, and the device's account is the payer the approvers saw.
   */
  function assertReadyToPay(p: StoredPayout): void {
    if (p.status !== 'in_progress') {
      throw new AppFailure(
        'not_ready_to_pay',
        p.status === 'pending'
          ? 'This payout is waiting for approval.'
          : `A payout that is ${p.status.replace('_', ' ')} cannot be paid.`
      )
    }
    deps.assertAcknowledged(p.id)
  }

  async function planContext(
    p: StoredPayout,
    accountPath: string,
    statuses: readonly string[]
  ): Promise<{ ctx: PlanContext; signer: Awaited<ReturnType<LedgerService['signer']>> }> {
    const asset = catalogue.requireAsset(p.assetId)
    const network = catalogue.requireNetwork(p.chainId)
    const items = getItems(db.read, p.id).map((it) =>
      statuses.includes(it.status) ? { ...it, status: 'queued' as const } : it
    )
    const rows = payableRows(p.id, items)
    if (rows.length === 0) throw new AppFailure('nothing_to_pay', 'No row of this payout is waiting to be paid.')
    const signer = await deps.ledger.signer(accountPath)
    const rpc = deps.rpcFor(p.chainId)
    const fees = await quoteFees(rpc, deps.feePolicy)
    return { ctx: { rpc, network, from: signer.address, asset: planAssetOf(asset), rows, fees }, signer }
  }

  /** Rows no signed payment covers go back to queued: nothing pays them, so they can be signed again. */
  function requeue(payoutId: string, itemIds: readonly string[], reason: string): number[] {
    const rows = itemIds.map((id) => parseItemId(id).row)
    inTransaction(db.write, () => {
      requeueUncoveredRows(db.write, payoutId, rows)
      appendAudit(db.write, {
        actor: SYSTEM_ACTOR,
        action: 'execution_stopped',
        payoutId,
        at: stamp(),
        detail: `${reason} ${rows.length} row(s) queued again.`
      })
    })
    return rows
  }

  return {
    /**
     * failed -> in_progress for the failed rows only: they are queued to be signed again, while
     * rows already paid keep their status and can never be paid twice.
     */
    retryFailed(
      payoutId: string,
      options: { readonly actor: string }
    ): { id: string; status: PayoutStatus; rows: number } {
      const result = inTransaction(db.write, () => {
        const p = load(payoutId)
        const t = nextStatus(p.status, 'retry', { broadcastCount: 0 })
        const at = stamp()
        const rows = queueFailedRows(db.write, p.id)
        setPayoutStatus(db.write, p.id, t.to, at)
        appendAudit(db.write, {
          actor: options.actor,
          action: 'retried',
          payoutId: p.id,
          fromStatus: p.status,
          toStatus: t.to,
          at,
          detail: `${rows} failed row(s) queued to be paid again`
        })
        return { status: t.to, rows }
      })
      changed(payoutId, result.status)
      return { id: payoutId, ...result }
    },

    /** Plans, fees and balances for the payer at `accountPath`; sends and signs nothing. */
    async quote(payoutId: string, options: { readonly accountPath: string }) {
      const p = load(payoutId)
      const asset = catalogue.requireAsset(p.assetId)
      const { ctx } = await planContext(p, options.accountPath, ['draft', 'queued'])
      return buildQuote(ctx, {
        payoutId,
        accountPath: options.accountPath,
        assetSymbol: asset.symbol,
        assetDecimals: asset.decimals
      })
    },

    /**
     * Signs and broadcasts the queued rows of an in-progress payout with the chosen plan, built
     * afresh and simulated before the device is asked anything. Returns once every transaction is
     * handed to the network; confirmations are followed in the background.
     */
    async execute(
      payoutId: string,
      options: { readonly accountPath: string; readonly plan: PlanKind }
    ): Promise<ExecutionResultView> {
      const p = load(payoutId)
      assertReadyToPay(p)
      const alreadySending = new AppFailure(
        'already_sending',
        'This payout already has transactions on their way. Wait until they settle.'
      )
      // Claimed before the first await, so two clicks can never both get past this point.
      if (executing.has(payoutId)) throw alreadySending
      executing.add(payoutId)
      try {
        deps.assertApprovedPayer(p.id, (await deps.ledger.signer(options.accountPath)).address)
        if ((await journal.listUnsettled()).some((t) => t.payoutId === payoutId)) throw alreadySending
        const result = await loops.exclusive(p.chainId, async () => {
          const { ctx, signer } = await planContext(p, options.accountPath, ['queued'])
          const plan = await buildPlan(options.plan, ctx)
          const balances = await readPayerBalances(ctx.rpc, ctx.from, ctx.asset)
          const shortfalls = findShortfalls(plan, balances, {
            symbol: ctx.network.nativeSymbol,
            decimals: NATIVE_DECIMALS
          })
          if (shortfalls.length > 0)
            throw new AppFailure('shortfall', shortfallError(shortfalls).message, {
              shortfalls: shortfalls.map(shortfallView)
            })
          const s = summarizePlan(plan)
          inTransaction(db.write, () =>
            appendAudit(db.write, {
              actor: SYSTEM_ACTOR,
              action: 'execution_started',
              payoutId,
              at: stamp(),
              detail: `${plan.kind === PLAN_KIND.batch ? 'Batch' : 'One transaction per recipient'}: ${s.transactions} transaction(s) from ${ctx.from}, estimated fee ${s.estimatedFee} base units`
            })
          )
          return executorFor(p.chainId).execute(payoutId, plan, signer)
        })
        let stopped: ExecutionResultView['stopped'] = null
        if (result.stopped) {
          const { error } = result.stopped
          const requeuedRows = requeue(payoutId, result.stopped.unsignedItemIds, error.message)
          // Nothing signed: the user simply tries again; the error says what to fix.
          if (result.signed.length === 0) throw error
          stopped = { step: result.stopped.step, code: error.code, message: error.message, requeuedRows }
        }
        return { payoutId, plan: options.plan, signed: result.signed, stopped }
      } finally {
        executing.delete(payoutId)
        void loops.track(p.chainId)
      }
    },

    /**
     * Speed-up (same nonce, fees raised by at least the replacement bump) or cancel (0-value
     * self-transfer, same nonce) of a transaction not yet mined. Whichever is mined decides.
     */
    async replace(
      payoutId: string,
      options: { readonly hash: string; readonly kind: ReplacementKind; readonly accountPath: string }
    ): Promise<{ hash: string }> {
      const p = load(payoutId)
      const target = (await journal.listUnsettled()).find((t) => t.hash === options.hash.toLowerCase())
      if (target === undefined || target.payoutId !== p.id)
        throw new AppFailure(
          'not_replaceable',
          'This transaction is not waiting to be mined, so there is nothing to speed up or cancel.'
        )
      try {
        const replaced = await loops.exclusive(p.chainId, async () =>
          replaceTransaction({
            rpc: deps.rpcFor(p.chainId),
            journal,
            signer: await deps.ledger.signer(options.accountPath),
            hash: options.hash,
            kind: options.kind,
            onEvent: progress,
            ...(deps.feePolicy ? { feePolicy: deps.feePolicy } : {})
          })
        )
        return { hash: replaced.hash }
      } finally {
        void loops.track(p.chainId)
      }
    },

    /** Every transaction recorded for a payout, oldest first, for the payout's detail. */
    transactions(payoutId: string): PayoutTransactionView[] {
      load(payoutId)
      return listPayoutTransactions(db.read, payoutId)
    },

    /** Start-up: follows every live transaction the database holds until it settles. Returns at once. */
    async resume(): Promise<{ readonly chains: readonly number[]; readonly transactions: number }> {
      const live = await journal.listUnsettled()
      const chains = [...new Set(live.map((t) => Number(t.chainId)))]
      for (const chainId of chains) void loops.track(chainId)
      return { chains, transactions: live.length }
    },

    /** Resolves when no background tracking is running (everything live has settled, or close()). */
    settled(): Promise<void> {
      return loops.idle()
    },

    /** Stops background tracking; live transactions stay in the journal for the next resume. */
    close(): Promise<void> {
      return loops.stop()
    }
  }
}

export type ExecutionService = ReturnType<typeof createExecutionService>
