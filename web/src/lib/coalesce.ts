// Bursts folded into one call: the first trigger opens a window, the triggers inside it join, and
// the call runs once when it closes. A trigger after that opens the next window. Used where the
// server may say the same thing several times in a second (access changes, outline moves) and one
// reload answers them all.

export interface Coalescer {
  /** Asks for the call; several asks within the window make one call. */
  trigger(): void
  /** Drops a pending call (the component went away). */
  cancel(): void
}

/** Runs `run` once per `windowMs` of triggers. */
export function coalesce(run: () => void, windowMs: number): Coalescer {
  let timer: ReturnType<typeof setTimeout> | undefined
  return {
    trigger() {
      timer ??= setTimeout(() => {
        timer = undefined
        run()
      }, windowMs)
    },
    cancel() {
      clearTimeout(timer)
      timer = undefined
    },
  }
}
