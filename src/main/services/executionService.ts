// Runs in: main (plain Node). Paying a payout on chain: submit (draft -> pending or in progress),
// quote (plans, fees, balances before anything is signed), execute (sign on the Ledger, persist,
// broadcast through the chain engine, then follow every transaction in the background until it
// settles) and resume (on start-up, follow what the database says is still live). The SQLite
// journal moves items and the payout to paid/completed or failed; this service never decides that.
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
import type { PayoutStatus } from '../../shared/statuses'
import type { ExecutionProgressView, PayoutTransactionView } from '../../shared/execution'
import { NATIVE_DECIMALS, type Catalogue, type CatalogueAsset, type CatalogueNetwork } from '../domain/catalogue'
import { nextStatus } from '../domain/statusMachine'
import { AppFailure, notFound } from '../errors'
import type { LedgerService } from '../ledger/ledgerService'
import { appendAudit } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { createSqliteJournal, listPayoutTransactions, parseItemId } from '../store/journalRepo'
import { getItems, getPayoutRow, setItemsStatus, setPayoutStatus, type StoredPayout } from '../store/payoutRepo'
import {
  buildPlan,
  payableRows,
  planAssetOf,
  toAppFailure,
  type PlanContext,
  type RowProblem
} from './execution/planning'
import { buildQuote, shortfallView, type ExecutionQuote } from './execution/quote'
import { createTrackingLoops } from './execution/trackingLoops'

/** Engine progress as plain data for IPC: the contract's shape. */
export type ExecutionProgress = ExecutionProgressView

export type ExecutionServiceEvent =
  | { readonly type: 'payout.changed'; readonly id: string; readonly status: PayoutStatus }
  | { readonly type: 'execution.progress'; readonly progress: ExecutionProgress }
  /** A tracking pass failed (endpoint down, garbage answer); tracking goes on after a pause. */
  | {
      readonly type: 'execution.trackingError'
      readonly chainId: number
      readonly code: string
      readonly message: string
    }

export interface ExecutionServiceDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly now: () => Date
  /** The network's JSON-RPC handle (from the user's configured endpoints). */
  readonly rpcFor: (chainId: number) => EthRpc
  readonly ledger: Pick<LedgerService, 'signer'>
  /** Confirmation depth per network (>= 1). */
  readonly confirmations: (chainId: number) => number
  readonly emit: (event: ExecutionServiceEvent) => void
  readonly pollIntervalMs?: number
  readonly feePolicy?: FeePolicy
}

export interface ExecutionResult {
  readonly payoutId: string
  readonly plan: PlanKind
  /** Hashes signed, persisted and handed to the network by this call, in order. */
  readonly signed: readonly string[]
  /** Set when signing stopped part-way; rows not covered by a signed payment are queued again. */
  readonly stopped: {
    readonly step: number
    readonly code: string
    readonly message: string
    readonly requeuedRows: readonly number[]
  } | null
}

