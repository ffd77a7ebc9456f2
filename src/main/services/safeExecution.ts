// Runs in: main (plain Node). Executing a payout's Safe transaction once enough owners signed:
// the signatures kept here are verified again against the owners on chain now, execTransaction is
// built (hash, nonce and calldata checked) and sent from a Ledger account through the execution
// service, so it is recorded before broadcast and followed until the Safe's events settle the
// rows. Cancelling plans a zero-value Safe transaction at the same nonce, which owners sign and
// any desk executes like any other. The Transaction Builder file hands a Safe transaction to
// Safe{Wallet} for teams that execute there.
import { TX_PURPOSE, quoteFees, type ExecutionPlan } from '../chain'
import {
  buildSafeExecutionPlan,
  cancelSafeTx,
  collectSignatures,
  encodeBatchFile,
  safeTxHash,
  transactionBuilderBatch
} from '../safe'
import { SAFE_ERROR, safeFailure } from '../safe/errors'
import { appendAudit } from '../store/auditLog'
import { inTransaction } from '../store/db'
import {
  SAFE_TX_PURPOSE,
  SAFE_TX_STATUS,
  insertSafeTx,
  safeTxsOfPayout,
  setSafeTxState,
  signaturesOf
} from '../store/safeTxRepo'
import type { FileContent } from '../../shared/api'
import type { SafePayoutView } from '../../shared/safe'
import { decodeContextOf, readSafeOn, type SafeServiceDeps } from './safeContext'
import { cancelExplanation, formerOwnersOf, refreshFromChain, requireSafeTx, safePayoutView } from './safePayoutState'

export interface SafeExecutionHooks {
  /** The execution service's executePrepared: readiness, one signing at a time, journal, tracking. */
  readonly executePrepared: (
    payoutId: string,
    accountPath: string,
    build: (sender: string) => Promise<ExecutionPlan>
  ) => Promise<{ readonly signed: readonly string[] }>
  readonly actor: () => string
}

