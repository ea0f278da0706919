import { z } from 'zod'
import { type Endpoints, endpoints } from './endpoints.ts'
import { ApiError, apiErrorFrom } from './errors.ts'

/** `:id` and `:userId` in "/tenants/:id/members/:userId". */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never

type Query = Record<string, string | number | boolean | null | undefined>

interface BaseOptions {
  query?: Query
  signal?: AbortSignal
}

/** Call options: `params` is required exactly when the path has parameters. */
export type CallOptions<P extends string> = [PathParamNames<P>] extends [never]
  ? BaseOptions & { params?: undefined }
  : BaseOptions & { params: Record<PathParamNames<P>, string> }

type OptionsArg<P extends string> = [PathParamNames<P>] extends [never]
  ? [options?: CallOptions<P>]
  : [options: CallOptions<P>]

type ResponseOf<S> = S extends { response: infer R extends z.ZodType }
  ? z.output<R>
  : S extends z.ZodType
    ? z.output<S>
    : never
type BodyOf<S> = S extends { body: infer B extends z.ZodType } ? z.input<B> : never

export interface ApiClientOptions {
  /** e.g. "http://localhost:3000/functions/v1/api". */
  baseUrl: string
  /** Sent as the `apikey` header (Supabase's gateway wants it). */
  anonKey: string
  /** The signed-in user's access token, or undefined when signed out. */
  getAccessToken: () => Promise<string | undefined>
  fetch?: typeof fetch
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
 * A list answer as the array the schema wants, tolerating a wrapper like `{ "members": [...] }`, so
 * a server that wraps its lists still works.
 */
export function unwrapList(schema: z.ZodType, data: unknown): unknown {
  if (!(schema instanceof z.ZodArray) || Array.isArray(data) || !data || typeof data !== 'object') return data
  const arrays = Object.values(data).filter(Array.isArray)
  return arrays.length === 1 ? arrays[0] : data
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

/** The typed API client: `api.get('/tenants/:id/members', { params: { id } })`. */
export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args))

  async function call(
    method: string,
    path: string,
    schema: z.ZodType,
    opts: (BaseOptions & { params?: Record<string, string> }) | undefined,
    body?: unknown,
  ) {
    const url = new URL(options.baseUrl.replace(/\/+$/, '') + fillPath(path, opts?.params))
    for (const [k, v] of Object.entries(opts?.query ?? {}))
      if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v))
    const headers: Record<string, string> = { accept: 'application/json', apikey: options.anonKey }
    const token = await options.getAccessToken()
    if (token) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'

    let res: Response
    try {
      res = await doFetch(url.toString(), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: opts?.signal,
      })
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error
      throw apiErrorFrom(0, undefined)
    }
    const data = await readBody(res)
    if (!res.ok) throw apiErrorFrom(res.status, data)
    const parsed = schema.safeParse(unwrapList(schema, data))
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? ` (${issue.path.join('.')}: ${issue.message})` : ''
      throw new ApiError({
        status: res.status,
        code: 'unexpected_response',
        message: `The server sent an answer this version of the app does not understand${where}. Reload the page to update.`,
      })
    }
    return parsed.data
  }

  type Get = Endpoints['get']
  type Post = Endpoints['post']
  type Patch = Endpoints['patch']
  type Put = Endpoints['put']
  type Delete = Endpoints['delete']

  return {
    get<P extends keyof Get & string>(path: P, ...[opts]: OptionsArg<P>): Promise<ResponseOf<Get[P]>> {
      return call('GET', path, endpoints.get[path], opts) as Promise<ResponseOf<Get[P]>>
    },
    post<P extends keyof Post & string>(
      path: P,
      body: BodyOf<Post[P]>,
      ...[opts]: OptionsArg<P>
    ): Promise<ResponseOf<Post[P]>> {
      return call('POST', path, endpoints.post[path].response, opts, body) as Promise<ResponseOf<Post[P]>>
    },
    patch<P extends keyof Patch & string>(
      path: P,
      body: BodyOf<Patch[P]>,
      ...[opts]: OptionsArg<P>
    ): Promise<ResponseOf<Patch[P]>> {
      return call('PATCH', path, endpoints.patch[path].response, opts, body) as Promise<ResponseOf<Patch[P]>>
    },
    put<P extends keyof Put & string>(
      path: P,
      body: BodyOf<Put[P]>,
      ...[opts]: OptionsArg<P>
    ): Promise<ResponseOf<Put[P]>> {
      return call('PUT', path, endpoints.put[path].response, opts, body) as Promise<ResponseOf<Put[P]>>
    },
    delete<P extends keyof Delete & string>(
      path: P,
      ...[opts]: OptionsArg<P>
    ): Promise<ResponseOf<Delete[P]>> {
      return call('DELETE', path, endpoints.delete[path], opts) as Promise<ResponseOf<Delete[P]>>
    },
  }
}

export type ApiClient = ReturnType<typeof createApiClient>
