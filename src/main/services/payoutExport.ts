// Runs in: main (plain Node). A payout's registry as a file (CSV with BOM, or XLSX), with each
// row's status and transaction hash once it has run; and the blank template for new users.
import type { FileContent } from '../../shared/api'
import type { Catalogue } from '../domain/catalogue'
import { notFound } from '../errors'
import { exportFileName, exportRegistry, registryTemplate, type ExportFormat } from '../registry/export'
import type { OpenedDatabase } from '../store/db'
import { getItems, getPayoutRow } from '../store/payoutRepo'

export function exportPayoutFile(
  db: OpenedDatabase,
  catalogue: Catalogue,
  id: string,
  format: ExportFormat
): FileContent {
  const payout = getPayoutRow(db.read, id)
  if (payout === undefined) throw notFound('Payout', id)
  const decimals = catalogue.asset(payout.assetId)?.decimals ?? 0
  const ran = payout.status !== 'draft' && payout.status !== 'pending'
  const rows = getItems(db.read, id).map((it) => ({
    address: it.address ?? it.addressInput,
    amount: it.amount,
    amountText: it.amountInput,
    name: it.name,
    reference: it.reference,
    note: it.note,
    category: it.category ?? '',
    costCenter: it.costCenter ?? '',
    status: it.status,
    ...(it.txHash === null ? {} : { txHash: it.txHash })
  }))
  const bytes = exportRegistry(rows, { decimals }, format, { includeStatus: ran })
  const title = payout.description.trim() === '' ? payout.id : `${payout.id} ${payout.description}`
  return { fileName: exportFileName(title, format), contentBase64: Buffer.from(bytes).toString('base64') }
}

export function templateFile(format: ExportFormat): FileContent {
  return {
    fileName: exportFileName('Treasury registry template', format),
    contentBase64: Buffer.from(registryTemplate(format)).toString('base64')
  }
}