export function createSafeExecution(deps: SafeServiceDeps, hooks: SafeExecutionHooks) {
  const stamp = (): string => deps.now().toISOString()

  async function view(payoutId: string): Promise<SafePayoutView> {
    await refreshFromChain(deps, payoutId)
    const v = await safePayoutView(deps, payoutId)
    if (v === null) throw safeFailure(SAFE_ERROR.notPlanned, `Payout ${payoutId} has no Safe transaction here.`)
    return v
  }

  return {
    view: async (payoutId: string): Promise<SafePayoutView | null> => {
      await refreshFromChain(deps, payoutId)
      return safePayoutView(deps, payoutId)
    },

    async execute(payoutId: string, hash: string, accountPath: string): Promise<SafePayoutView> {
      await refreshFromChain(deps, payoutId)
      const t = requireSafeTx(deps, payoutId, hash)
      if (t.origin !== 'planned')
        throw safeFailure(
          SAFE_ERROR.fileWrongPayout,
          'This desk signs this Safe transaction as an owner; the desk that holds the payout executes it. Send it your signature file.'
        )
      if (t.state === SAFE_TX_STATUS.executing)
        throw safeFailure(
          SAFE_ERROR.alreadyExecuting,
          `This Safe transaction is already being executed by ${t.executionHash ?? 'a transaction this desk recorded'}. Wait until the network confirms it; it is never sent twice.`
        )
      if (t.state !== SAFE_TX_STATUS.awaitingSignatures)
        throw safeFailure(
          t.state === SAFE_TX_STATUS.nonceConsumed ? SAFE_ERROR.nonceConsumed : SAFE_ERROR.alreadyExecuted,
          t.explanation ?? `This Safe transaction is ${t.state.replace('_', ' ')}: there is nothing to execute.`
        )
      const rpc = deps.rpcFor(t.chainId)
      const network = deps.catalogue.requireNetwork(t.chainId)
      const expected = { chainId: BigInt(t.chainId), safe: t.safe, safeTx: t.safeTx }
      const claims = signaturesOf(deps.db.read, t.safeTxHash).map((s) => ({
        chainId: BigInt(t.chainId),
        safe: t.safe,
        nonce: t.safeTx.nonce,
        safeTxHash: t.safeTxHash,
        signer: s.signer,
        signature: s.signature
      }))
      const collected = await collectSignatures(rpc, expected, claims, formerOwnersOf(deps, t.chainId, t.safe))
      const decode = decodeContextOf(network, t.assetId, deps, t.safeTx.operation === 1 ? t.safeTx.to : undefined)
      const cancel = t.purpose === SAFE_TX_PURPOSE.cancel
      const { signed } = await hooks.executePrepared(payoutId, accountPath, async (sender) =>
        buildSafeExecutionPlan({
          rpc,
          chainId: BigInt(t.chainId),
          safe: t.safe,
          executor: sender,
          safeTx: t.safeTx,
          rows: t.rows,
          asset: decode.asset,
          decode,
          signatures: collected.encoded,
          fees: await quoteFees(rpc),
          sinceBlock: t.sinceBlock,
          purpose: cancel ? TX_PURPOSE.cancel : TX_PURPOSE.payment,
          ...(deps.planLimits === undefined ? {} : { limits: deps.planLimits })
        })
      )
      const at = stamp()
      inTransaction(deps.db.write, () => {
        setSafeTxState(deps.db.write, t.safeTxHash, SAFE_TX_STATUS.executing, at, { executionHash: signed[0] ?? null })
        appendAudit(deps.db.write, {
          actor: hooks.actor(),
          action: cancel ? 'safe_cancel_executed' : 'safe_executed',
          payoutId,
          at,
          detail: `Safe transaction ${t.safeTxHash} (number ${t.safeTx.nonce}) sent in ${signed.join(', ')} with the signatures of ${collected.signers.map((s) => deps.nameOf(s) ?? s).join(', ')} (${collected.signers.length} of ${collected.threshold})`
        })
      })
      return view(payoutId)
    },

    /** Plans the cancellation of a Safe transaction: nothing sent, nothing called, the same nonce. */
    async cancel(payoutId: string, hash: string): Promise<SafePayoutView> {
      const t = requireSafeTx(deps, payoutId, hash)
      if (
        t.origin !== 'planned' ||
        t.purpose !== SAFE_TX_PURPOSE.payment ||
        t.state !== SAFE_TX_STATUS.awaitingSignatures
      )
        throw safeFailure(
          SAFE_ERROR.alreadyExecuted,
          'Only a Safe transaction of this payout that has not been executed can be cancelled.'
        )
      const cancelTx = cancelSafeTx(t.safe, t.safeTx.nonce)
      const cancelHash = safeTxHash(BigInt(t.chainId), t.safe, cancelTx)
      if (safeTxsOfPayout(deps.db.read, payoutId).some((x) => x.safeTxHash === cancelHash)) return view(payoutId)
      const since = (await readSafeOn(deps, t.chainId, t.safe)).readAtBlock
      const at = stamp()
      inTransaction(deps.db.write, () => {
        insertSafeTx(deps.db.write, {
          ...t,
          safeTxHash: cancelHash,
          purpose: SAFE_TX_PURPOSE.cancel,
          route: 'cancel',
          safeTx: cancelTx,
          sinceBlock: since,
          state: SAFE_TX_STATUS.awaitingSignatures,
          explanation: cancelExplanation(t.safeTx.nonce),
          executionHash: null,
          createdAt: at,
          updatedAt: at
        })
        appendAudit(deps.db.write, {
          actor: hooks.actor(),
          action: 'safe_cancel_planned',
          payoutId,
          at,
          detail: `A zero-value Safe transaction ${cancelHash} at number ${t.safeTx.nonce} cancels ${t.safeTxHash}`
        })
      })
      return view(payoutId)
    },

    transactionBuilder(payoutId: string, hash: string): FileContent {
      const t = requireSafeTx(deps, payoutId, hash)
      const asset = decodeContextOf(deps.catalogue.requireNetwork(t.chainId), t.assetId, deps, undefined).asset
      const file = transactionBuilderBatch({
        chainId: BigInt(t.chainId),
        safe: t.safe,
        safeTx: t.safeTx,
        rows: t.rows,
        asset,
        payoutId,
        index: t.position,
        of: t.planSize,
        createdAt: deps.now()
      })
      return {
        fileName: `${payoutId}-safe-transaction-builder-${t.position + 1}.json`,
        contentBase64: Buffer.from(encodeBatchFile(file)).toString('base64')
      }
    }
  }
}

export type SafeExecution = ReturnType<typeof createSafeExecution>
