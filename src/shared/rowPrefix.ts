// Runs in: every process. Issue messages begin "Row 12: " to name their row wherever they are read
// on their own (a file's problem list, an API error); shown at the row itself, that is dropped.

/** The row a message names at its start ("Row 12: ", "Row 1,200: "). */
export const ROW_PREFIX = /^Row [0-9,]+: /

/** A message shown at its row (tooltip, side panel, table cell) without the "Row 12: " that names it elsewhere. */
export function atRow(message: string): string {
  return message.replace(ROW_PREFIX, '')
}
