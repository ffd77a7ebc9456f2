// Runs in: main (pure, no I/O). Address poisoning: an attacker sends dust from an address made to
// share its first and last characters with a payee the victim pays often, hoping the look-alike
// is copied from the history next time. An address that matches a known payee on the first 4 and
// last 4 hex characters (where wallets abbreviate) but is a different address is flagged.

/** Hex characters compared at each end; wallets show "0x1234…abcd". */
export const POISONING_MATCH_CHARS = 4

export interface KnownPayee {
  /** EIP-55. */
  readonly address: string
  readonly label: string | null
  readonly source: 'address_book' | 'paid_before'
}

function endsKey(address: string): string {
  const hex = address.slice(2).toLowerCase()
  return `${hex.slice(0, POISONING_MATCH_CHARS)}:${hex.slice(-POISONING_MATCH_CHARS)}`
}

/** Whether `a` looks like `b` at both ends but is another address. */
export function looksLike(a: string, b: string): boolean {
  return a.toLowerCase() !== b.toLowerCase() && endsKey(a) === endsKey(b)
}

/** Index of known payees by their visible ends: one lookup per row, however many payees exist. */
export function createLookalikeIndex(known: Iterable<KnownPayee>) {
  const exact = new Map<string, KnownPayee>()
  const byEnds = new Map<string, KnownPayee[]>()
  for (const k of known) {
    const lower = k.address.toLowerCase()
    const previous = exact.get(lower)
    // One entry per address; the address book's label wins over "paid before".
    if (previous !== undefined && previous.source === 'address_book') continue
    exact.set(lower, k)
  }
  for (const k of exact.values()) {
    const key = endsKey(k.address)
    const list = byEnds.get(key)
    if (list === undefined) byEnds.set(key, [k])
    else list.push(k)
  }
  return {
    /** The known payee with exactly this address, if any. */
    known(address: string): KnownPayee | undefined {
      return exact.get(address.toLowerCase())
    },
    /** Known payees `address` imitates (never itself). */
    lookalikes(address: string): KnownPayee[] {
      return (byEnds.get(endsKey(address)) ?? []).filter((k) => looksLike(address, k.address))
    }
  }
}
