// Runs in: the registry worker thread (and main, in tests that read spreadsheets in-process).
// SheetJS, loaded the first time a spreadsheet is read: most registries are CSV, and loading the
// library costs a few hundred milliseconds that a CSV import should not pay.
import { createRequire } from 'node:module'
import type * as XLSX from '@e965/xlsx'

export type SheetLibrary = typeof XLSX

let loaded: SheetLibrary | undefined

export function sheetLibrary(): SheetLibrary {
  // __filename: the worker bundle is CommonJS, and so is every loader that runs the sources.
  loaded ??= createRequire(__filename)('@e965/xlsx') as SheetLibrary
  return loaded
}
