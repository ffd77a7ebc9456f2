// Runs in: main (plain Node). Paying a payout on chain: quote (plans, fees, balances before anything
// is signed), execute (sign on the Ledger, persist, broadcast through the chain engine, then follow
// every transaction in the background until it settles), retry failed rows, release a row that
// needs checking once a person confirmed it was not paid, speed up or cancel a transaction, revoke
// an allowance a cancelled payout left, and resume (on start-up, follow what the database says is
// still open). What must hold before a payout is paid is checked in one place, `assertReadyToPay`.
// The SQLite journal moves items and the payout to paid/completed or failed; this service never
// decides that. Whenever no signing of a payout runs in this process (start-up, before and after
// paying, on reading it), rows in progress that no open transaction covers go back to the queue,
// so a payout interrupted anywhere can always be paid or cancelled.
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
  type ExecutionPlan,
  type FeePolicy,
  type PlanKind,
  type PlanLimits
} from '../chain'
import type { TreasuryEvent } from '../../shared/api'
import type { PayoutStatus } from '../../shared/statuses'
import type { ExecutionProgressView, ExecutionResultView, PayoutTransactionView } from '../../shared/execution'
import { AppFailure } from '../../shared/errors'
import { NATIVE_DECIMALS, type Catalogue } from '../domain/catalogue'
import { nextStatus } from '../domain/statusMachine'
import { notFound } from '../errors'
import type { LedgerService } from '../ledger/ledgerService'
import { appendAudit, appendAuditOnce } from '../store/auditLog'
import { inTransaction, type OpenedDatabase } from '../store/db'
import {
  createSqliteJournal,
  listPayoutTransactions,
  openTransactionsOfPayout,
  transactionsInHistory
} from '../store/journalRepo'
import {
  getItem,
  getItems,
  getPayoutRow,
  hasOpenTransaction,
  itemStatusCountsRead,
  payoutIdsWithStatus,
  queueFailedRows,
  setPayoutStatus,
  type StoredItem,
  type StoredPayout
} from '../store/payoutRepo'
import { allowanceInUse, requeueUncovered } from './execution/openRows'
import { revokeLeftAllowance } from './execution/revoke'
import { assertNotPaidOnChain } from './execution/paidOnChain'
import { assertNoUnrecordedSends, recordUnrecordedSendsStatement, statementText } from './execution/unrecordedSends'
import { highestCount } from '../chain/unrecordedSends'
import { assertJournalMatchesBytes } from './execution/journalBytes'
import { itemId, parseItemId } from '../domain/itemId'
import { peopleAmount, UNLISTED_ASSET_UNITS, withExact } from '../domain/auditText'
import { createRecordCheck } from './execution/recordCheck'
import { assertJournalHoldsHistory } from './execution/journalHistory'
import { releaseUncertainRow } from './execution/rowRelease'
import { buildPlan, payableRows, planAssetOf, type PlanContext } from './execution/planning'
import { buildQuote, shortfallView } from './execution/quote'
import { createTrackingLoops } from '../chain/trackingLoops'

