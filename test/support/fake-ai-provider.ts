// A local fake of the AI providers at the HTTP boundary: one server (127.0.0.1, a free port) that
// speaks Gemini's `POST /v1/models/{model}:streamGenerateContent?alt=sse` (or /v1beta/) and OpenAI's
// `POST /v1/chat/completions` (stream: true) exactly as @google/genai and `openai` call them, with
// behaviours scripted per API key (streams at a pace, 429/500/503/400/401, hangs, stalls, safety
// blocks). It records every request body, so tests can assert what a provider saw and in what order.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type FakeBehaviour =
  | {
      kind: 'stream'
      /** The texts of the chunks, or how many chunks of `textOf(i)` (default "word<i> "). */
      chunks?: string[] | number
      /** Called when chunk i is sent (the benchmark stamps the send time into it). */
      textOf?: (i: number) => string
      /** Milliseconds before the first chunk and between chunks (default 0). */
      firstByteMs?: number
      intervalMs?: number
      /** Leave out the usage metadata (the function then estimates tokens). */
      noUsage?: boolean
      /** After this many chunks the connection is cut (a failure mid-answer). */
      cutAfter?: number
      /** After this many chunks nothing more is sent (the idle timeout). */
      stallAfter?: number
    }
  | { kind: 'status'; status: number; message?: string }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Gemini: the prompt is blocked (promptFeedback.blockReason) or the answer stops with finishReason SAFETY. */
  | { kind: 'safety'; where: 'prompt' | 'finish' }

export interface FakeRequest {
  protocol: 'gemini' | 'openai'
  key: string
  model: string
  // biome-ignore lint/suspicious/noExplicitAny: the provider's request body, inspected by tests
  body: any
  /** Every text of the request (system instruction and messages) joined, for PII assertions. */
  text: string
  at: number
}

export interface FakeAiProvider {
  /** http://127.0.0.1:<port> — Gemini's base URL (the SDK adds /v1/models/…). */
  url: string
  /** `${url}/v1` — an OpenAI-compatible base URL. */
  openaiUrl: string
  requests: FakeRequest[]
  /** Behaviours for requests with this API key, in order; the last one repeats. */
  script(key: string, ...behaviours: FakeBehaviour[]): void
  /** The requests made with `key`. */
  callsFor(key: string): FakeRequest[]
  reset(): void
  close(): Promise<void>
}

const DEFAULT: FakeBehaviour = { kind: 'stream', chunks: ['Hello', ' from', ' the', ' fake', ' tutor.'] }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function textsOfGemini(body: {
  systemInstruction?: { parts?: { text?: string }[] }
  contents?: { parts?: { text?: string }[] }[]
}): string {
  const parts = [
    ...(body.systemInstruction?.parts ?? []),
    ...(body.contents ?? []).flatMap((c) => c.parts ?? []),
  ]
  return parts.map((p) => p.text ?? '').join('\n')
}

