import { backoffDelay } from '../reconnect.ts'
import { failureKind, MAX_SERVER_ERRORS, RETRY_MAX_MS, RETRY_MIN_MS, reasonOf, statusOf } from './failures.ts'
import { createLock, type Lock } from './lock.ts'
import type { PendingStore, PendingWrite } from './store.ts'

// A queue of writes made while the connection may be gone (a ticket message; quiz answers
// later): each shows at once as pending, is kept (store.ts), and is sent in order when the
// browser is online. Exactly once is the server's part: every write carries its client id and a
// repeat answers what was stored. The queue's part is to send rarely twice: one tab drains at a
// time (lock.ts), and a write is marked `sending` before it goes.

/** How long a write stays claimed by a tab that may have died, where locks are only per tab. */
export const SENDING_LEASE_MS = 30_000
export interface PendingWritesOptions<P, R> {
  /** Names the lock the queue's tabs share. */
  name: string
  store: PendingStore<P>
  /** Sends one write (with `write.id` as its client id); rejects with the API client's errors. */
  send: (write: PendingWrite<P>) => Promise<R>
  isOnline?: () => boolean
  /** Subscribes to the browser coming back online; returns the unsubscribe. */
  onOnline?: (fn: () => void) => () => void
  lock?: Lock
  now?: () => number
  /** Runs `fn` after `ms`; returns a cancel. */
  later?: (fn: () => void, ms: number) => () => void
  newId?: () => string
}

const browserOnline = () => globalThis.navigator?.onLine !== false
function windowOnline(fn: () => void) {
  globalThis.window?.addEventListener('online', fn)
  return () => globalThis.window?.removeEventListener('online', fn)
}
function timeout(fn: () => void, ms: number) {
  const handle = setTimeout(fn, ms)
  return () => clearTimeout(handle)
}

/**
 * A queue of pending writes: `add` shows and keeps a write and sends it when it can; `subscribe`
 * gets the list after every change (in any tab), `onSent` each server answer. Call `flush` on
 * start (writes left from an earlier visit) and `close` when done.
 */
