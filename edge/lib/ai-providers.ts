// The two provider kinds behind one stream of pieces: Gemini through @google/genai (its web build:
// fetch only, so the same code runs under Deno and Node) and any OpenAI-compatible endpoint through
// `openai`. Neither SDK retries on its own here (orchestrate.ts decides); errors come out as
// ProviderError with what the retry rules need.
import { ApiError as GeminiApiError, GoogleGenAI, HarmBlockThreshold, HarmCategory } from '@google/genai/web'
import OpenAI from 'openai'
import type { ProviderKind, ProviderModels, TaskClass } from '../contract/ai.ts'

/** A provider ready to call (its key opened). */
export interface ProviderConfig {
  id: string
  kind: ProviderKind
  label: string
  baseUrl: string | null
  models: ProviderModels
  apiKey: string
  /** Its breaker's cool-down is over: claim the trial before calling it. */
  needsTrial?: boolean
}

export interface ChatTurn {
  role: 'user' | 'assistant'
  content: string
}

export interface ProviderRequest {
  model: string
  system: string
  /** Earlier turns, oldest first, then the question as the last user turn. */
  turns: ChatTurn[]
  signal: AbortSignal
}

/** What a provider stream yields: text as it comes, the usage at the end, or a safety block. */
export type Piece =
  | { type: 'text'; text: string }
  | { type: 'usage'; tokensIn: number; tokensOut: number }
  | { type: 'blocked'; reason: string }

export type FailureKind = 'status' | 'timeout' | 'network'

/** A failed call: an HTTP status, a timeout of ours, or a network error. */
export class ProviderError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message)
  }

  /** 429, 5xx, timeouts and network errors are worth another try; 400/401/403 and the rest never. */
  get retryable(): boolean {
    if (this.kind !== 'status') return true
    return this.status === 429 || (this.status !== undefined && this.status >= 500)
  }
}

/** The model for a task class: the provider's model for that class, else its general one. */
export const modelFor = (models: ProviderModels, taskClass: TaskClass) =>
  (taskClass === 'general' ? undefined : models[taskClass]) ?? models.general

/** Strictest Gemini safety settings (students may be children): block from low probability up. */
export const GEMINI_SAFETY = [
  HarmCategory.HARM_CATEGORY_HARASSMENT,
  HarmCategory.HARM_CATEGORY_HATE_SPEECH,
  HarmCategory.HARM_CATEGORY_SEXUALLY_EXPLICIT,
  HarmCategory.HARM_CATEGORY_DANGEROUS_CONTENT,
].map((category) => ({ category, threshold: HarmBlockThreshold.BLOCK_LOW_AND_ABOVE }))

/** Gemini finish reasons that mean the answer was withheld for safety. */
const BLOCKING_FINISH = new Set(['SAFETY', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'IMAGE_SAFETY'])

/** Turns merged so roles alternate (Gemini wants user/model turns in turn). */
function alternating(turns: ChatTurn[]): ChatTurn[] {
  const out: ChatTurn[] = []
  for (const t of turns) {
    const last = out[out.length - 1]
    if (last && last.role === t.role) last.content += `\n\n${t.content}`
    else out.push({ ...t })
  }
  while (out.length && out[0].role !== 'user') out.shift()
  return out
}

/** Cached SDK clients per provider id and key (a key change makes a new client). */
const clients = new Map<string, { key: string; client: GoogleGenAI | OpenAI }>()

function clientFor<T extends GoogleGenAI | OpenAI>(p: ProviderConfig, make: () => T): T {
  const cacheKey = `${p.id}|${p.baseUrl ?? ''}`
  const hit = clients.get(cacheKey)
  if (hit && hit.key === p.apiKey) return hit.client as T
  const client = make()
  if (clients.size > 500) clients.clear()
  clients.set(cacheKey, { key: p.apiKey, client })
  return client
}

