// Runs in: main (plain Node). Reconciliation: reads the chain again for one payout, or for every
// payout paid in a range of UTC dates, and compares it with the records (reconcileTransaction.ts);
// the differences are listed row by row and stored, with a summary, as an append-only result. The
// audit log entry is the caller's to write (the text is auditDetail's), so it can join the
// caller's own audit transaction.
import type { Catalogue } from '../domain/catalogue'
import { NATIVE_DECIMALS } from '../domain/catalogue'
import { notFound } from '../errors'
import type { EthRpc } from '../chain/ethRpc'
import { readTransaction, readValueTransfers } from '../chain/txEvidence'
import {
  finalTransactions,
  paidItems,
  payoutsPaidBetween,
  transactionFacts,
  type PaidItem
} from '../store/accountingRepo'
import { inTransaction, type OpenedDatabase } from '../store/db'
import { getPayoutRow } from '../store/payoutRepo'
import {
  insertReconciliation,
  type ReconciliationDifference,
  type ReconciliationOutcome,
  type StoredReconciliation
} from '../store/reconciliationRepo'
import { dayBounds } from './ledger'
import { compareTransaction, DIFFERENCE, orphanedPaidRows, type ReconcileAsset } from './reconcileTransaction'

export interface ReconcileDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  /** The endpoint of a network, by chain id. */
  readonly rpcFor: (chainId: number) => EthRpc
  readonly now: () => Date
  /** Who ran it (the operator's name). */
  readonly actor: string
}

export type ReconcileScope = { readonly payoutId: string } | { readonly from: string; readonly to: string }

export interface ReconcileResult {
  readonly reconciliation: StoredReconciliation
  readonly differences: readonly ReconciliationDifference[]
  /** How native payments were verified: a call trace, a verified batch call's calldata, or the transaction itself. */
  readonly nativeBasis: readonly string[]
}

/** Differences named in the audit text; the stored result holds them all. */
const AUDIT_DIFFERENCES_SHOWN = 5

interface PayoutCheck {
  differences: ReconciliationDifference[]
  rows: number
  transactions: number
  unreadable: boolean
  nativeBasis: Set<string>
}

async function checkPayout(deps: ReconcileDeps, payoutId: string, check: PayoutCheck): Promise<void> {
  const { db, catalogue } = deps
  const payout = getPayoutRow(db.read, payoutId)
  if (payout === undefined) throw notFound('Payout', payoutId)
  const found = catalogue.asset(payout.assetId)
  const network = catalogue.network(payout.chainId)
  const asset: ReconcileAsset = {
    symbol: found?.symbol ?? payout.assetId,
    decimals: found?.decimals ?? 0,
    tokenAddress: found?.tokenAddress ?? null
  }
  const native: ReconcileAsset = {
    symbol: network?.nativeSymbol ?? 'native',
    decimals: NATIVE_DECIMALS,
    tokenAddress: null
  }
  const rpc = deps.rpcFor(payout.chainId)
  const byTx = new Map<string, PaidItem[]>()
  for (const item of paidItems(db.read, payoutId)) {
    check.rows++
    const list = byTx.get(item.txHash)
    if (list === undefined) byTx.set(item.txHash, [item])
    else list.push(item)
  }
  for (const tx of finalTransactions(db.read, payoutId)) {
    check.transactions++
    const paid = byTx.get(tx.hash) ?? []
    byTx.delete(tx.hash)
    try {
      const [receipt, transaction] = await Promise.all([rpc.receipt(tx.hash), readTransaction(rpc, tx.hash)])
      const trace =
        asset.tokenAddress === null && receipt !== undefined ? await readValueTransfers(rpc, tx.hash) : undefined
      const result = compareTransaction(
        { tx, paid, asset, native, capturedFee: transactionFacts(db.read, tx.hash)?.feePaid ?? null },
        { receipt, transaction, ...(trace === undefined ? {} : { trace }) }
      )
      check.differences.push(...result.differences)
      if (result.nativeBasis !== undefined && paid.length > 0) check.nativeBasis.add(result.nativeBasis)
    } catch (e) {
      check.unreadable = true
      check.differences.push({
        payoutId,
        row: null,
        txHash: tx.hash,
        code: DIFFERENCE.chainUnreadable,
        expected: '',
        found: '',
        message: `${tx.hash} could not be read from the network (${e instanceof Error ? e.message : String(e)}); check again later.`
      })
    }
  }
  for (const rows of byTx.values()) check.differences.push(...orphanedPaidRows(payoutId, rows))
}

export async function reconcile(deps: ReconcileDeps, scope: ReconcileScope): Promise<ReconcileResult> {
  const startedAt = deps.now().toISOString()
  let payoutIds: string[]
  if ('payoutId' in scope) {
    if (getPayoutRow(deps.db.read, scope.payoutId) === undefined) throw notFound('Payout', scope.payoutId)
    payoutIds = [scope.payoutId]
  } else {
    const { start, end } = dayBounds(scope.from, scope.to)
    payoutIds = payoutsPaidBetween(deps.db.read, start, end)
  }
  const check: PayoutCheck = { differences: [], rows: 0, transactions: 0, unreadable: false, nativeBasis: new Set() }
  for (const id of payoutIds) await checkPayout(deps, id, check)
  const outcome: ReconciliationOutcome = check.unreadable
    ? 'incomplete'
    : check.differences.length === 0
      ? 'matched'
      : 'differences'
  const what = 'payoutId' in scope ? `payout ${scope.payoutId}` : `payouts paid ${scope.from} to ${scope.to}`
  const basis = check.nativeBasis.size === 0 ? '' : ` Native payments checked by ${[...check.nativeBasis].join(', ')}.`
  const summary = `${what}: ${payoutIds.length} payout(s), ${check.rows} paid row(s), ${check.transactions} transaction(s): ${
    outcome === 'matched' ? 'the chain matches the records' : `${check.differences.length} difference(s)`
  }${outcome === 'incomplete' ? ', some transactions could not be read' : ''}.${basis}`
  const record = {
    scope: 'payoutId' in scope ? ('payout' as const) : ('range' as const),
    payoutId: 'payoutId' in scope ? scope.payoutId : null,
    rangeFrom: 'from' in scope ? scope.from : null,
    rangeTo: 'to' in scope ? scope.to : null,
    outcome,
    payoutsChecked: payoutIds.length,
    rowsChecked: check.rows,
    transactionsChecked: check.transactions,
    summary,
    runBy: deps.actor,
    startedAt,
    finishedAt: deps.now().toISOString()
  }
  const id = inTransaction(deps.db.write, () =>
    insertReconciliation(deps.db.write, record, payoutIds, check.differences)
  )
  return {
    reconciliation: { ...record, id, differenceCount: check.differences.length },
    differences: check.differences,
    nativeBasis: [...check.nativeBasis]
  }
}

/** The audit log detail of a reconciliation: its summary and the first differences. */
export function auditDetail(result: Pick<ReconcileResult, 'reconciliation' | 'differences'>): string {
  const r = result.reconciliation
  const shown = result.differences
    .slice(0, AUDIT_DIFFERENCES_SHOWN)
    .map(
      (d) =>
        `${d.code}${d.row === null ? '' : ` row ${d.row}`}${d.expected === '' ? '' : ` expected ${d.expected}`}${d.found === '' ? '' : ` found ${d.found}`}`
    )
  const more = result.differences.length - shown.length
  return `Reconciliation ${r.id} (${r.outcome}) of ${r.summary}${shown.length === 0 ? '' : ` ${shown.join('; ')}`}${more > 0 ? `; and ${more} more` : ''}`
}
