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

  /** The live window of `key` at time t, if any. */
  function current(key: string, t: number) {
    const w = windows.get(key)
    return w && t - w.start < opts.windowMs ? w : undefined
  }

  const retryAfter = (w: { start: number }, t: number) =>
    Math.max(1, Math.ceil((w.start + opts.windowMs - t) / 1000))

  return {
    /**
     * Counts one hit for `key`; throws 429 with Retry-After when over the limit. Returns `undo`, which
     * takes the hit back (while its window lasts): for attempts that only count when they fail.
     */
    hit(key: string): () => void {
      const t = now()
      sweep(t)
      let w = current(key, t)
      if (!w) {
        w = { start: t, count: 0 }
        windows.set(key, w)
      }
      w.count++
      if (w.count > opts.limit) throw tooManyRequests(retryAfter(w, t))
      const counted = w
      let undone = false
      return () => {
        if (undone || windows.get(key) !== counted) return
        undone = true
        counted.count = Math.max(0, counted.count - 1)
      }
    },
    /** Throws 429 like `hit` would, without counting: when `key` has no allowance left in its window. */
    check(key: string) {
      const t = now()
      const w = current(key, t)
      if (w && w.count >= opts.limit) throw tooManyRequests(retryAfter(w, t))
    },
    reset() {
      windows.clear()
    },
  }
}
export type RateLimiter = ReturnType<typeof createRateLimiter>