const DEFAULT_POLL_MS = 2_000
const SYSTEM_ACTOR = 'system'

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
    deps.emit({
      type: 'execution.progress',
      progress: event.type === 'mined' ? { ...event, blockNumber: event.blockNumber.toString() } : event
    })
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
      const failure = toAppFailure(error)
      const { code, message } =
        failure instanceof AppFailure
          ? failure
          : { code: 'tracking_failed', message: 'Following the payout on the network failed; retrying.' }
      deps.emit({ type: 'execution.trackingError', chainId, code, message })
    }
  })

  function load(id: string): StoredPayout {
    const p = getPayoutRow(db.write, id)
    if (p === undefined) throw notFound('Payout', id)
    return p
  }

  function where(p: StoredPayout): { asset: CatalogueAsset; network: CatalogueNetwork } {
    const asset = catalogue.asset(p.assetId)
    const network = catalogue.network(p.chainId)
    if (asset === undefined || network === undefined)
      throw new AppFailure(
        'unknown_asset',
        `Currency ${p.assetId} is not in the catalogue, so this payout cannot be paid with this version of the app.`
      )
    return { asset, network }
  }

  async function planContext(
    p: StoredPayout,
    accountPath: string,
    statuses: readonly string[]
  ): Promise<{ ctx: PlanContext; asset: CatalogueAsset; signer: Awaited<ReturnType<LedgerService['signer']>> }> {
    const { asset, network } = where(p)
    const items = getItems(db.read, p.id).map((it) =>
      statuses.includes(it.status) ? { ...it, status: 'queued' as const } : it
    )
    const rows = payableRows(p.id, items)
    if (rows.length === 0) throw new AppFailure('nothing_to_pay', 'No row of this payout is waiting to be paid.')
    try {
      const signer = await deps.ledger.signer(accountPath)
      const rpc = deps.rpcFor(p.chainId)
      const fees = await quoteFees(rpc, deps.feePolicy)
      return { ctx: { rpc, network, from: signer.address, asset: planAssetOf(asset), rows, fees }, asset, signer }
    } catch (e) {
      throw toAppFailure(e)
    }
  }

  /** Rows no signed payment covers go back to queued: nothing pays them, so they can be signed again. */
  function requeue(payoutId: string, itemIds: readonly string[], reason: string): number[] {
    const rows = itemIds.map((id) => parseItemId(id).row)
    inTransaction(db.write, () => {
      const update = db.write.prepare(
        "UPDATE payout_items SET status = 'queued' WHERE payout_id = ? AND row = ? AND status = 'in_progress' AND tx_hash IS NULL"
      )
      for (const row of rows) update.run(payoutId, row)
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
    /** draft -> pending (approval required) or in_progress; the rows become queued. */
    submit(
      payoutId: string,
      options: { readonly requireApproval: boolean; readonly actor: string }
    ): { id: string; status: PayoutStatus } {
      const to = inTransaction(db.write, () => {
        const p = load(payoutId)
        if (p.errorCount > 0) {
          throw new AppFailure(
            'payout_has_errors',
            `${p.errorCount} row${p.errorCount === 1 ? ' has' : 's have'} errors. Correct ${p.errorCount === 1 ? 'it' : 'them'} before submitting.`
          )
        }
        if (p.recipientCount === 0)
          throw new AppFailure('payout_empty', 'This payout has no recipients. Add at least one before submitting.')
        const t = nextStatus(p.status, 'submit', { requireApproval: options.requireApproval, broadcastCount: 0 })
        const at = stamp()
        setPayoutStatus(db.write, p.id, t.to, at)
        setItemsStatus(db.write, p.id, 'draft', 'queued')
        appendAudit(db.write, {
          actor: options.actor,
          action: 'submitted',
          payoutId: p.id,
          fromStatus: p.status,
          toStatus: t.to,
          at,
          detail: options.requireApproval ? 'Waiting for approval' : 'No approval required'
        })
        return t.to
      })
      changed(payoutId, to)
      return { id: payoutId, status: to }
    },

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
        const t = nextStatus(p.status, 'retry', { requireApproval: false, broadcastCount: 0 })
        const at = stamp()
        const rows = db.write
          .prepare(
            "UPDATE payout_items SET status = 'queued', failure = NULL WHERE payout_id = ? AND status = 'failed'"
          )
          .run(p.id).changes
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
    async quote(payoutId: string, options: { readonly accountPath: string }): Promise<ExecutionQuote> {
      const p = load(payoutId)
      const { ctx, asset } = await planContext(p, options.accountPath, ['draft', 'queued'])
      try {
        return await buildQuote(ctx, {
          payoutId,
          accountPath: options.accountPath,
          assetSymbol: asset.symbol,
          assetDecimals: asset.decimals
        })
      } catch (e) {
        throw toAppFailure(e)
      }
    },

    /**
     * Signs and broadcasts the queued rows of an in-progress payout with the chosen plan, built
     * afresh and simulated before the device is asked anything. Returns once every transaction is
     * handed to the network; confirmations are followed in the background.
     */
    async execute(
      payoutId: string,
      options: { readonly accountPath: string; readonly plan: PlanKind }
    ): Promise<ExecutionResult> {
      const p = load(payoutId)
      if (p.status !== 'in_progress') {
        throw new AppFailure(
          'not_ready_to_pay',
          p.status === 'pending'
            ? 'This payout is waiting for approval.'
            : `A payout that is ${p.status.replace('_', ' ')} cannot be paid.`
        )
      }
      const alreadySending = new AppFailure(
        'already_sending',
        'This payout already has transactions on their way. Wait until they settle.'
      )
      // Claimed before the first await, so two clicks can never both get past this point.
      if (executing.has(payoutId)) throw alreadySending
      executing.add(payoutId)
      try {
        if ((await journal.listUnsettled()).some((t) => t.payoutId === payoutId)) throw alreadySending
        const result = await loops.exclusive(p.chainId, async () => {
          const { ctx, signer } = await planContext(p, options.accountPath, ['queued'])
          let plan
          try {
            plan = await buildPlan(options.plan, ctx)
          } catch (e) {
            throw toAppFailure(e)
          }
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
        let stopped: ExecutionResult['stopped'] = null
        if (result.stopped) {
          const failure = toAppFailure(result.stopped.error)
          const { code, message } =
            failure instanceof AppFailure
              ? failure
              : { code: result.stopped.error.code, message: result.stopped.error.message }
          const requeuedRows = requeue(payoutId, result.stopped.unsignedItemIds, message)
          // Nothing signed: the user simply tries again; the error says what to fix.
          if (result.signed.length === 0) throw failure
          stopped = { step: result.stopped.step, code, message, requeuedRows }
        }
        return { payoutId, plan: options.plan, signed: result.signed, stopped }
      } catch (e) {
        throw toAppFailure(e)
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
      } catch (e) {
        throw toAppFailure(e)
      } finally {
        void loops.track(p.chainId)
      }
    },

    /** Every transaction recorded for a payout, oldest first, for the payout's detail. */
    transactions(payoutId: string): PayoutTransactionView[] {
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
export type { ExecutionQuote, PlanOption, ShortfallView } from './execution/quote'
export type { RowProblem }
export type { PayoutTransactionView }