export function createPendingWrites<P, R>(opts: PendingWritesOptions<P, R>) {
  const { store, send } = opts
  const isOnline = opts.isOnline ?? browserOnline
  const lock = opts.lock ?? createLock()
  const now = opts.now ?? Date.now
  const later = opts.later ?? timeout
  const newId = opts.newId ?? (() => crypto.randomUUID())
  const changed = new Set<(list: PendingWrite<P>[]) => void>()
  const sent = new Set<(write: PendingWrite<P>, answer: R) => void>()
  let closed = false
  let tries = 0
  let cancelRetry: (() => void) | undefined

  const emit = () => {
    const list = store.read()
    for (const fn of changed) fn(list)
  }
  const update = (change: (list: PendingWrite<P>[]) => PendingWrite<P>[]) => {
    store.write(change(store.read()))
    emit()
  }
  const patch = (id: string, fields: Partial<PendingWrite<P>>) =>
    update((list) => list.map((w) => (w.id === id ? { ...w, ...fields } : w)))

  function retryIn(ms: number) {
    cancelRetry?.()
    cancelRetry = later(() => {
      cancelRetry = undefined
      void flush()
    }, ms)
  }

  /** The next write to send, marked `sending`; none while the first unsent one is another tab's. */
  function claimNext(): PendingWrite<P> | undefined {
    const list = store.read()
    const next = list.find((w) => w.state !== 'failed')
    if (!next) return undefined
    // Holding a cross-tab lock, a write still marked `sending` was left by a tab that is gone.
    if (next.state === 'sending' && !lock.crossTab) {
      const left = (next.sendingSince ?? 0) + SENDING_LEASE_MS - now()
      if (left > 0) {
        retryIn(left)
        return undefined
      }
    }
    next.state = 'sending'
    next.sendingSince = now()
    store.write(list)
    emit()
    return next
  }

  /** Records a failed send; true when the queue may go on with the next write. */
  function failed(write: PendingWrite<P>, error: unknown): boolean {
    const status = statusOf(error)
    const kind = failureKind(status)
    const serverErrors = (write.serverErrors ?? 0) + (kind === 'server' ? 1 : 0)
    if (kind === 'refused' || serverErrors >= MAX_SERVER_ERRORS) {
      patch(write.id, { state: 'failed', sendingSince: undefined, error: reasonOf(error, status) })
      return true
    }
    // Kept in its place: what follows waits, so the conversation arrives in the order written.
    patch(write.id, { state: 'waiting', sendingSince: undefined, serverErrors })
    retryIn(backoffDelay(tries++, RETRY_MIN_MS, RETRY_MAX_MS))
    return false
  }

  async function sendOne(write: PendingWrite<P>): Promise<boolean> {
    let answer: R
    try {
      answer = await send(write)
    } catch (error) {
      return failed(write, error)
    }
    tries = 0
    update((list) => list.filter((w) => w.id !== write.id))
    for (const fn of sent) {
      try {
        fn(write, answer)
      } catch (error) {
        console.error(error)
      }
    }
    return true
  }

  /** Sends writes in order until none is left or one must wait; 'stopped' when one must wait. */
  async function drain(): Promise<'done' | 'stopped'> {
    for (let next = claimNext(); next && !closed; next = claimNext()) {
      if (!(await sendOne(next))) return 'stopped'
    }
    return 'done'
  }

  let running: Promise<void> | undefined
  let again = false
  /** Sends what is waiting (when online); calls while a flush runs make it look once more at the end. */
  function flush(): Promise<void> {
    if (closed || !isOnline()) return Promise.resolve()
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      try {
        let result: 'done' | 'stopped'
        do {
          again = false
          result = await lock.run(`kipindi.pending.${opts.name}`, drain)
        } while (again && result === 'done' && !closed)
      } finally {
        running = undefined
      }
    })()
    return running
  }

  const stopOnline = (opts.onOnline ?? windowOnline)(() => {
    tries = 0
    void flush()
  })
  // Another tab added, sent or dropped a write: show it, and send what it may have left.
  const stopWatch = store.watch(() => {
    emit()
    void flush()
  })

  return {
    /** Every pending write, oldest first. */
    list: () => store.read(),
    /** Queues a write (shown at once) and tries to send it. */
    add(scope: string, payload: P): PendingWrite<P> {
      const write: PendingWrite<P> = {
        id: newId(),
        scope,
        payload,
        createdAt: new Date(now()).toISOString(),
        state: 'waiting',
      }
      update((list) => [...list, write])
      void flush()
      return write
    },
    /** Tries a failed write again (the person asked to). */
    retry(id: string) {
      update((list) =>
        list.map((w) =>
          w.id === id && w.state === 'failed'
            ? { ...w, state: 'waiting', error: undefined, serverErrors: 0 }
            : w,
        ),
      )
      tries = 0
      return flush()
    },
    /** Drops a failed write (the person chose not to send it). */
    discard(id: string) {
      update((list) => list.filter((w) => w.id !== id || w.state !== 'failed'))
    },
    flush,
    /** Calls `fn` with the list after every change; returns the unsubscribe. */
    subscribe(fn: (list: PendingWrite<P>[]) => void) {
      changed.add(fn)
      return () => changed.delete(fn)
    },
    /** Calls `fn` with each write the server took and its answer; returns the unsubscribe. */
    onSent(fn: (write: PendingWrite<P>, answer: R) => void) {
      sent.add(fn)
      return () => sent.delete(fn)
    },
    close() {
      closed = true
      cancelRetry?.()
      stopOnline()
      stopWatch()
      changed.clear()
      sent.clear()
    },
  }
}

export type PendingWrites<P, R> = ReturnType<typeof createPendingWrites<P, R>>
