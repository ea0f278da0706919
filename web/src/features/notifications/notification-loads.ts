// When the bell asks the server for the notifications. The live topic `user:<id>` must be
// confirmed before a load can be trusted to miss nothing (the server keeps no backlog), and every
// confirmation is followed by a catch-up load anyway; so the first load simply waits for the first
// confirmation: one request per page load instead of one at sign-in and another on subscribe.
// When the live channel cannot deliver (the topic is refused, the socket is down) or takes longer
// than `wait`, the bell loads at once rather than stay empty.

export interface LoadPlanOptions {
  /** Asks the server for the notifications. */
  load: () => void
  /** How long the first load waits for the live topic before asking anyway (ms). */
  wait: number
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
}

/** The bell's load plan; see the module comment. */
export function createLoadPlan(options: LoadPlanOptions) {
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
  const clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>))
  let timer: unknown
  /** True from `start` until the person's first load was asked for. */
  let waiting = false

  function stop() {
    if (timer !== undefined) clearTimer(timer)
    timer = undefined
    waiting = false
  }

  function loadNow() {
    stop()
    options.load()
  }

  return {
    /** A person signed in: their first load waits for the live topic, at most `wait` ms. */
    start() {
      stop()
      waiting = true
      timer = setTimer(() => {
        timer = undefined
        if (waiting) loadNow()
      }, options.wait)
    },
    /** The topic was confirmed (the first time or after a reconnect): load what was missed. */
    subscribed: loadNow,
    /** The live channel cannot deliver now: the first load goes ahead; later ones wait for a reconnect. */
    liveDown() {
      if (waiting) loadNow()
    },
    /** Signed out, or the bell went away: no pending load. */
    stop,
  }
}
