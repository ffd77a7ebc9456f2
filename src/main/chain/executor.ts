// Runs in: main (plain Node). Executes a plan: for each step, allocate the nonce, simulate the exact
// transaction, sign it, persist it (the journal write that must precede any broadcast), broadcast
// it; then follow every transaction to its final state. An ERC-20 approval is awaited in a block
// before the batch that spends it is simulated and signed. Everything after signing can be
// resumed from the journal alone by a fresh executor (see `resume`).
//
// The steps overlap by one: while step k is being sent, step k+1 is prepared (nonce, simulation,
// signature, journal write). The rules that keep this safe:
// - the device signs one request at a time (the Ledger service queues them, and preparations of
//   one account run one after another under the account lock);
// - a step is persisted with its items, on disk, before it is sent or reported signed (its nonce is
//   claimed as soon as the record is visible, so the next step is signed while the disk syncs);
// - step k+1 is sent only after the node answered for step k (accepted, or a lost answer later
//   settled by hash); if step k is refused, step k+1 is never sent by this call: it stays in the
//   journal as signed, covering its items, and the tracker sends it only once a node holds step k
//   (tracker.ts), so nothing is paid twice and a restart resumes from the journal;
// - after an approval nothing is prepared ahead: the batch is simulated against the mined allowance.
import { getAddress } from 'ethers'
import { BROADCAST_STATUS, DEFAULT_BROADCAST_OPTIONS, broadcastSigned, type BroadcastOptions } from './broadcast'
import { batchCall } from './batchCalls'
import { CHAIN_ERROR, ChainError } from './errors'
import type { EthRpc } from './ethRpc'
import { safeEmit, type ExecutionListener } from './events'
import { DEFAULT_FEE_POLICY, quoteFees, type FeePolicy, type FeeQuote } from './fees'
import { TX_PURPOSE, TX_STATE, type ExecutionJournal } from './journal'
import { KeyedLock, accountKey, nextNonce } from './nonces'
import { STEP_KIND, type ExecutionPlan, type PlanStep } from './planTypes'
import { checkSigned } from './signedCheck'
import { findOffendingRows, revertReason, simulateTx, simulateWithNonce, simulationFailed } from './simulate'
import type { SignedTransaction, TransactionSigner, UnsignedTransaction } from './signer'
import { TrackerMemory, reconcile, type PassResult, type RecordWatch, type TrackerContext } from './tracker'

export interface ExecutorOptions {
  readonly rpc: EthRpc
  readonly journal: ExecutionJournal
  readonly chainId: bigint
  /** Confirmation depth of this network (>= 1). */
  readonly confirmations: number
  /** Blocks after confirmation during which a confirmed transaction's block is compared again. Default 0. */
  readonly reorgWatchBlocks?: number
  /** The network's other endpoints, asked for evidence before a transaction is judged on the endpoint's silence. */
  readonly witnesses?: readonly EthRpc[]
  /** Whether the journal's records are what their signed bytes say (see TrackerContext). */
  readonly records?: RecordWatch
  readonly feePolicy?: FeePolicy
  readonly broadcast?: BroadcastOptions
  readonly pollIntervalMs?: number
  readonly onEvent?: ExecutionListener
}

export interface ExecutionReport {
  readonly payoutId: string
  /**
   * Hashes signed and persisted by this call, in step order. When stopped, this can include the
   * step after the stopped one: it was signed while the stopped one was being sent, and it waits in
   * the journal (never sent by this call) until a node holds the one before it.
   */
  readonly signed: readonly string[]
  /** Set when execution stopped before the last step; earlier steps stay in the journal and settle. */
  readonly stopped?: {
    readonly step: number
    readonly error: ChainError
    /**
     * Items no signed payment covers (an approval may have moved them to in_progress): the caller
     * returns them to their pre-execution status or fails them with `error`.
     */
    readonly unsignedItemIds: readonly string[]
  }
}

/** An outcome as a value: a promise of it never rejects, so work started ahead is never an unhandled rejection. */
type Settled<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: unknown }

/**
 * A step signed and recorded in the journal (its nonce claimed); `durable` settles when the journal
 * write is on disk, which is awaited before the step is reported signed or sent.
 */
