// Runs in: main (pure, no I/O). How one row of one payout is named where the chain engine and the
// journal meet: `${payoutId}#${row}`. The engine treats it as opaque; the store and the services
// that turn engine results back into rows read it here, and nowhere else.

export const itemId = (payoutId: string, row: number): string => `${payoutId}#${row}`

export function parseItemId(id: string): { readonly payoutId: string; readonly row: number } {
  const at = id.lastIndexOf('#')
  const row = Number.parseInt(id.slice(at + 1), 10)
  if (at <= 0 || !Number.isSafeInteger(row) || row < 1) throw new Error(`"${id}" is not an item id`)
  return { payoutId: id.slice(0, at), row }
}