async function* gemini(p: ProviderConfig, req: ProviderRequest): AsyncGenerator<Piece> {
  const ai = clientFor(
    p,
    () => new GoogleGenAI({ apiKey: p.apiKey, httpOptions: p.baseUrl ? { baseUrl: p.baseUrl } : undefined }),
  )
  let stream: AsyncGenerator<import('@google/genai/web').GenerateContentResponse>
  try {
    stream = await ai.models.generateContentStream({
      model: req.model,
      contents: alternating(req.turns).map((t) => ({
        role: t.role === 'user' ? 'user' : 'model',
        parts: [{ text: t.content }],
      })),
      config: {
        systemInstruction: req.system,
        safetySettings: GEMINI_SAFETY,
        abortSignal: req.signal,
      },
    })
  } catch (error) {
    throw asProviderError(error)
  }
  try {
    for await (const chunk of stream) {
      if (chunk.promptFeedback?.blockReason) {
        yield { type: 'blocked', reason: String(chunk.promptFeedback.blockReason) }
        return
      }
      const candidate = chunk.candidates?.[0]
      const text = (candidate?.content?.parts ?? [])
        .filter((part) => typeof part.text === 'string' && !part.thought)
        .map((part) => part.text)
        .join('')
      if (text) yield { type: 'text', text }
      if (chunk.usageMetadata) {
        const u = chunk.usageMetadata
        if (u.promptTokenCount || u.candidatesTokenCount)
          yield {
            type: 'usage',
            tokensIn: u.promptTokenCount ?? 0,
            tokensOut: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0),
          }
      }
      if (candidate?.finishReason && BLOCKING_FINISH.has(String(candidate.finishReason))) {
        yield { type: 'blocked', reason: String(candidate.finishReason) }
        return
      }
    }
  } catch (error) {
    throw asProviderError(error)
  }
}

async function* openai(p: ProviderConfig, req: ProviderRequest): AsyncGenerator<Piece> {
  const client = clientFor(
    p,
    () => new OpenAI({ apiKey: p.apiKey, baseURL: p.baseUrl ?? undefined, maxRetries: 0, timeout: 600_000 }),
  )
  let stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>
  try {
    stream = await client.chat.completions.create(
      {
        model: req.model,
        stream: true,
        stream_options: { include_usage: true },
        messages: [
          { role: 'system', content: req.system },
          ...req.turns.map((t) => ({ role: t.role, content: t.content })),
        ],
      },
      { signal: req.signal },
    )
  } catch (error) {
    throw asProviderError(error)
  }
  try {
    for await (const chunk of stream) {
      const choice = chunk.choices?.[0]
      const text = choice?.delta?.content
      if (text) yield { type: 'text', text }
      if (choice?.finish_reason === 'content_filter') {
        yield { type: 'blocked', reason: 'content_filter' }
        return
      }
      if (chunk.usage)
        yield {
          type: 'usage',
          tokensIn: chunk.usage.prompt_tokens ?? 0,
          tokensOut: chunk.usage.completion_tokens ?? 0,
        }
    }
  } catch (error) {
    throw asProviderError(error)
  }
}

/** The SDKs' errors as ProviderError (status when there is one; aborts become timeouts upstream). */
export function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error
  if (error instanceof GeminiApiError)
    return new ProviderError('status', error.message.slice(0, 300), error.status)
  if (error instanceof OpenAI.APIError && typeof error.status === 'number')
    return new ProviderError('status', error.message.slice(0, 300), error.status)
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new ProviderError('timeout', 'timed out')
  const message = error instanceof Error ? error.message : String(error)
  // Gemini's stream reports an error chunk as an Error whose message is the JSON error body.
  const status = /"code"\s*:\s*(\d{3})/.exec(message)
  if (status) return new ProviderError('status', message.slice(0, 300), Number(status[1]))
  return new ProviderError('network', message.slice(0, 300))
}

/** Streams one call to `p`: text pieces as they arrive, then usage; throws ProviderError. */
export function streamProvider(p: ProviderConfig, req: ProviderRequest): AsyncGenerator<Piece> {
  return p.kind === 'gemini' ? gemini(p, req) : openai(p, req)
}
