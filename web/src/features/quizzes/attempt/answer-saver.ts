import type { AnswerBody } from '../../../../../edge/contract/assessments.ts'
import { failureKind, statusOf } from '../../../lib/pending-writes/failures.ts'
import { backoffDelay } from '../../../lib/reconnect.ts'

// Saving a student's answers as they give them: one request at a time per question, always the
// newest answer (typing waits `debounceMs` after the last key), tried again with backoff while the
// network or the server fails. A refusal that would be refused again (a 400) stops that question;
// a 409 (time up, already submitted), 403 or 404 stops everything: the attempt takes no more answers.

/** Per question: waiting to send, on its way, saved, failed and tried again, or refused. */
export type SaveState = 'pending' | 'saving' | 'saved' | 'retrying' | 'refused'

export interface SaverOptions {
  send: (questionId: string, body: AnswerBody) => Promise<unknown>
  onState: (questionId: string, state: SaveState, error?: unknown) => void
  /** The attempt takes no more answers (submitted, time up, gone): nothing more is sent. */
  onStop: (error: unknown) => void
  /** Keeps each answer until it is saved (a reload sends it again). */
  keep?: { put: (questionId: string, body: AnswerBody) => void; drop: (questionId: string) => void }
  debounceMs?: number
  /** The wait before try `tries` (0-based) again. */
  retryDelay?: (tries: number) => number
}

interface Entry {
  /** The newest answer not yet sent. */
  next?: AnswerBody
  timer?: ReturnType<typeof setTimeout>
  sending?: Promise<void>
  tries: number
}

export type AnswerSaver = ReturnType<typeof createAnswerSaver>

/** See the module comment. */
export function createAnswerSaver(o: SaverOptions) {
  const entries = new Map<string, Entry>()
  const debounceMs = o.debounceMs ?? 600
  const retryDelay = o.retryDelay ?? ((tries: number) => backoffDelay(tries, 1_000, 15_000))
  let stopped = false

  const entryOf = (q: string): Entry => {
    let e = entries.get(q)
    if (!e) {
      e = { tries: 0 }
      entries.set(q, e)
    }
    return e
  }
  const cancel = (e: Entry) => {
    if (e.timer !== undefined) clearTimeout(e.timer)
    e.timer = undefined
  }
  const later = (q: string, e: Entry, ms: number) => {
    cancel(e)
    e.timer = setTimeout(() => {
      e.timer = undefined
      void send(q)
    }, ms)
  }

  function stop() {
    stopped = true
    for (const e of entries.values()) cancel(e)
  }

  function failed(q: string, e: Entry, body: AnswerBody, error: unknown): Promise<void> | undefined {
    if (stopped) return
    const status = statusOf(error)
    if (status === 409 || status === 403 || status === 404) {
      stop()
      o.onStop(error)
      return
    }
    if (failureKind(status) === 'refused') {
      // A newer answer may fare better; this one would be refused again.
      if (e.next !== undefined) return e.timer === undefined ? send(q) : undefined
      o.keep?.drop(q)
      o.onState(q, 'refused', error)
      return
    }
    e.next ??= body
    o.onState(q, 'retrying', error)
    if (e.timer === undefined) later(q, e, retryDelay(e.tries++))
  }

  function send(q: string): Promise<void> {
    const e = entryOf(q)
    if (e.sending) return e.sending // the newest answer follows when this request ends
    if (stopped || e.next === undefined) return Promise.resolve()
    const body = e.next
    e.next = undefined
    o.onState(q, 'saving')
    const sending = o.send(q, body).then(
      () => {
        e.sending = undefined
        e.tries = 0
        if (stopped) return
        if (e.next !== undefined) return e.timer === undefined ? send(q) : undefined
        o.keep?.drop(q)
        o.onState(q, 'saved')
      },
      (error: unknown) => {
        e.sending = undefined
        return failed(q, e, body, error)
      },
    )
    e.sending = sending
    return sending
  }

  return {
    /** A new answer to `q`: sent at once, or (typing) once no key was pressed for a moment. */
    change(q: string, body: AnswerBody, opts: { debounce?: boolean } = {}) {
      if (stopped) return
      const e = entryOf(q)
      e.next = body
      e.tries = 0
      o.keep?.put(q, body)
      cancel(e)
      o.onState(q, 'pending')
      if (opts.debounce) later(q, e, debounceMs)
      else void send(q)
    },

    /** Sends everything waiting now; true when every answer given is saved. */
    async flush(): Promise<boolean> {
      for (const e of entries.values()) cancel(e)
      await Promise.all([...entries.keys()].map(send))
      return [...entries.values()].every((e) => e.next === undefined && !e.sending)
    },

    /** Tries the failed ones again now (the network is back). */
    retryNow() {
      for (const [q, e] of entries)
        if (e.next !== undefined && !e.sending) {
          cancel(e)
          void send(q)
        }
    },

    /** Answers given and not saved yet. */
    unsaved: (): number => [...entries.values()].filter((e) => e.next !== undefined || e.sending).length,

    /** Sends nothing more (the attempt was submitted, or the page closes). */
    stop,
  }
}
