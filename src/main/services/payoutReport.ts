// Runs in: main (plain Node). The report an accountant or auditor asks for, as a file: every
// recipient with amount, accounting labels, status, transaction and block, and its fiat value once
// captured; the transactions with fees (and their fiat values); the approvals with their signatures;
// a Safe's owner signatures when a Safe paid; and a summary. XLSX holds them as sheets; CSV holds the
// recipients.
import type { BookCurrency } from '../../shared/accounting'
import type { FileContent } from '../../shared/api'
import type { ApprovalReviewView } from '../../shared/approvals'
import type { Catalogue } from '../domain/catalogue'
import { NATIVE_DECIMALS } from '../domain/catalogue'
import { notFound } from '../errors'
import { exportFileName, toCsv, toWorkbook, type ExportFormat, type SheetCell } from '../registry/export'
import { amountCell, cellText, integerCell } from './reportCells'
import { FEE_FIAT_HEADERS, reportFiat, ROW_FIAT_HEADERS } from './reportFiat'
import { auditHead } from '../store/auditLog'
import type { OpenedDatabase } from '../store/db'
import { listPayoutTransactions } from '../store/journalRepo'
import { ITEM_STATUSES } from '../../shared/statuses'
import { getItems, getPayoutRow, itemStatusCounts } from '../store/payoutRepo'
import { safeTxsOfPayout, signaturesOf } from '../store/safeTxRepo'

/** "2 of 2", or why none were needed: a payout that needed no approval says so, not "0 of 1". */
function approvalsText(approval: ApprovalReviewView): string {
  if (approval.threshold === 0) return 'not required'
  return `${approval.approvals.length} of ${approval.threshold}`
}

function submitterText(approval: ApprovalReviewView): string {
  return approval.creator.address === null
    ? 'unsigned submission'
    : `${approval.creator.name} (${approval.creator.address})`
}

