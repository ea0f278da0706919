/**
 * Runs `fn` alone under `name`. `crossTab` says whether that holds across the browser's tabs (the
 * Web Locks API) or only within this tab (older browsers; the queue then adds a lease per write).
 */
export interface Lock {
  run<T>(name: string, fn: () => Promise<T>): Promise<T>
  readonly crossTab: boolean
}

type LockManagerLike = { request<T>(name: string, fn: () => Promise<T>): Promise<T> }

/** The Web Locks API when the browser has it (a lock dies with its tab), else a lock within this tab. */
export function createLock(
  locks: LockManagerLike | undefined = globalThis.navigator?.locks as LockManagerLike | undefined,
): Lock {
  if (locks) return { run: (name, fn) => locks.request(name, fn), crossTab: true }
  return tabLock()
}

/** Runs callers of the same name one after another, in the order they asked. */
export function tabLock(): Lock {
  const tails = new Map<string, Promise<unknown>>()
  return {
    crossTab: false,
    run(name, fn) {
      const run = (tails.get(name) ?? Promise.resolve()).then(fn)
      const tail = run.catch(() => {})
      tails.set(name, tail)
      void tail.then(() => {
        if (tails.get(name) === tail) tails.delete(name)
      })
      return run
    },
  }
}
