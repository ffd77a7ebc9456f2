// Runs in: Vitest, for tests only. A registry preview of one valid row, for tests of the import dialog; `patch`
// replaces whole fields.
import type { RegistryPreview } from '../../../shared/api'

export function preview(patch: Partial<RegistryPreview>): RegistryPreview {
  return {
    format: 'csv',
    encoding: 'utf-8',
    encodingAssumed: false,
    delimiter: ',',
    sheets: [],
    sheet: null,
    needs: null,
    headers: ['address', 'amount'],
    columns: ['A', 'B'],
    mapping: { address: 'A', amount: 'B' },
    sample: [],
    decimalSeparator: '.',
    amountReadings: [],
    rows: [
      {
        sourceRow: 2,
        address: '0x1',
        amount: '1',
        amountBaseUnits: '1',
        name: '',
        reference: '',
        note: '',
        category: '',
        costCenter: '',
        issues: []
      }
    ],
    importId: 'IM-000000000000000000000001',
    ambiguousAmounts: false,
    skippedBlankRows: 0,
    totals: { rows: 1, validRows: 1, rowsWithErrors: 0, rowsWithWarnings: 0, amountTotalBaseUnits: '1' },
    notices: [],
    error: null,
    ...patch
  }
}