interface Recorded {
  readonly hash: string
  readonly raw: string
  readonly nonce: number
  readonly durable: Promise<Settled<object>>
}
type Prepared = Settled<Recorded>

function settle<T extends object>(work: Promise<T>): Promise<Settled<T>> {
  return work.then(
    (value): Settled<T> => ({ ok: true, ...value }),
    (error: unknown): Settled<T> => ({ ok: false, error })
  )
}

const DEFAULT_POLL_MS = 1_000
const MAX_FEE_GROWTH_WITHOUT_REVIEW = 2n
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
/** One lock per process and account: two payouts never race for a nonce. */
const accountLocks = new KeyedLock()

export function unsignedFor(
  step: Pick<PlanStep, 'to' | 'value' | 'data' | 'gasLimit'>,
  chainId: bigint,
  nonce: number,
  fees: FeeQuote
): UnsignedTransaction {
  const base = { chainId, nonce, to: getAddress(step.to), value: step.value, data: step.data, gasLimit: step.gasLimit }
  return fees.type === 2
    ? { type: 2, ...base, maxFeePerGas: fees.maxFeePerGas, maxPriorityFeePerGas: fees.maxPriorityFeePerGas }
    : { type: 0, ...base, gasPrice: fees.gasPrice }
}

/** Signs; a refusal or failure of the signer becomes a ChainError that stops the plan cleanly. */
export async function signWith(signer: TransactionSigner, tx: UnsignedTransaction): Promise<SignedTransaction> {
  try {
    return await signer.signTransaction(tx)
  } catch (e) {
    if (e instanceof ChainError) throw e
    const signerCode =
      typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined
    const message = e instanceof Error && e.message ? e.message : 'The transaction could not be signed.'
    throw new ChainError(CHAIN_ERROR.signingFailed, message, { details: { signerCode }, cause: e })
  }
}

export class Executor {
  readonly tracker: TrackerContext
  private readonly memory = new TrackerMemory()
  private readonly pollMs: number

  constructor(private readonly options: ExecutorOptions) {
    if (options.confirmations < 1) throw new Error('confirmation depth must be at least 1')
    this.pollMs = options.pollIntervalMs ?? DEFAULT_POLL_MS
    this.tracker = {
      rpc: options.rpc,
      journal: options.journal,
      chainId: options.chainId,
      confirmations: options.confirmations,
      reorgWatchBlocks: options.reorgWatchBlocks ?? 0,
      witnesses: options.witnesses ?? [],
      ...(options.records ? { records: options.records } : {}),
      broadcast: options.broadcast ?? DEFAULT_BROADCAST_OPTIONS,
      ...(options.onEvent ? { onEvent: options.onEvent } : {})
    }
  }

  /** Refuses an endpoint that serves another chain: a signed transaction is only ever sent where it belongs. */
  async assertChain(): Promise<void> {
    const actual = await this.options.rpc.chainId()
    if (actual !== this.options.chainId) {
      throw new ChainError(
        CHAIN_ERROR.wrongChain,
        `The network endpoint serves chain ${actual}, not chain ${this.options.chainId}. Nothing was sent.`
      )
    }
  }

