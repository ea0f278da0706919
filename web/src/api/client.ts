import type { z } from 'zod'
import type { Method } from '../../../edge/contract/routes/route.ts'
import type { CheckReply, CheckRequest } from './check-worker.ts'
import type { BodyOf, PathsOf, ResponseOf, RouteAt } from './endpoints.ts'
import { ApiError, apiErrorFrom } from './errors.ts'

/** `:id` and `:userId` in "/tenants/:id/members/:userId". */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never

type QueryValue = string | number | boolean | null | undefined
type Query = Record<string, QueryValue>

interface BaseOptions<Q = Query> {
  query?: Q
  signal?: AbortSignal
}

/** Call options: `params` is required exactly when the path has parameters. */
export type CallOptions<P extends string, Q = Query> = [PathParamNames<P>] extends [never]
  ? BaseOptions<Q> & { params?: undefined }
  : BaseOptions<Q> & { params: Record<PathParamNames<P>, string> }

/** The query parameters a route reads (values as the URL carries them); none for a route without. */
type QueryOf<R> = R extends { query: infer Q extends z.ZodType }
  ? { [K in keyof z.input<Q>]?: QueryValue }
  : Record<string, never>

type OptionsArg<M extends Method, P extends string> = [PathParamNames<P>] extends [never]
  ? [options?: CallOptions<P, QueryOf<RouteAt<M, P>>>]
  : [options: CallOptions<P, QueryOf<RouteAt<M, P>>>]

/** `P` when it names a route of the method, else every path of the method (so the error lists them). */
type KnownPath<M extends Method, P extends string> = [RouteAt<M, P>] extends [never] ? PathsOf<M> : P
type Answer<M extends Method, P extends string> = Promise<ResponseOf<RouteAt<M, P>>>

export interface ApiClientOptions {
  /** e.g. "http://localhost:3000/functions/v1/api". */
  baseUrl: string
  /** Sent as the `apikey` header (Supabase's gateway wants it). */
  anonKey: string
  /** The signed-in user's access token, or undefined when signed out. */
  getAccessToken: () => Promise<string | undefined>
  fetch?: typeof fetch
  /**
   * When answers are checked against the contract: `before` they are returned (a misfit is thrown
   * as an ApiError; the default, and what tests and `npm run dev` use), or `after`, off the critical
   * path: the answer is returned at once and checked when the browser is idle, in a worker where
   * there is one, a misfit going to `onUnexpectedAnswer` (production: zod and the schemas then never
   * delay a page's first data nor hold its thread).
   */
  checkAnswers?: 'before' | 'after'
  onUnexpectedAnswer?: (error: unknown) => void
}

/** Runs `work` when the browser has nothing else to do (soon, where it cannot tell). */
const whenIdle = (work: () => void, timeout = 10_000) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(work, { timeout }) : setTimeout(work, 0)

/** API calls on the network now, across every client of the tab. */
let inFlight = 0
/** Work waiting for `inFlight` to drop to 0 (see afterPageData). */
let waiting: (() => void)[] = []

function callEnded() {
  inFlight -= 1
  if (inFlight > 0) return
  const ready = waiting
  waiting = []
  for (const work of ready) afterPageData(work)
}

/**
 * Runs `work` once the browser is idle with no API call on the network (or after `maxWaitMs` in
 * any case): for what the first screen can do without (the Auth library, Help, the bell, the answer
 * checker), so that on a slow link their downloads never queue in front of the page's own data.
 */
export function afterPageData(work: () => void, maxWaitMs = 10_000): void {
  const until = Date.now() + maxWaitMs
  const attempt = () => {
    if (inFlight === 0 || Date.now() >= until) return work()
    waiting.push(attempt)
  }
  whenIdle(attempt, Math.max(0, until - Date.now()))
}

/** "/tenants/:id" + {id: "x y"} → "/tenants/x%20y"; a missing parameter is a programming error. */
export function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z_]\w*)/g, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === '') throw new Error(`Missing path parameter "${name}" for ${path}`)
    return encodeURIComponent(value)
  })
}

/**
 * The answer checker, loaded once, on the first call: check.ts and zod in one task, then the
 * schemas of each route family as answers of that family are checked, each family in a task of
 * its own (endpoints.ts, routeAt), so no step holds the main thread long.
 */
let checker: Promise<typeof import('./check.ts')> | undefined
const loadChecker = () => {
  checker ??= import('./check.ts')
  const loading = checker
  // Not loaded (offline, or an old tab after a deploy): the next call tries again.
  loading.catch(() => {
    if (checker === loading) checker = undefined
  })
  return loading
}

/**
 * The built app checks answers in a worker (api/check-worker.ts): building zod and the contract's
 * schemas held a phone's main thread for a third of a second after every page's data. `null` once
 * the worker cannot be used (no module workers, or it failed to load): this thread checks then, as
 * it does a check whose route family did not load in the worker.
 */
