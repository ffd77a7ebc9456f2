// Runs in: renderer. A payout digest laid out for a person to compare by eye with what another
// screen or a Ledger shows: lower-case hex in groups of four, a few groups per line.

const HEX = /^(0x)?[0-9a-fA-F]+$/
export const DIGEST_GROUP_SIZE = 4
export const DIGEST_GROUPS_PER_LINE = 4

/** "0xAB12…" -> ["ab12", "cd34", …]; a text that is not hex comes back whole, in one group. */
export function digestGroups(digest: string, size = DIGEST_GROUP_SIZE): string[] {
  const text = digest.trim()
  if (!HEX.test(text)) return [text]
  const hex = text.replace(/^0x/, '').toLowerCase()
  const groups: string[] = []
  for (let i = 0; i < hex.length; i += size) groups.push(hex.slice(i, i + size))
  return groups
}

/** The groups split into lines of `perLine` groups, each line one string joined by spaces. */
export function digestLines(digest: string, perLine = DIGEST_GROUPS_PER_LINE): string[] {
  const groups = digestGroups(digest)
  const lines: string[] = []
  for (let i = 0; i < groups.length; i += perLine) lines.push(groups.slice(i, i + perLine).join(' '))
  return lines
}

/** The first and last groups, for a short "starts … ends" reference in a list. */
export function digestShort(digest: string): string {
  const groups = digestGroups(digest)
  if (groups.length <= 2) return groups.join(' ')
  return `${groups[0] ?? ''} ${groups[1] ?? ''} … ${groups[groups.length - 1] ?? ''}`
}
