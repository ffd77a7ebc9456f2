// Runs in: main (pure, no I/O) and the registry worker thread.
// What a read has learnt about a file so far (format, encoding, delimiter, sheets, notices), and the
// result shapes built from it: the base every result shares, and a refusal.
import { EMPTY_PACKED } from './packedRows'
import { totalsOf } from './validate'
import type { FileNotice, ReadRegistryResult, RegistryFormat } from './types'
import type { PackedRows } from './packedRows'

/** readRegistry's result with its rows packed (packedRows.ts): built a batch at a time, cheap to send to main. */
export type PackedReadResult = Omit<ReadRegistryResult, 'rows'> & { readonly packed: PackedRows }

export interface ReadContext {
  format?: RegistryFormat
  encoding: string
  encodingAssumed?: boolean
  delimiter?: string
  sheets?: string[]
  sheet?: string
  notices: FileNotice[]
}

export function baseResult(ctx: ReadContext): PackedReadResult {
  return {
    ...(ctx.format === undefined ? {} : { format: ctx.format }),
    encoding: ctx.encoding,
    ...(ctx.encodingAssumed === true ? { encodingAssumed: true } : {}),
    ...(ctx.delimiter === undefined ? {} : { delimiter: ctx.delimiter }),
    ...(ctx.sheets === undefined ? {} : { sheets: ctx.sheets }),
    ...(ctx.sheet === undefined ? {} : { sheet: ctx.sheet }),
    amountReadings: [],
    packed: EMPTY_PACKED,
    skippedBlankRows: 0,
    totals: totalsOf([]),
    notices: ctx.notices
  }
}

export function failedResult(ctx: ReadContext, code: string, message: string): PackedReadResult {
  return { ...baseResult(ctx), error: { code, message } }
}
