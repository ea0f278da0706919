import { tooManyRequests } from './errors.ts'

/**
 * Fixed-window counters kept in memory, per process. Enough for one local process; a hosted
 * deployment relies on Supabase Auth's own limits. Old windows are dropped as they pass.
 */
export function createRateLimiter(opts: { limit: number; windowMs: number; now?: () => number }) {
  const now = opts.now ?? Date.now
  const windows = new Map<string, { start: number; count: number }>()

  function sweep(t: number) {
    if (windows.size < 10_000) return
    for (const [k, w] of windows) if (t - w.start >= opts.windowMs) windows.delete(k)
  }

  return {
    /** Counts one hit for `key`; throws 429 with Retry-After when over the limit. */
    hit(key: string) {
      const t = now()
      sweep(t)
      const w = windows.get(key)
      if (!w || t - w.start >= opts.windowMs) {
        windows.set(key, { start: t, count: 1 })
        return
      }
      w.count++
      if (w.count > opts.limit)
        throw tooManyRequests(Math.max(1, Math.ceil((w.start + opts.windowMs - t) / 1000)))
    },
    reset() {
      windows.clear()
    },
  }
}
export type RateLimiter = ReturnType<typeof createRateLimiter>
