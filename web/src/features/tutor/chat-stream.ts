import type { ChatBody, Citation, StreamDone, StreamMeta } from '../../../../edge/contract/ai.ts'
import { ApiError, apiErrorFrom } from '../../api/errors.ts'
import { backoffDelay } from '../../lib/reconnect.ts'
import { runtime } from '../../lib/runtime.ts'
import { MAX_RESUMES, mergeDelta, resumePath, retryable } from './answer-text.ts'
import { createSseParser, type SseEvent } from './sse.ts'

// The chat with the `ai-tutor` function: POST the question, read the answer's server-sent events
// as they arrive, and when the connection drops mid-answer, resume from the characters received
// (GET /chat/<message_id>?offset=N) with backoff, so nothing is lost and nothing is shown twice.

export interface ChatHandlers {
  onMeta: (meta: StreamMeta) => void
  /** The whole answer so far (each delta merged in). */
  onText: (text: string) => void
  onCitation: (citation: Citation) => void
  onDone: (done: StreamDone) => void
  /** True while the answer is being resumed after a dropped connection. */
  onReconnecting: (reconnecting: boolean) => void
}

/** The contract's stream schemas, loaded with the first question (not with the page). */
const loadSchemas = () => import('../../../../edge/contract/ai.ts')
type Schemas = Awaited<ReturnType<typeof loadSchemas>>

/** How the chat reaches the function: the app's by default, a fake in tests. */
export interface ChatTransport {
  fetch: typeof fetch
  url: (path: string) => string
  headers: () => Promise<Record<string, string>>
}

const appTransport = (): ChatTransport => ({
  fetch: (...args) => fetch(...args),
  url: (path) => `${runtime().config.supabaseUrl}/functions/v1/ai-tutor${path}`,
  headers,
})

async function headers(): Promise<Record<string, string>> {
  const { config, supabase } = runtime()
  const token = (await supabase.auth.getSession()).data.session?.access_token
  return {
    apikey: config.anonKey,
    accept: 'text/event-stream',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  }
}

/** A refusal before the stream started: the server's JSON error, said in the reader's language. */
async function refusal(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => undefined)
  return apiErrorFrom(res.status, body)
}

/** Where one answer stands while its events are read. */
interface Progress {
  messageId?: string
  text: string
  done: boolean
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    const stop = () => {
      clearTimeout(timer)
      resolve()
    }
    signal?.addEventListener('abort', stop, { once: true })
  })

/** Waits until the browser says it is online again (at once when it is). */
const online = (signal?: AbortSignal) =>
  typeof navigator !== 'undefined' && navigator.onLine === false
    ? new Promise<void>((resolve) => {
        window.addEventListener('online', () => resolve(), { once: true })
        signal?.addEventListener('abort', () => resolve(), { once: true })
      })
    : Promise.resolve()

/** Applies one event; returns false when the rest must be asked for again (a gap in the text). */
function apply(event: SseEvent, progress: Progress, s: Schemas, h: ChatHandlers): boolean {
  let data: unknown
  try {
    data = JSON.parse(event.data)
  } catch {
    return true
  }
  if (event.event === 'meta') {
    const meta = s.StreamMeta.safeParse(data)
    if (meta.success) {
      progress.messageId = meta.data.message_id
      h.onMeta(meta.data)
    }
  } else if (event.event === 'delta') {
    const delta = s.StreamDelta.safeParse(data)
    if (!delta.success) return true
    const next = mergeDelta(progress.text, delta.data)
    if (next === undefined) return false
    if (next !== progress.text) {
      progress.text = next
      h.onText(next)
    }
  } else if (event.event === 'citation') {
    const citation = s.Citation.safeParse(data)
    if (citation.success) h.onCitation(citation.data)
  } else if (event.event === 'done') {
    const done = s.StreamDone.safeParse(data)
    progress.done = true
    h.onDone(
      done.success ? done.data : { status: 'done', flagged: false, usage: { tokens_in: 0, tokens_out: 0 } },
    )
  } else if (event.event === 'error') {
    const error = s.StreamError.safeParse(data)
    throw apiErrorFrom(500, { error: error.success ? error.data : { code: 'unknown', message: '' } })
  }
  return true
}

/** Reads a stream's events until it ends, the answer is done, or a gap means asking again. */
async function read(res: Response, progress: Progress, s: Schemas, h: ChatHandlers) {
  const reader = res.body?.getReader()
  if (!reader) return
  const events: SseEvent[] = []
  const parser = createSseParser((e) => events.push(e))
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) parser.end()
      else parser.push(value)
      while (events.length > 0) {
        const event = events.shift() as SseEvent
        if (!apply(event, progress, s, h) || progress.done) return
      }
      if (done) return
    }
  } finally {
    reader.cancel().catch(() => {})
  }
}

/** Resumes an answer until it is done: backoff between tries, given up after MAX_RESUMES in a row. */
async function resume(
  progress: Progress,
  s: Schemas,
  h: ChatHandlers,
  io: ChatTransport,
  signal?: AbortSignal,
) {
  let failures = 0
  h.onReconnecting(true)
  try {
    while (!progress.done && !signal?.aborted) {
      const id = progress.messageId
      if (!id || failures >= MAX_RESUMES) throw apiErrorFrom(0, undefined)
      await sleep(backoffDelay(failures, 500, 8000), signal)
      await online(signal)
      const before = progress.text.length
      try {
        const res = await io.fetch(io.url(resumePath(id, progress.text)), {
          headers: await io.headers(),
          signal,
        })
        if (!res.ok) {
          if (!retryable(res.status)) throw await refusal(res)
          failures += 1
          continue
        }
        await read(res, progress, s, h)
      } catch (e) {
        if (e instanceof ApiError || signal?.aborted) throw e
      }
      failures = progress.text.length > before ? 0 : failures + 1
    }
  } finally {
    h.onReconnecting(false)
  }
}

/**
 * Asks a question and streams the answer into `handlers`. Throws an ApiError when the question is
 * refused (400 with field errors, 403, 429 `ai_quota_exceeded` with `details.resets_at` …) or the
 * answer cannot be completed; the handlers have then had whatever arrived.
 */
export async function askTutor(
  body: ChatBody,
  handlers: ChatHandlers,
  signal?: AbortSignal,
  io: ChatTransport = appTransport(),
): Promise<void> {
  const schemas = loadSchemas()
  let res: Response
  try {
    res = await io.fetch(io.url('/chat'), {
      method: 'POST',
      headers: { ...(await io.headers()), 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    })
  } catch (e) {
    if (signal?.aborted) throw e
    throw apiErrorFrom(0, undefined)
  }
  if (!res.ok) throw await refusal(res)
  const s = await schemas
  const progress: Progress = { text: '', done: false }
  try {
    await read(res, progress, s, handlers)
  } catch (e) {
    if (e instanceof ApiError || signal?.aborted) throw e
    // The connection dropped mid-answer: carry on below.
  }
  if (!progress.done) await resume(progress, s, handlers, io, signal)
}