  /** Signs, persists and broadcasts every step of the plan in order. Does not wait for confirmations. */
  async execute(payoutId: string, plan: ExecutionPlan, signer: TransactionSigner): Promise<ExecutionReport> {
    const { rpc, journal } = this.options
    if (plan.chainId !== this.options.chainId)
      throw new ChainError(CHAIN_ERROR.wrongChain, 'This plan was made for another network.')
    if (getAddress(signer.address) !== getAddress(plan.from)) {
      throw new ChainError(
        CHAIN_ERROR.signerMismatch,
        `The connected device signs for ${signer.address}, but this payout pays from ${plan.from}.`
      )
    }
    await this.assertChain()
    const fees = await this.feesFor(plan)
    const signed: string[] = []
    const prepare = (step: PlanStep): Promise<Prepared> =>
      settle(
        accountLocks.run(accountKey(plan.chainId, plan.from), () =>
          this.signAndRecord(payoutId, plan, step, fees, signer)
        )
      )
    /** Lets the step prepared ahead finish, its journal write on disk included, so nothing is left running. */
    const finish = async (next: Promise<Prepared> | undefined): Promise<void> => {
      const done = await next
      if (done?.ok) await done.durable
    }
    /** Waits for a prepared step's journal write to be on disk; then it counts as signed. */
    const persisted = async (step: PlanStep, prepared: Prepared | undefined): Promise<Prepared | undefined> => {
      if (!prepared?.ok) return prepared
      const durable = await prepared.durable
      if (!durable.ok) return durable
      signed.push(prepared.hash)
      safeEmit(this.options.onEvent, {
        type: 'signed',
        payoutId,
        step: step.index,
        hash: prepared.hash,
        nonce: prepared.nonce
      })
      return prepared
    }
    // Steps are signed in order, so every step from position signed.length on is unsigned.
    const stop = (step: PlanStep, error: ChainError): ExecutionReport => {
      const unsigned = plan.steps.slice(signed.length).filter((s) => s.kind !== STEP_KIND.approve)
      return {
        payoutId,
        signed,
        stopped: { step: step.index, error, unsignedItemIds: unsigned.flatMap((s) => s.rows.map((r) => r.itemId)) }
      }
    }
    const first = plan.steps[0]
    let ahead = first ? prepare(first) : undefined
    for (const [position, step] of plan.steps.entries()) {
      const recorded = await ahead
      if (!recorded) throw new Error('step prepared out of order')
      const following = plan.steps[position + 1]
      // The next step is prepared while this one is made durable and sent.
      ahead = recorded.ok && following && step.kind !== STEP_KIND.approve ? prepare(following) : undefined
      const prepared = await persisted(step, recorded)
      if (!prepared?.ok) {
        await finish(ahead)
        const error = prepared?.error
        if (error instanceof ChainError) return stop(step, error)
        throw error
      }
      let halt: ChainError | undefined
      try {
        const result = await broadcastSigned(
          rpc,
          journal,
          { payoutId, hash: prepared.hash, raw: prepared.raw },
          this.tracker.broadcast,
          this.options.onEvent
        )
        if (result.status === BROADCAST_STATUS.rejected) halt = result.error
        else if (step.kind === STEP_KIND.approve) await this.awaitApproval(prepared.hash)
      } catch (e) {
        // Whatever happened, the step prepared ahead finishes (journal write included) before this returns.
        if (!(e instanceof ChainError)) {
          await finish(ahead)
          throw e
        }
        halt = e
      }
      if (halt) {
        // The step prepared ahead, if it got signed, stays in the journal unsent: reported as signed.
        const next = await persisted(plan.steps[position + 1] ?? step, await ahead)
        if (next && !next.ok && !(next.error instanceof ChainError)) throw next.error
        return stop(step, halt)
      }
      if (!ahead && following) ahead = prepare(following)
    }
    return { payoutId, signed }
  }

  /**
   * The fees the user saw with the plan, while they can still get the transactions mined; fresh
   * ones when the base fee has outgrown them, unless they more than doubled (then the user must
   * look at the payout again rather than sign a fee they never saw).
   */
  private async feesFor(plan: ExecutionPlan): Promise<FeeQuote> {
    const fresh = await quoteFees(this.options.rpc, this.options.feePolicy ?? DEFAULT_FEE_POLICY)
    const perGas = (q: FeeQuote): bigint => (q.type === 2 ? q.maxFeePerGas : q.gasPrice)
    const floor = fresh.type === 2 ? fresh.baseFeePerGas + fresh.maxPriorityFeePerGas : fresh.gasPrice
    if (plan.fees.type === fresh.type && perGas(plan.fees) >= floor) return plan.fees
    if (perGas(fresh) > perGas(plan.fees) * MAX_FEE_GROWTH_WITHOUT_REVIEW) {
      throw new ChainError(
        CHAIN_ERROR.feeTooHigh,
        'Network fees have more than doubled since this payout was planned. Review the new fee before signing.',
        {
          details: { planned: perGas(plan.fees), now: perGas(fresh) }
        }
      )
    }
    return fresh
  }

