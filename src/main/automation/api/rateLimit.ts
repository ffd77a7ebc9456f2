// Runs in: main (plain Node). A token bucket per API token: a burst is allowed, a steady flood is
// slowed to the refill rate, and the answer says when to come back.

export interface RateLimit {
  /** Requests a token may make at once after being idle. */
  readonly burst: number
  /** Requests per second a token may keep making. */
  readonly perSecond: number
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 60, perSecond: 20 }

export interface RateLimiter {
  /** Takes one request from `key`'s bucket: 0 when allowed, else the seconds to wait. */
  take(key: string): number
}

export function createRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    take(key) {
      const t = now()
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t }
      const tokens = Math.min(limit.burst, bucket.tokens + ((t - bucket.at) / 1000) * limit.perSecond)
      if (tokens < 1) {
        buckets.set(key, { tokens, at: t })
        return Math.max(1, Math.ceil((1 - tokens) / limit.perSecond))
      }
      buckets.set(key, { tokens: tokens - 1, at: t })
      return 0
    }
  }
}
