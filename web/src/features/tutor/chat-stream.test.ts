import { describe, expect, it } from 'vitest'
import type { Citation, StreamMeta } from '../../../../edge/contract/ai.ts'
import { ApiError } from '../../api/errors.ts'
import { askTutor, type ChatHandlers, type ChatTransport } from './chat-stream.ts'

const ID = (n: number) => `00000000-0000-4000-a000-00000000000${n}`
const META: StreamMeta = {
  conversation_id: ID(1),
  message_id: ID(2),
  question_id: ID(3),
  source: 'lessons',
  provider: null,
  task_class: 'general',
  mode: 'hints',
  language: 'sw',
}
const CITATION: Citation = {
  n: 1,
  course_id: ID(4),
  lesson_id: ID(5),
  version: 1,
  section_id: 'seli',
  lesson_title: 'Seli',
  heading: 'Sehemu za seli',
}
const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
const DONE = sse('done', { status: 'done', flagged: false, usage: { tokens_in: 0, tokens_out: 0 } })

/** A body that sends `parts` (split mid-character on purpose) and then fails like a dropped connection. */
function body(parts: string[], drop: boolean): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(parts.join(''))
  const cut = Math.floor(bytes.length / 2)
  const chunks = [bytes.slice(0, cut), bytes.slice(cut)]
  // Pulled one at a time: an error while chunks are queued would throw them away.
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift()
      if (next) controller.enqueue(next)
      else if (drop) controller.error(new TypeError('network error'))
      else controller.close()
    },
  })
}

function transport(replies: (() => Response)[]) {
  const urls: string[] = []
  const io: ChatTransport = {
    fetch: async (input) => {
      urls.push(String(input))
      const next = replies.shift()
      if (!next) throw new TypeError('no more replies')
      return next()
    },
    url: (path) => `https://x/functions/v1/ai-tutor${path}`,
    headers: async () => ({}),
  }
  return { io, urls }
}

function recorder() {
  const seen = { texts: [] as string[], citations: [] as Citation[], done: 0, reconnecting: [] as boolean[] }
  const handlers: ChatHandlers = {
    onMeta: () => {},
    onText: (text) => seen.texts.push(text),
    onCitation: (c) => seen.citations.push(c),
    onDone: () => {
      seen.done += 1
    },
    onReconnecting: (r) => seen.reconnecting.push(r),
  }
  return { seen, handlers }
}

const ok = (stream: ReadableStream<Uint8Array>) => () =>
  new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } })

describe('askTutor', () => {
  it('streams an answer and its citations', async () => {
    const { io } = transport([
      ok(
        body(
          [
            sse('meta', META),
            sse('delta', { offset: 0, text: 'Seli ' }),
            sse('delta', { offset: 5, text: 'ina kiini [1]' }),
            sse('citation', CITATION),
            DONE,
          ],
          false,
        ),
      ),
    ])
    const { seen, handlers } = recorder()
    await askTutor({ tenant_id: ID(6), message: 'Seli ni nini?' }, handlers, undefined, io)
    expect(seen.texts.at(-1)).toBe('Seli ina kiini [1]')
    expect(seen.citations).toEqual([CITATION])
    expect(seen.done).toBe(1)
  })

  it('resumes from the characters received after the connection drops, never repeating text', async () => {
    const { io, urls } = transport([
      ok(body([sse('meta', META), sse('delta', { offset: 0, text: 'Habari 👋🏽 ' })], true)),
      // The server replays from an earlier offset: the overlap is not shown twice.
      ok(body([sse('meta', META), sse('delta', { offset: 7, text: '👋🏽 ya seli' }), DONE], false)),
    ])
    const { seen, handlers } = recorder()
    await askTutor({ tenant_id: ID(6), message: 'Habari' }, handlers, undefined, io)
    expect(urls[1]).toBe(
      `https://x/functions/v1/ai-tutor/chat/${META.message_id}?offset=${'Habari 👋🏽 '.length}`,
    )
    expect(seen.texts.at(-1)).toBe('Habari 👋🏽 ya seli')
    expect(seen.reconnecting).toEqual([true, false])
    expect(seen.done).toBe(1)
  })

  it('says why a question was refused (429 with the reset time)', async () => {
    const refused = {
      error: {
        code: 'ai_quota_exceeded',
        message: 'No questions left today.',
        details: { resets_at: '2026-12-06T21:00:00Z' },
      },
    }
    const { io } = transport([() => Response.json(refused, { status: 429 })])
    const error = await askTutor(
      { tenant_id: ID(6), message: 'x' },
      recorder().handlers,
      undefined,
      io,
    ).catch((e) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 429, code: 'ai_quota_exceeded' })
  })
})