  private async signAndRecord(
    payoutId: string,
    plan: ExecutionPlan,
    step: PlanStep,
    fees: FeeQuote,
    signer: TransactionSigner
  ): Promise<Recorded> {
    const { rpc, journal, chainId } = this.options
    // The node's nonces and the simulation in one round trip; the nonce is only used if the simulation passes.
    const [{ nonces, failure }, recorded] = await Promise.all([
      simulateWithNonce(rpc, {
        from: plan.from,
        to: step.to,
        value: step.value,
        data: step.data,
        gasLimit: step.gasLimit
      }),
      journal.highestNonce(chainId, plan.from)
    ])
    if (failure) {
      if (step.kind === STEP_KIND.disperse && plan.batchContract) {
        const { address, calls } = plan.batchContract
        const offending = await findOffendingRows(step.rows, (rows) =>
          simulateTx(rpc, { from: plan.from, to: address, ...batchCall(plan.asset, rows, calls) })
        )
        throw simulationFailed(offending, failure)
      }
      throw simulationFailed(
        step.rows.length === 1 && step.rows[0] ? [{ row: step.rows[0], reason: revertReason(failure) }] : [],
        failure
      )
    }
    const nonce = nextNonce(nonces, recorded)
    const unsigned = unsignedFor(step, chainId, nonce, fees)
    // Before the device asks: what it will show, so the user compares it with what they expect.
    safeEmit(this.options.onEvent, {
      type: 'signing',
      payoutId,
      step: step.index,
      screen: signer.screen?.(unsigned) ?? null
    })
    const result = await signWith(signer, unsigned)
    const hash = checkSigned(unsigned, plan.from, result)
    const record = {
      payoutId,
      step: step.index,
      purpose: step.purpose,
      chainId,
      from: getAddress(plan.from),
      nonce,
      raw: result.raw,
      hash,
      itemIds: step.rows.map((r) => r.itemId)
    }
    // A journal may write the record at once and resolve later, once it is on disk (the SQLite
    // journal syncs its log off the main thread). The nonce is claimed as soon as the record is
    // visible, so the account lock can pass to the next step while the disk syncs; a journal that
    // shows it only when durable is simply waited for here, under the lock.
    const durable = settle(Promise.resolve(journal.recordSigned(record)).then(() => ({})))
    const claimed = await journal.highestNonce(chainId, plan.from)
    if (claimed === undefined || claimed < nonce) {
      const written = await durable
      if (!written.ok) throw written.error
    }
    return { hash, raw: result.raw, nonce, durable }
  }

  /**
   * The batch that spends an allowance is simulated against it: wait until the approval (or a
   * speed-up of it) is in a block. A cancel mined in its place, or a failed approval, stops here.
   */
  private async awaitApproval(hash: string): Promise<void> {
    const { rpc, journal } = this.options
    const first = (await journal.listUnsettled()).find((t) => t.hash === hash)
    if (!first)
      throw new ChainError(
        CHAIN_ERROR.simulationFailed,
        'The token approval is missing from the journal, so the batch was not signed.'
      )
    for (;;) {
      const members = await journal.listByNonce(first.chainId, first.from, first.nonce)
      for (const member of members) {
        const receipt = await rpc.receipt(member.hash)
        if (!receipt) continue
        if (receipt.success && member.purpose === TX_PURPOSE.approve) return
        throw new ChainError(
          CHAIN_ERROR.simulationFailed,
          'The token approval did not go through on the network, so the batch was not signed.'
        )
      }
      if (members.every((m) => m.state === TX_STATE.failed || m.state === TX_STATE.replaced)) {
        throw new ChainError(
          CHAIN_ERROR.simulationFailed,
          'The token approval can no longer be processed, so the batch was not signed.'
        )
      }
      if (members.some((m) => m.state === TX_STATE.unverified)) {
        throw new ChainError(
          CHAIN_ERROR.simulationFailed,
          'The network shows the token approval as processed but serves no receipt for it, so the batch was not signed. Pay the rest once the approval can be read.'
        )
      }
      await reconcile(this.tracker, this.memory)
      await sleep(this.pollMs)
    }
  }

  /** One reconciliation pass over the journal. Returns what remains to follow on this chain. */
  reconcileOnce(): Promise<PassResult> {
    return reconcile(this.tracker, this.memory)
  }
}
