// Runs in: main (pure). A chain time (Unix seconds: a block's timestamp, a feed round's update) as
// the books write dates: ISO 8601 in UTC, to the second.
const MS_PER_SECOND = 1000

export function utcOfUnixSeconds(seconds: number): string {
  return new Date(seconds * MS_PER_SECOND).toISOString().replace('.000Z', 'Z')
}
