// Runs in: every process (pure). A recipient row with nothing in it pays nobody: saving drops it,
// whether it was typed in the grid or read from a file, and so does every count of rows to save.

export interface RecipientText {
  readonly address: string
  readonly amount: string
  readonly name?: string
  readonly reference?: string
  readonly note?: string
  readonly category?: string
  readonly costCenter?: string
}

export function isBlankRecipient(r: RecipientText): boolean {
  return (
    isBlankText(r.address) &&
    isBlankText(r.amount) &&
    isBlankText(r.name) &&
    isBlankText(r.reference) &&
    isBlankText(r.note) &&
    isBlankText(r.category) &&
    isBlankText(r.costCenter)
  )
}

function isBlankText(v: string | undefined): boolean {
  return v === undefined || v.trim() === ''
}
