// The one loop of the interval jobs (SLA clocks, reminders): a run every `intervalMs`, never two at
// once (a tick while one runs is skipped), `run()` on demand (tests), `stop()` waits for the run.

export interface IntervalJob<R> {
  /** Runs now, or answers the run already going. */
  run(): Promise<R>
  stop(): Promise<void>
}

export function startIntervalJob<R>(intervalMs: number, runOnce: () => Promise<R>): IntervalJob<R> {
  let running: Promise<R> | undefined
  let stopped = false

  function run() {
    running ??= runOnce().finally(() => {
      running = undefined
    })
    return running
  }

  const timer = setInterval(() => {
    if (!stopped && !running) void run()
  }, intervalMs)
  timer.unref()

  return {
    run,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
