// Where pending writes wait: localStorage, one key per queue and signed-in person, so they outlive
// a reload or a closed tab and every tab of the app sees the same list.

/** Where a pending write stands: queued, being sent by some tab, or refused by the server. */
export type PendingState = 'waiting' | 'sending' | 'failed'

/** A write the server has not taken yet. */
export interface PendingWrite<P> {
  /** Made by the client (crypto.randomUUID()) and sent with the write: a repeat is recognised. */
  id: string
  /** What it belongs to (a ticket id): the page that shows it filters on this. */
  scope: string
  payload: P
  createdAt: string
  state: PendingState
  /** When a tab started sending it (`sending`): other tabs leave it alone until the lease runs out. */
  sendingSince?: number
  /** Server errors in a row (5xx): after a few it is failed rather than retried forever. */
  serverErrors?: number
  /** Why the server refused it (`failed`). */
  error?: { status: number; code: string; message: string }
}

/** The list of a queue, shared by the tabs of one browser. */
export interface PendingStore<P> {
  read(): PendingWrite<P>[]
  write(list: PendingWrite<P>[]): void
  /** Calls `onChange` when another tab changes the list; returns the unsubscribe. */
  watch(onChange: () => void): () => void
}

/** Every key this module writes starts with this (sign-out deletes them all). */
export const PENDING_KEY_PREFIX = 'kipindi.pending.'

/** The storage key of a queue (`ticket-messages`) of one person. */
export const pendingKey = (queue: string, userId: string) => `${PENDING_KEY_PREFIX}${queue}.${userId}`

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>
type EventTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>

function parse<P>(text: string | null): PendingWrite<P>[] | undefined {
  if (!text) return undefined
  try {
    const list = JSON.parse(text)
    return Array.isArray(list) ? list.filter((w) => w && typeof w.id === 'string') : undefined
  } catch {
    return undefined
  }
}

/**
 * A queue's list in `storage` under `key`. When storage cannot be used (private mode, full), the
 * list lives on in memory for this tab: still sent when the connection returns, just not kept
 * across a reload.
 */
export function localStore<P>(
  key: string,
  storage: StorageLike | undefined = globalThis.localStorage,
  target: EventTarget | undefined = globalThis.window,
): PendingStore<P> {
  let memory: PendingWrite<P>[] = []
  // Once storage fails, this tab keeps to its memory copy (stale storage must not overwrite it).
  let usable = storage !== undefined
  return {
    read() {
      if (usable) {
        try {
          memory = parse<P>(storage?.getItem(key) ?? null) ?? []
        } catch {
          usable = false
        }
      }
      return memory.map((w) => ({ ...w }))
    },
    write(list) {
      memory = list.map((w) => ({ ...w }))
      if (!usable) return
      try {
        if (list.length === 0) storage?.removeItem(key)
        else storage?.setItem(key, JSON.stringify(list))
      } catch {
        usable = false
      }
    },
    watch(onChange) {
      const listener = (e: StorageEvent) => {
        if (e.key === key || e.key === null) onChange()
      }
      target?.addEventListener('storage', listener)
      return () => target?.removeEventListener('storage', listener)
    },
  }
}

/** Whether a person has anything in a queue (cheap: no queue is made, nothing is sent). */
export function hasPendingWrites(
  queue: string,
  userId: string,
  storage: StorageLike | undefined = globalThis.localStorage,
): boolean {
  try {
    return Boolean(storage?.getItem(pendingKey(queue, userId)))
  } catch {
    return false
  }
}

/** Deletes every queue of every person from `storage` (on sign-out, or another person signing in). */
export function forgetPendingWrites(storage: StorageLike | undefined = globalThis.localStorage) {
  try {
    const keys: string[] = []
    for (let i = 0; i < (storage?.length ?? 0); i++) {
      const k = storage?.key(i)
      if (k?.startsWith(PENDING_KEY_PREFIX)) keys.push(k)
    }
    for (const k of keys) storage?.removeItem(k)
  } catch {
    // Nothing stored, nothing to forget.
  }
}