let checkWorker: Worker | null | undefined
/** Checks sent to the worker, by id: each can still be done here if the worker fails. */
const pendingChecks = new Map<number, { misfit: (error: ApiError) => void; here: () => void }>()
let lastCheckId = 0

function startCheckWorker(): Worker | null {
  if (checkWorker !== undefined) return checkWorker
  try {
    checkWorker = new Worker(new URL('./check-worker.ts', import.meta.url), { type: 'module', name: 'check' })
  } catch {
    checkWorker = null
    return null
  }
  checkWorker.onmessage = ({ data: reply }: MessageEvent<CheckReply>) => {
    const pending = pendingChecks.get(reply.id)
    pendingChecks.delete(reply.id)
    if (reply.unchecked) pending?.here()
    else if (reply.misfit) pending?.misfit(new ApiError(reply.misfit))
  }
  // Not loaded (offline before the service worker kept it): what it was asked is checked here.
  checkWorker.onerror = () => {
    checkWorker?.terminate()
    checkWorker = null
    const left = [...pendingChecks.values()]
    pendingChecks.clear()
    for (const pending of left) pending.here()
  }
  return checkWorker
}

/** Checks an answer already returned: in the worker where there is one, else here. */
function checkLater(
  request: Omit<CheckRequest, 'id'>,
  onUnexpectedAnswer: ((error: unknown) => void) | undefined,
): void {
  const here = () => {
    loadChecker()
      .then(({ answerOf }) => answerOf(request.method, request.path, request.status, request.data))
      .catch(onUnexpectedAnswer)
  }
  const worker = typeof Worker === 'function' ? startCheckWorker() : null
  if (!worker) {
    here()
    return
  }
  const id = ++lastCheckId
  pendingChecks.set(id, { misfit: (error) => onUnexpectedAnswer?.(error), here })
  try {
    worker.postMessage({ id, ...request } satisfies CheckRequest)
  } catch {
    // An answer the worker cannot be sent (not cloneable): checked here.
    pendingChecks.delete(id)
    here()
  }
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * The typed API client: `api.get('/tenants/:id/members', { params: { id } })`. Paths, bodies and
 * answers are the contract's routes (endpoints.ts); answers are checked against their schemas
 * (check.ts, loaded with the first call so that zod and the schemas stay out of the entry).
 */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args))

  async function call(
    method: Method,
    path: string,
    opts: (BaseOptions<Query> & { params?: Record<string, string> }) | undefined,
    body?: unknown,
  ): Promise<unknown> {
    // Requested now, so it arrives while the call is on the network (when it is waited for).
    const check = options.checkAnswers === 'after' ? undefined : loadChecker()
    const url = new URL(options.baseUrl.replace(/\/+$/, '') + fillPath(path, opts?.params))
    for (const [k, v] of Object.entries(opts?.query ?? {}))
      if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v))
    const headers: Record<string, string> = { accept: 'application/json', apikey: options.anonKey }
    const token = await options.getAccessToken()
    if (token) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'

    let res: Response
    let data: unknown
    inFlight += 1
    try {
      res = await doFetch(url.toString(), {
        method: method.toUpperCase(),
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: opts?.signal,
      })
      data = await readBody(res)
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error
      throw apiErrorFrom(0, undefined)
    } finally {
      callEnded()
    }
    if (!res.ok) throw apiErrorFrom(res.status, data)
    if (!check) {
      afterPageData(() => checkLater({ method, path, status: res.status, data }, options.onUnexpectedAnswer))
      return data
    }
    const { answerOf } = await check.catch(() => {
      throw apiErrorFrom(0, undefined)
    })
    return answerOf(method, path, res.status, data)
  }

  return {
    get<P extends string>(path: KnownPath<'get', P>, ...[opts]: OptionsArg<'get', P>): Answer<'get', P> {
      return call('get', path, opts) as Answer<'get', P>
    },
    post<P extends string>(
      path: KnownPath<'post', P>,
      body: BodyOf<RouteAt<'post', P>>,
      ...[opts]: OptionsArg<'post', P>
    ): Answer<'post', P> {
      return call('post', path, opts, body) as Answer<'post', P>
    },
    patch<P extends string>(
      path: KnownPath<'patch', P>,
      body: BodyOf<RouteAt<'patch', P>>,
      ...[opts]: OptionsArg<'patch', P>
    ): Answer<'patch', P> {
      return call('patch', path, opts, body) as Answer<'patch', P>
    },
    put<P extends string>(
      path: KnownPath<'put', P>,
      body: BodyOf<RouteAt<'put', P>>,
      ...[opts]: OptionsArg<'put', P>
    ): Answer<'put', P> {
      return call('put', path, opts, body) as Answer<'put', P>
    },
    delete<P extends string>(
      path: KnownPath<'delete', P>,
      ...[opts]: OptionsArg<'delete', P>
    ): Answer<'delete', P> {
      return call('delete', path, opts) as Answer<'delete', P>
    },
  }
}

export type ApiClient = ReturnType<typeof createApiClient>
