// One answer as it is being written, kept in memory while it streams: its events can be replayed
// from any character offset (a resume) and followed live by any number of readers. The answer goes
// on being written when every reader has gone (a student who drops off resumes later).
import type { Citation, StreamDone, StreamError, StreamMeta } from '../contract/ai.ts'

export type RunEvent =
  | { event: 'meta'; data: StreamMeta }
  | { event: 'delta'; data: { offset: number; text: string } }
  | { event: 'citation'; data: Citation }
  | { event: 'error'; data: StreamError }
  | { event: 'done'; data: StreamDone }

type Listener = (e: RunEvent) => void

export class AnswerRun {
  meta: StreamMeta | null = null
  content = ''
  citations: Citation[] = []
  error: StreamError | null = null
  done: StreamDone | null = null
  private listeners = new Set<Listener>()

  get finished() {
    return this.done !== null
  }

  get readers() {
    return this.listeners.size
  }

  private emit(e: RunEvent) {
    for (const l of this.listeners) l(e)
  }

  setMeta(meta: StreamMeta) {
    this.meta = meta
    this.emit({ event: 'meta', data: meta })
  }

  append(text: string) {
    if (!text) return
    const offset = this.content.length
    this.content += text
    this.emit({ event: 'delta', data: { offset, text } })
  }

  finish(citations: Citation[], error: StreamError | null, done: StreamDone) {
    if (this.done) return
    this.citations = citations
    this.error = error
    this.done = done
    for (const c of citations) this.emit({ event: 'citation', data: c })
    if (error) this.emit({ event: 'error', data: error })
    this.emit({ event: 'done', data: done })
    this.listeners.clear()
  }

  /**
   * Replays what there is from character `offset` (meta, the rest of the text as one delta, and when
   * finished the citations, error and done), then follows live. Returns the unsubscribe function.
   */
  subscribe(offset: number, listener: Listener): () => void {
    if (this.meta) listener({ event: 'meta', data: this.meta })
    if (this.content.length > offset) {
      listener({ event: 'delta', data: { offset, text: this.content.slice(offset) } })
    }
    if (this.done) {
      for (const c of this.citations) listener({ event: 'citation', data: c })
      if (this.error) listener({ event: 'error', data: this.error })
      listener({ event: 'done', data: this.done })
      return () => {}
    }
    // Deltas before `offset` that arrive later (a reader ahead of us) are trimmed to what it lacks.
    let sent = Math.max(offset, this.content.length)
    const wrapped: Listener = (e) => {
      if (e.event === 'delta') {
        const end = e.data.offset + e.data.text.length
        if (end <= sent) return
        const text = e.data.offset < sent ? e.data.text.slice(sent - e.data.offset) : e.data.text
        listener({ event: 'delta', data: { offset: sent, text } })
        sent = end
        return
      }
      listener(e)
    }
    this.listeners.add(wrapped)
    return () => this.listeners.delete(wrapped)
  }
}

const encoder = new TextEncoder()

/** One server-sent event: `event: <name>` and its data as one JSON line. */
export const sseEvent = (e: RunEvent) =>
  encoder.encode(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`)

export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
}

/** A comment every so often while nothing else is sent, so proxies keep the connection open. */
const HEARTBEAT_MS = 15_000

/**
 * The run as a `text/event-stream` body from `offset`: each event is written as it happens (no
 * buffering); the body ends after `done`. A reader that goes away only unsubscribes.
 */
export function sseBody(run: AnswerRun, offset: number): ReadableStream<Uint8Array> {
  let unsubscribe = () => {}
  let heartbeat: ReturnType<typeof setInterval> | undefined
  let closed = false
  const stop = () => {
    closed = true
    unsubscribe()
    if (heartbeat) clearInterval(heartbeat)
  }
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let last = Date.now()
      const send = (e: RunEvent) => {
        if (closed) return
        try {
          controller.enqueue(sseEvent(e))
          last = Date.now()
          if (e.event === 'done') {
            stop()
            controller.close()
          }
        } catch {
          stop()
        }
      }
      unsubscribe = run.subscribe(offset, send)
      if (closed) return
      heartbeat = setInterval(() => {
        if (Date.now() - last < HEARTBEAT_MS) return
        try {
          controller.enqueue(encoder.encode(': still writing\n\n'))
          last = Date.now()
        } catch {
          stop()
        }
      }, HEARTBEAT_MS)
    },
    cancel() {
      stop()
    },
  })
}
