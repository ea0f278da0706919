// Waiting for a webhook: after the plan checkout the school's plan changes when Stripe's event
// reaches the server, seconds later. Ask every 2 s until the answer shows it, for about 30 s; a
// failed ask is simply asked again.

export interface PollOptions<T> {
  load: () => Promise<T>
  /** True once the answer is the one waited for. */
  done: (answer: T) => boolean
  onDone: (answer: T) => void
  /** Nothing came in time (the page then says it may take longer). */
  onTimeout: () => void
  intervalMs?: number
  timeoutMs?: number
}

/** Starts polling at once; returns the function that stops it. */
export function pollUntil<T>(options: PollOptions<T>): () => void {
  const interval = options.intervalMs ?? 2000
  const deadline = Date.now() + (options.timeoutMs ?? 30_000)
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  async function ask() {
    if (stopped) return
    try {
      const answer = await options.load()
      if (stopped) return
      if (options.done(answer)) {
        stopped = true
        options.onDone(answer)
        return
      }
    } catch {
      if (stopped) return
    }
    if (Date.now() + interval > deadline) {
      stopped = true
      options.onTimeout()
      return
    }
    timer = setTimeout(() => void ask(), interval)
  }

  void ask()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
