// Runs in: main (plain Node). Registry files in and out: an uploaded file previewed (nothing
// saved) and its rows read a page at a time, a payout exported as a registry or as its report, and
// the blank template.
import type { Catalogue } from '../domain/catalogue'
import type { RegistryReader } from '../registry/inWorker'
import type { ApprovalService } from '../services/approvalService'
import { decodeBase64InSlices } from '../services/base64Slices'
import type { ImportKeeper } from '../services/importKeeper'
import { exportPayoutFile, templateFile } from '../services/payoutExport'
import { payoutReportFile } from '../services/payoutReport'
import { importRowsPage, previewRegistry } from '../services/registryPreview'
import type { OpenedDatabase } from '../store/db'
import { refuseAlteredPaidRows } from '../services/execution/paidRows'
import type { HandlersOf } from './owners'

export interface RegistryHandlerDeps {
  readonly db: OpenedDatabase
  readonly catalogue: Catalogue
  readonly reader: RegistryReader
  readonly imports: ImportKeeper
  readonly approvals: Pick<ApprovalService, 'reviewIfSubmitted'>
}

export function registryHandlers(deps: RegistryHandlerDeps): HandlersOf<'registry'> {
  const { db, catalogue } = deps
  return {
    async previewRegistry({ fileName, contentBase64, assetId, options }) {
      const asset = catalogue.requireAsset(assetId)
      const bytes = await decodeBase64InSlices(contentBase64)
      return previewRegistry(deps.reader, deps.imports, bytes, fileName, asset, options ?? {})
    },
    async readImportRows({ importId, offset, limit }) {
      return importRowsPage(deps.imports, importId, offset, limit)
    },
    async exportPayout({ id, format }) {
      return exportPayoutFile(db, catalogue, id, format)
    },
    async exportPayoutReport({ id, format, currency }) {
      await refuseAlteredPaidRows(db.read, catalogue, id, 'The report')
      return payoutReportFile(db, catalogue, id, format, deps.approvals.reviewIfSubmitted(id), currency)
    },
    async registryTemplate({ format }) {
      return templateFile(format)
    }
  }
}