export interface ExecutionServiceDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly now: () => Date
  /** The network's JSON-RPC handle (from the user's configured endpoints). */
  readonly rpcFor: (chainId: number) => EthRpc
  readonly ledger: Pick<LedgerService, 'signer' | 'signPersonalMessage'>
  /** Confirmation depth per network (>= 1): the desk's setting, never below the network's minimum. */
  readonly confirmations: (chainId: number) => number
  /** Blocks after confirmation during which confirmed transactions are checked for reorgs. Default: none. */
  readonly reorgWatchBlocks?: (chainId: number) => number
  /** The network's other endpoints, asked before a transaction's rows are declared to need checking. */
  readonly witnessesFor?: (chainId: number) => readonly EthRpc[]
  /** Batch chunk sizes and gas targets; the engine's defaults when absent. */
  readonly planLimits?: PlanLimits
  /** Pause between re-checks of unverified transactions when nothing else is followed. */
  readonly recheckIntervalMs?: number
  readonly emit: (event: TreasuryEvent) => void
  /** Recipient safety: look-alike rows nobody acknowledged block payment. */
  readonly assertAcknowledged: (payoutId: string) => void
  /** Four-eyes control: the signatures on record cover the payout as stored now. */
  readonly assertCleared: (payoutId: string) => void
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
  const stored = createSqliteJournal(db.write, {
    now: deps.now,
    actor: SYSTEM_ACTOR,
    coinOf: (chainId) => {
      const coin = catalogue.assets(Number(chainId)).find((a) => a.kind === 'native')
      return coin === undefined ? undefined : { symbol: coin.symbol, decimals: coin.decimals }
    },
    payoutChanged: changed
  })
  const records = createRecordCheck({
    linkedRow: (id) => {
      const { payoutId, row } = parseItemId(id)
      return getItem(db.read, payoutId, row)
    },
    assetOf: (payoutId) => {
      const p = getPayoutRow(db.read, payoutId)
      const asset = p === undefined ? undefined : catalogue.asset(p.assetId)
      return asset ?? UNLISTED_ASSET_UNITS
    }
  })
  /** The journal as stored, noting each record as written so the tracker need not check it again. */
  const journal: ExecutionJournal = {
    ...stored,
    recordSigned(tx) {
      const done = stored.recordSigned(tx)
      records.written(tx)
      return done
    }
  }
  const progress = (event: ExecutionEvent): void =>
    deps.emit({ type: 'execution.progress', progress: progressView(event) })
  const executors = new Map<number, Executor>()
  /** Payouts being signed right now in this process: a second execute must never sign the same rows again. */
  const executing = new Set<string>()

  function executorFor(chainId: number): Executor {
    const confirmations = deps.confirmations(chainId)
    let executor = executors.get(chainId)
    // A changed depth setting applies from the next pass on.
    if (!executor || executor.tracker.confirmations !== confirmations) {
      executor = new Executor({
        rpc: deps.rpcFor(chainId),
        journal,
        chainId: BigInt(chainId),
        confirmations,
        reorgWatchBlocks: deps.reorgWatchBlocks?.(chainId) ?? 0,
        witnesses: deps.witnessesFor?.(chainId) ?? [],
        records,
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
    ...(deps.recheckIntervalMs === undefined ? {} : { recheckIntervalMs: deps.recheckIntervalMs }),
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
   * payout is in progress (approved, or no approval needed) and its signatures still cover it, every look-alike row was
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
    deps.assertCleared(p.id)
    deps.assertAcknowledged(p.id)
  }

  async function planContext(
    p: StoredPayout,
    accountPath: string,
    statuses: readonly string[]
  ): Promise<{
    ctx: PlanContext
    signer: Awaited<ReturnType<LedgerService['signer']>>
    /** Every row of the payout as read for the plan (statuses in `statuses` read as queued). */
    items: readonly StoredItem[]
  }> {
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
    const planAsset = planAssetOf(asset)
    const inUse =
      planAsset.kind === 'erc20' && network.batchContract !== null
        ? allowanceInUse(await journal.listUnsettled(), {
            chainId: BigInt(p.chainId),
            from: signer.address,
            token: planAsset.address,
            batchContract: network.batchContract
          })
        : 0n
    return {
      ctx: {
        rpc,
        network,
        from: signer.address,
        asset: planAsset,
        rows,
        fees,
        allowanceInUse: inUse,
        ...(deps.planLimits === undefined ? {} : { limits: deps.planLimits })
      },
      signer,
      items
    }
  }

  /**
   * Rows queued again are checked against the payout's history (journalHistory.ts), the journal
   * against its own signed bytes (journalBytes.ts) and the chain's word (paidOnChain.ts), and the
   * payer's transactions the journal does not hold are read back (unrecordedSends.ts); a refusal is
   * on record, as the status it contradicts was edited or the folder lacks records of payments.
   */
  async function refuseIfPaidBefore(payoutId: string, ctx: PlanContext, items: readonly StoredItem[]): Promise<void> {
    try {
      const held = await journal.listOfPayout(payoutId)
      assertJournalHoldsHistory(
        transactionsInHistory(db.read, payoutId),
        new Map(held.map((t) => [t.hash.toLowerCase(), t.itemIds.length]))
      )
      if (held.length > 0)
        assertJournalMatchesBytes(held, new Map(items.map((it) => [itemId(payoutId, it.row), it])), ctx.asset)
      const witnesses = deps.witnessesFor?.(ctx.network.chainId) ?? []
      await assertNotPaidOnChain(held, ctx.rpc, ctx.rows, { witnesses, chainId: BigInt(ctx.network.chainId) })
      await assertNoUnrecordedSends(db, {
        rpc: ctx.rpc,
        witnesses,
        chainId: ctx.network.chainId,
        network: ctx.network.name,
        account: ctx.from,
        recorded: await journal.highestNonce(BigInt(ctx.network.chainId), ctx.from),
        rows: ctx.rows
      })
    } catch (e) {
      if (
        e instanceof AppFailure &&
        (e.code === 'paid_on_chain' ||
          e.code === 'journal_incomplete' ||
          e.code === 'journal_altered' ||
          e.code === 'unrecorded_sends')
      )
        inTransaction(db.write, () =>
          appendAuditOnce(db.write, {
            actor: SYSTEM_ACTOR,
            action: 'payment_refused',
            payoutId,
            at: stamp(),
            detail: e.message
          })
        )
      throw e
    }
  }

  /**
   * Rows in progress that no open transaction covers go back to the queue, unless this process is
   * signing the payout right now (its rows are in progress before their transaction is recorded).
   */
  function settleRows(payoutId: string, why: string): number[] {
    if (executing.has(payoutId)) return []
    const rows = requeueUncovered(db.write, payoutId, stamp(), why, () =>
      openTransactionsOfPayout(db.read, payoutId)
        .filter((tx) => records.differenceOf(tx) !== undefined)
        .map((tx) => tx.hash)
    )
    if (rows.length > 0) changed(payoutId, load(payoutId).status)
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
      settleRows(payoutId, 'Before paying:')
      const p = load(payoutId)
      const asset = catalogue.requireAsset(p.assetId)
      // A payout that can be paid is reviewed under the checks paying it makes, so a refusal shows
      // before anyone reaches for the device; a draft is reviewed for its fees alone.
      const payable = p.status === 'in_progress'
      if (payable) assertReadyToPay(p)
      const { ctx, items } = await planContext(p, options.accountPath, ['draft', 'queued'])
      if (payable) await refuseIfPaidBefore(payoutId, ctx, items)
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
      settleRows(payoutId, 'Before paying:')
      executing.add(payoutId)
      let why = 'The payment stopped before every row was signed:'
      try {
        deps.assertApprovedPayer(p.id, (await deps.ledger.signer(options.accountPath)).address)
        if ((await journal.listUnsettled()).some((t) => t.payoutId === payoutId)) throw alreadySending
        const result = await loops.exclusive(p.chainId, async () => {
          const { ctx, signer, items } = await planContext(p, options.accountPath, ['queued'])
          await refuseIfPaidBefore(payoutId, ctx, items)
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
              detail: withExact(
                `${plan.kind === PLAN_KIND.batch ? 'Batch' : 'One transaction per recipient'}: ${s.transactions} transaction${s.transactions === 1 ? '' : 's'} from ${ctx.from}, estimated network fee ${peopleAmount(s.estimatedFee, { symbol: ctx.network.nativeSymbol, decimals: NATIVE_DECIMALS })}`,
                [`Estimated network fee: ${s.estimatedFee} base units`]
              )
            })
          )
          return executorFor(p.chainId).execute(payoutId, plan, signer)
        })
        if (result.stopped) why = result.stopped.error.message
        executing.delete(payoutId)
        const requeuedRows = settleRows(payoutId, why)
        if (!result.stopped) return { payoutId, plan: options.plan, signed: result.signed, stopped: null }
        const { error } = result.stopped
        // Nothing signed: the user simply tries again; the error says what to fix.
        if (result.signed.length === 0) throw error
        return {
          payoutId,
          plan: options.plan,
          signed: result.signed,
          stopped: { step: result.stopped.step, code: error.code, message: error.message, requeuedRows }
        }
      } finally {
        // However signing ended (a device unplugged, a fault in the engine), no row is left on its
        // way with nothing paying it.
        if (executing.delete(payoutId)) settleRows(payoutId, why)
        void loops.track(p.chainId)
      }
    },

    /**
     * Signs and sends a plan another payer prepared (a Safe's execTransaction, built by the Safe
     * services from the owners' signatures) from the Ledger account at `accountPath`, under the same
     * rules as execute: the payout is ready to pay, one signing per payout at a time, every
     * transaction recorded before broadcast and followed until it settles.
     */
    async executePrepared(
      payoutId: string,
      accountPath: string,
      build: (sender: string) => Promise<ExecutionPlan>
    ): Promise<{ readonly signed: readonly string[] }> {
      const p = load(payoutId)
      assertReadyToPay(p)
      if (executing.has(payoutId))
        throw new AppFailure('already_sending', 'This payout is being signed right now. Wait until it is done.')
      settleRows(payoutId, 'Before paying:')
      executing.add(payoutId)
      let why = 'The payment stopped before it was signed:'
      try {
        const signer = await deps.ledger.signer(accountPath)
        const result = await loops.exclusive(p.chainId, async () =>
          executorFor(p.chainId).execute(payoutId, await build(signer.address), signer)
        )
        if (result.stopped) {
          why = result.stopped.error.message
          if (result.signed.length === 0) throw result.stopped.error
        }
        return { signed: result.signed }
      } finally {
        if (executing.delete(payoutId)) settleRows(payoutId, why)
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

    /**
     * Start-up: rows of payouts in progress that no open transaction covers go back to the queue
     * (the process that was signing them is gone), then every open transaction the database holds
     * is followed until it settles. Returns once the rows are settled; tracking goes on in the background.
     */
    async resume(): Promise<{ readonly chains: readonly number[]; readonly transactions: number }> {
      for (const id of payoutIdsWithStatus(db.read, 'in_progress')) settleRows(id, 'After a restart:')
      const open = [...(await journal.listUnsettled()), ...(await journal.listUnverified())]
      const chains = [...new Set(open.map((t) => Number(t.chainId)))]
      for (const chainId of chains) void loops.track(chainId)
      return { chains, transactions: open.length }
    },

    /**
     * On reading or cancelling a payout: the cheap part of the start-up rule, for a payout with rows
     * in progress and no open transaction (an approval was confirmed but its batch never signed).
     * Nothing happens while this process signs it.
     */
    settleIdleRows(payoutId: string): void {
      const p = getPayoutRow(db.read, payoutId)
      if (p === undefined || p.status !== 'in_progress' || executing.has(payoutId)) return
      if (itemStatusCountsRead(db.read, payoutId).in_progress === 0 || hasOpenTransaction(db.read, payoutId)) return
      settleRows(payoutId, 'No transaction pays these rows any more:')
    },

    /** Whether this process is signing the payout right now. */
    signing(payoutId: string): boolean {
      return executing.has(payoutId)
    },

    /**
     * A person checked that row `row` was not paid by `hash` (its transaction whose outcome the
     * network does not show): the row is queued to be paid again, with who confirmed it and why in
     * the audit log (execution/rowRelease.ts).
     */
    confirmRowNotPaid(
      payoutId: string,
      input: { readonly row: number; readonly hash: string; readonly reason: string; readonly actor: string }
    ): void {
      changed(payoutId, releaseUncertainRow(db.write, payoutId, { ...input, at: stamp() }))
    },

    /**
     * The paying account `account` (the Ledger at `accountPath`) signs that its transactions this app has no
     * record of, up to (not including) number `through`, were looked at and none paid rows queued
     * here: signing is no longer refused for them (execution/unrecordedSends.ts). `through` cannot
     * pass the account's count on the network: nobody can have looked at transactions not yet sent.
     */
    async signUnrecordedSendsStatement(
      payoutId: string,
      input: {
        readonly accountPath: string
        readonly account: string
        readonly through: number
        readonly actor: string
      }
    ): Promise<void> {
      const p = load(payoutId)
      const network = catalogue.requireNetwork(p.chainId)
      const account = (await deps.ledger.signer(input.accountPath)).address
      if (account.toLowerCase() !== input.account.toLowerCase())
        throw new AppFailure(
          'invalid_input',
          `The Ledger account at ${input.accountPath} is ${account}, not ${input.account}, whose transactions were to be looked at. Choose that account and review again.`
        )
      const sent = await highestCount(
        deps.rpcFor(p.chainId),
        deps.witnessesFor?.(p.chainId) ?? [],
        BigInt(p.chainId),
        account
      )
      if (input.through > sent.next)
        throw new AppFailure(
          'invalid_input',
          `${account} has sent ${sent.next} transactions on ${network.name}; a statement cannot cover number ${input.through - 1}, which it has not used. Review the payout again.`
        )
      // A number only some sources show as used may be made up: a statement covering it would also
      // cover the transaction that takes that number later.
      if (input.through > sent.lowest)
        throw new AppFailure(
          'endpoints_disagree',
          `The endpoint and its second opinions on ${network.name} disagree about how many transactions ${account} has sent (${sent.lowest} to ${sent.next}), so a statement cannot cover number ${input.through - 1}: one of them may be wrong. Check the endpoints in Settings, or review the payout again once they agree.`
        )
      const statement = { chainId: p.chainId, account, through: input.through, payoutId }
      const signature = await deps.ledger.signPersonalMessage(input.accountPath, statementText(statement))
      recordUnrecordedSendsStatement(db, {
        ...statement,
        network: network.name,
        signature,
        actor: input.actor,
        at: stamp()
      })
      // The payout's history shows the statement.
      changed(payoutId, p.status)
    },

    /**
     * Takes back the token allowance a payout's approval left with the batch contract (a payout
     * whose rest was cancelled): an approve of 0, signed on the device like any transaction and
     * recorded before it is sent (execution/revoke.ts). Offered, never forced: a left allowance is
     * otherwise used by the payer's next batch of that token.
     */
    async revokeAllowance(
      payoutId: string,
      options: { readonly accountPath: string; readonly actor: string }
    ): Promise<{ readonly hash: string }> {
      const p = load(payoutId)
      if (executing.has(payoutId)) throw new AppFailure('already_sending', 'This payout is being signed right now.')
      executing.add(payoutId)
      try {
        return await revokeLeftAllowance(
          {
            db: db.write,
            catalogue,
            journal,
            rpc: deps.rpcFor(p.chainId),
            signer: (path) => deps.ledger.signer(path),
            execute: (plan, signer) => executorFor(p.chainId).execute(payoutId, plan, signer),
            exclusive: (job) => loops.exclusive(p.chainId, job),
            now: stamp,
            ...(deps.feePolicy ? { feePolicy: deps.feePolicy } : {})
          },
          p,
          options
        )
      } finally {
        executing.delete(payoutId)
        void loops.track(p.chainId)
      }
    },

    /**
     * A network's endpoint changed: its tracking loop (stopped if the old endpoint served another
     * chain) starts again, and its first pass checks the new endpoint's chain id before any read.
     */
    endpointChanged(chainId: number): void {
      // The next loop asks for a fresh executor: its witnesses depend on which endpoint is in use.
      executors.delete(chainId)
      void loops.track(chainId)
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