export function payoutReportFile(
  db: OpenedDatabase,
  catalogue: Catalogue,
  id: string,
  format: ExportFormat,
  approval: ApprovalReviewView | null,
  currency: BookCurrency = 'USD'
): FileContent {
  const auditHeadNow = auditHead(db.read)
  const payout = getPayoutRow(db.read, id)
  if (payout === undefined) throw notFound('Payout', id)
  const asset = catalogue.asset(payout.assetId)
  const network = catalogue.network(payout.chainId)
  const decimals = asset?.decimals ?? 0
  const native = network?.nativeSymbol ?? 'native'
  const txs = listPayoutTransactions(db.read, id)
  const blockOf = new Map(txs.map((t) => [t.hash, t.blockNumber ?? '']))
  const fiat = reportFiat(db, catalogue, id, currency)
  // Amounts twice: as a number a spreadsheet sums, in the asset's decimals (as text where a double
  // cannot hold it exactly; in CSV, text no reader can take for thousands grouping: 1.2340, not
  // 1.234), and as the exact integer of base units, which no spreadsheet locale can misread.
  const recipients: SheetCell[][] = [
    [
      'row',
      'address',
      'name',
      'reference',
      'amount',
      'amount_base_units',
      'currency',
      'status',
      'tx_hash',
      'block',
      'failure',
      'category',
      'cost_center',
      ...ROW_FIAT_HEADERS
    ]
  ]
  for (const it of getItems(db.read, id)) {
    const block = it.txHash === null ? '' : (blockOf.get(it.txHash) ?? '')
    recipients.push([
      integerCell(it.row),
      it.address ?? it.addressInput,
      it.name,
      it.reference,
      it.amount === null ? it.amountInput : amountCell(it.amount, decimals),
      it.amount === null ? '' : it.amount.toString(),
      asset?.symbol ?? '',
      it.status,
      it.txHash ?? '',
      block === '' ? '' : integerCell(block),
      it.failure ?? '',
      it.category ?? '',
      it.costCenter ?? '',
      ...fiat.row(it.row)
    ])
  }
  const title = `${payout.id} report`
  if (format === 'csv')
    return {
      fileName: exportFileName(title, 'csv'),
      contentBase64: Buffer.from(toCsv(recipients.map((r) => r.map(cellText)))).toString('base64')
    }

  let feesPaid = 0n
  const transactions: SheetCell[][] = [
    [
      'tx_hash',
      'purpose',
      'from',
      'nonce',
      'state',
      'block',
      `fee_paid_${native}`,
      'fee_paid_base_units',
      'rows',
      'replaces',
      'failure',
      'recorded_at',
      ...FEE_FIAT_HEADERS
    ]
  ]
  for (const t of txs) {
    if (t.feePaidBaseUnits !== null) feesPaid += BigInt(t.feePaidBaseUnits)
    transactions.push([
      t.hash,
      t.purpose,
      t.from,
      integerCell(t.nonce),
      t.state,
      t.blockNumber === null ? '' : integerCell(t.blockNumber),
      t.feePaidBaseUnits === null ? '' : amountCell(BigInt(t.feePaidBaseUnits), NATIVE_DECIMALS),
      t.feePaidBaseUnits ?? '',
      integerCell(t.rows),
      t.replaces ?? '',
      t.failure ?? '',
      t.createdAt,
      ...fiat.fee(t.hash)
    ])
  }
  const approvals: string[][] = [['approver', 'signer', 'signature', 'approved_at', 'source']]
  for (const a of approval?.approvals ?? [])
    approvals.push([a.approverName, a.signer, a.signature, a.approvedAt, a.source])
  // Paid from a Safe: every owner signature of every Safe transaction, as the chain checked them.
  const safeSignatures: string[][] = [
    [
      'safe',
      'safe_tx_hash',
      'safe_nonce',
      'purpose',
      'state',
      'execution_tx',
      'owner',
      'signature',
      'mode',
      'source',
      'file',
      'signed_at'
    ]
  ]
  for (const t of safeTxsOfPayout(db.read, id))
    for (const sig of signaturesOf(db.read, t.safeTxHash))
      safeSignatures.push([
        t.safe,
        t.safeTxHash,
        t.safeTx.nonce.toString(),
        t.purpose,
        t.state,
        t.executionHash ?? '',
        sig.signer,
        sig.signature,
        sig.mode,
        sig.source,
        sig.sourceFile ?? '',
        sig.signedAt
      ])
  const summary: SheetCell[][] = [
    ['field', 'value'],
    ['payout', payout.id],
    ['purpose', payout.description],
    ['kind', payout.kind],
    ['status', payout.status],
    ['network', `${network?.name ?? ''} (chain ${payout.chainId})`],
    ['currency', `${asset?.symbol ?? ''} ${asset?.tokenAddress ?? 'native'}`],
    ['total', amountCell(payout.total, decimals)],
    ['total (base units)', payout.total.toString()],
    ['recipients', integerCell(payout.recipientCount)],
    // Rows that need checking are neither paid nor failed: the reader sees how many are undecided.
    ['rows by status', rowsByStatus(itemStatusCounts(db.read, id))],
    [`network fees paid (${native})`, amountCell(feesPaid, NATIVE_DECIMALS)],
    [`network fees paid (${native} base units)`, feesPaid.toString()],
    ...fiat.summary(),
    ['drafted at desk', payout.createdBy],
    ['created at', payout.createdAt],
    ['submitted by', approval === null ? '' : submitterText(approval)],
    [
      'policy version',
      approval?.policy === null || approval === null ? '' : `${approval.policy.sequence} (${approval.policy.hash})`
    ],
    ['approval digest', approval?.digest ?? ''],
    ['approvals', approval === null ? '' : approvalsText(approval)],
    [
      'acknowledged warnings',
      approval === null ? '' : approval.acknowledgements.map((a) => `${a.kind}: rows ${a.rows.join(', ')}`).join('; ')
    ],
    // The audit log's head when the report was made: a later rewrite of the log no longer matches it.
    ['audit log head', `entry ${auditHeadNow.id}, ${auditHeadNow.hash}`]
  ]
  const bytes = toWorkbook([
    ['Summary', summary],
    ['Recipients', recipients],
    ['Transactions', transactions],
    ['Approvals', approvals],
    ...(safeSignatures.length > 1 ? [['Safe signatures', safeSignatures] as [string, string[][]]] : [])
  ])
  return { fileName: exportFileName(title, 'xlsx'), contentBase64: Buffer.from(bytes).toString('base64') }
}

/** "paid 18, needs_check 2": the statuses rows are in, in the order of shared/statuses.ts. */
function rowsByStatus(counts: Readonly<Record<(typeof ITEM_STATUSES)[number], number>>): string {
  return ITEM_STATUSES.filter((s) => counts[s] > 0)
    .map((s) => `${s} ${counts[s]}`)
    .join(', ')
}
