// Runs in: main (plain Node) and the registry worker thread.
// The registry's public surface: reading an uploaded registry (pure, or in a worker with memory and
// time limits), validating rows typed in the grid, exporting rows and the template for new users.
export { readRegistry } from './read'
export { validateRows, type RowInput, type ValidateOptions, type Validated } from './validate'
export type {
  DecimalSeparator,
  FileNotice,
  ReadRegistryOptions,
  ReadRegistryResult,
  RegistryAsset,
  RegistryField,
  RegistryFormat,
  RegistryRow,
  RegistryTotals,
  RowIssue
} from './types'
export { LIMITS, REGISTRY_FIELDS } from './types'
export type { AssetCells } from './assetColumns'