function textsOfOpenAi(body: { messages?: { content?: unknown }[] }): string {
  return (body.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n')
}

export async function startFakeAiProvider(): Promise<FakeAiProvider> {
  const scripts = new Map<string, FakeBehaviour[]>()
  const requests: FakeRequest[] = []
  const open = new Set<http.ServerResponse>()

  function next(key: string): FakeBehaviour {
    const queue = scripts.get(key)
    if (!queue?.length) return DEFAULT
    return queue.length > 1 ? queue.shift()! : queue[0]
  }

  async function stream(
    res: http.ServerResponse,
    protocol: 'gemini' | 'openai',
    model: string,
    b: Extract<FakeBehaviour, { kind: 'stream' }>,
  ) {
    const count = typeof b.chunks === 'number' ? b.chunks : (b.chunks ?? []).length
    const textOf = b.textOf ?? ((i: number) => (Array.isArray(b.chunks) ? b.chunks[i] : `word${i} `))
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    res.flushHeaders()
    if (b.firstByteMs) await sleep(b.firstByteMs)
    let out = 0
    for (let i = 0; i < count; i++) {
      if (i > 0 && b.intervalMs) await sleep(b.intervalMs)
      if (res.destroyed) return
      if (b.cutAfter !== undefined && i >= b.cutAfter) {
        res.socket?.destroy()
        return
      }
      if (b.stallAfter !== undefined && i >= b.stallAfter) return
      const text = textOf(i)
      out += text.length
      res.write(
        protocol === 'gemini'
          ? `data: ${JSON.stringify({
              candidates: [{ content: { role: 'model', parts: [{ text }] }, index: 0 }],
              modelVersion: model,
            })}\r\n\r\n`
          : `data: ${JSON.stringify({
              id: 'chatcmpl-fake',
              object: 'chat.completion.chunk',
              created: Math.floor(Date.now() / 1000),
              model,
              choices: [
                {
                  index: 0,
                  delta: i === 0 ? { role: 'assistant', content: text } : { content: text },
                  finish_reason: null,
                },
              ],
            })}\n\n`,
      )
    }
    const usage = { in: 42, out: Math.max(1, Math.round(out / 4)) }
    if (protocol === 'gemini') {
      res.write(
        `data: ${JSON.stringify({
          candidates: [{ content: { role: 'model', parts: [{ text: '' }] }, finishReason: 'STOP', index: 0 }],
          ...(b.noUsage
            ? {}
            : {
                usageMetadata: {
                  promptTokenCount: usage.in,
                  candidatesTokenCount: usage.out,
                  totalTokenCount: usage.in + usage.out,
                },
              }),
          modelVersion: model,
        })}\r\n\r\n`,
      )
    } else {
      const base = {
        id: 'chatcmpl-fake',
        object: 'chat.completion.chunk',
        created: Math.floor(Date.now() / 1000),
        model,
      }
      res.write(
        `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
      )
      if (!b.noUsage)
        res.write(
          `data: ${JSON.stringify({
            ...base,
            choices: [],
            usage: {
              prompt_tokens: usage.in,
              completion_tokens: usage.out,
              total_tokens: usage.in + usage.out,
            },
          })}\n\n`,
        )
      res.write('data: [DONE]\n\n')
    }
    res.end()
  }

  function fail(res: http.ServerResponse, protocol: 'gemini' | 'openai', status: number, message?: string) {
    const text = message ?? `fake ${status}`
    const body =
      protocol === 'gemini'
        ? {
            error: {
              code: status,
              message: text,
              status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE',
            },
          }
        : {
            error: {
              message: text,
              type: status === 429 ? 'rate_limit_exceeded' : 'server_error',
              code: null,
            },
          }
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  async function safety(res: http.ServerResponse, where: 'prompt' | 'finish', model: string) {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    const chunk =
      where === 'prompt'
        ? {
            promptFeedback: { blockReason: 'SAFETY' },
            usageMetadata: { promptTokenCount: 10, totalTokenCount: 10 },
            modelVersion: model,
          }
        : {
            candidates: [
              {
                content: { role: 'model', parts: [{ text: '' }] },
                finishReason: 'SAFETY',
                safetyRatings: [
                  { category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'MEDIUM', blocked: true },
                ],
                index: 0,
              },
            ],
            modelVersion: model,
          }
    res.end(`data: ${JSON.stringify(chunk)}\r\n\r\n`)
  }

  const server = http.createServer((req, res) => {
    open.add(res)
    res.on('close', () => open.delete(res))
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake')
        // @google/genai 3.x calls /v1/ by default (earlier versions /v1beta/): both are Gemini's.
        const gem = /^\/v1(?:beta|alpha)?\/models\/([^/:]+):streamGenerateContent$/.exec(url.pathname)
        const isOpenAi = url.pathname === '/v1/chat/completions'
        if (req.method !== 'POST' || (!gem && !isOpenAi) || (gem && url.searchParams.get('alt') !== 'sse')) {
          res.writeHead(404, { 'content-type': 'application/json' })
          res.end(
            JSON.stringify({ error: { code: 404, message: `fake: no route ${req.method} ${req.url}` } }),
          )
          return
        }
        // biome-ignore lint/suspicious/noExplicitAny: parsed request body
        let body: any
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
        } catch {
          res.writeHead(400).end()
          return
        }
        const protocol = gem ? 'gemini' : 'openai'
        const key = gem
          ? String(req.headers['x-goog-api-key'] ?? '')
          : String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '')
        const model = gem ? decodeURIComponent(gem[1]) : String(body.model ?? '')
        if (!gem && body.stream !== true) {
          fail(res, 'openai', 400, 'fake: only stream: true is spoken here')
          return
        }
        requests.push({
          protocol,
          key,
          model,
          body,
          text: gem ? textsOfGemini(body) : textsOfOpenAi(body),
          at: performance.now(),
        })
        const b = next(key)
        if (b.kind === 'status') fail(res, protocol, b.status, b.message)
        else if (b.kind === 'hang') return
        else if (b.kind === 'safety') await safety(res, b.where, model)
        else await stream(res, protocol, model, b)
      })().catch(() => res.destroy())
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    openaiUrl: `${url}/v1`,
    requests,
    script(key, ...behaviours) {
      scripts.set(key, [...behaviours])
    },
    callsFor: (key) => requests.filter((r) => r.key === key),
    reset() {
      scripts.clear()
      requests.length = 0
    },
    async close() {
      for (const res of open) res.socket?.destroy()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
