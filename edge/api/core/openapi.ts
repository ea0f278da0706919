import { createRoute, type RouteConfig, z } from '@hono/zod-openapi'
import { ErrorBody } from '../../contract/errors.ts'
import type { Responses, Route } from '../../contract/routes/route.ts'

// The OpenAPI side of the contract's route table: each route's schemas as the document shows them
// (named components, described parameters), and the prose only the document needs.

type OpenApiMethod = (this: z.ZodType, ...args: unknown[]) => z.ZodType
const openapi = (z.ZodType.prototype as unknown as { openapi: OpenApiMethod }).openapi

/**
 * `schema.openapi(...args)` even for a contract schema built before @hono/zod-openapi extended zod
 * (zod 4 copies prototype methods when a schema is created, so import order would matter).
 */
function withOpenApi<S extends z.ZodType>(schema: S, ...args: unknown[]): S {
  return openapi.call(schema, ...args) as S
}

/** The form the document shows for a contract schema, where it has its own (named, described). */
const shown = new WeakMap<z.ZodType, z.ZodType>()

/** Shows `copy` (same checks, documented) wherever a route uses `schema`, and validates with it. */
export function showAs<S extends z.ZodType>(schema: S, copy: S): S {
  shown.set(schema, copy)
  return copy
}

/** Names a contract schema in the document (components/schemas/<name>); routes then refer to it. */
export const named = <S extends z.ZodType>(schema: S, name: string): S =>
  showAs(schema, withOpenApi(schema, name))

/** A copy of `schema` with OpenAPI metadata: an example, a description, `type: 'integer'`… */
const described = <S extends z.ZodType>(schema: S, meta: Record<string, unknown>): S =>
  withOpenApi(schema, meta)

/** Documents a contract object of path parameters: each one's description and example. */
export function pathParams<S extends z.ZodObject>(
  schema: S,
  docs: Record<keyof S['shape'] & string, Record<string, unknown>>,
): S {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([name, field]) => [
      name,
      described(field as z.ZodType, { param: { name, in: 'path' }, ...docs[name] }),
    ]),
  )
  return showAs(schema, z.object(shape) as unknown as S)
}

/**
 * Documents coerced numbers of a query as plain integers (the generator reads a coerced number,
 * or one with a default, as nullable).
 */
export function integerFields<Q extends z.ZodObject>(query: Q, ...keys: (keyof Q['shape'] & string)[]): Q {
  const integers = keys.map((k) => [k, described(query.shape[k] as z.ZodType, { type: 'integer' })])
  return showAs(query, query.extend(Object.fromEntries(integers)) as unknown as Q)
}

const doc = <S extends z.ZodType | undefined>(schema: S): S => ((schema && shown.get(schema)) ?? schema) as S

export const ErrorSchema = named(ErrorBody, 'Error')

const errorText = {
  400: 'The request is not valid; `details.issues` lists the fields.',
  401: 'Missing, invalid or expired access token (`invalid_token`).',
  403: 'Signed in, but not allowed to do this.',
  404: 'Not found, or not visible to you.',
  409: 'Conflicts with the current state (taken, already a member, last owner…).',
  410: 'The invitation has expired or was already used.',
  413: 'The body is larger than 64 KiB.',
  422: 'Well formed, but not allowed by the rules; the message says why.',
  429: 'Too many requests; see Retry-After.',
  503: 'The database is unreachable.',
} as const
export type ErrorStatus = keyof typeof errorText

/** A JSON response entry for a route's `responses`. */
/** A PDF answer as the document shows it (the contract route has no JSON body). */
export const pdfAnswer = (description: string) => ({
  description,
  content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } },
})

export const jsonResponse = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

/** JSON error responses (the shape of DESIGN §4) for the given statuses. */
function errorResponses(statuses: readonly ErrorStatus[]) {
  return Object.fromEntries(statuses.map((s) => [s, jsonResponse(ErrorSchema, errorText[s])]))
}

/** What only the document says about a route: everything else comes from the contract. */
export interface RouteProse<R extends Route> {
  tags: string[]
  summary: string
  description?: string
  /** Needs no sign-in; otherwise the document asks for the bearer token. */
  public?: true
  /** What each answer of the contract means. */
  responses: { [S in keyof R['responses']]: string }
  /** Error answers (DESIGN §4 shape) the route may give. */
  errors: readonly ErrorStatus[]
  /** Other documented answers (e.g. 502 when the video server is down). */
  more?: Record<number, ReturnType<typeof jsonResponse>>
}

type JsonContent<S extends z.ZodType> = { content: { 'application/json': { schema: S } } }
type Answers<Rs extends Responses> = {
  -readonly [K in keyof Rs]: Rs[K] extends z.ZodType
    ? { description: string } & JsonContent<Rs[K]>
    : { description: string }
}
type Nothing = Record<never, never>
type Request<R extends Route> = (R['params'] extends z.ZodType ? { params: R['params'] } : Nothing) &
  (R['query'] extends z.ZodType ? { query: R['query'] } : Nothing) &
  (R['body'] extends z.ZodType ? { body: { required: boolean } & JsonContent<R['body']> } : Nothing)

/** A contract route as createRoute takes it: the handler's input and answers are typed from the contract. */
export type ApiRoute<R extends Route> = Omit<RouteConfig, 'method' | 'path' | 'request' | 'responses'> & {
  method: R['method']
  path: R['path']
  request: Request<R>
  responses: Answers<R['responses']>
}

/** The bearer requirement of signed-in routes, for the OpenAPI document. */
const bearer = [{ bearerAuth: [] }]

/** The OpenAPI route of a contract route: its schemas as the document shows them, plus the prose. */
export function apiRoute<const R extends Route>(r: R, prose: RouteProse<R>) {
  const request = {
    ...(r.params && { params: doc(r.params) }),
    ...(r.query && { query: doc(r.query) }),
    ...(r.body && {
      body: { required: !r.bodyOptional, content: { 'application/json': { schema: doc(r.body) } } },
    }),
  }
  const answers = Object.entries(r.responses).map(([status, schema]) => {
    const description = (prose.responses as Record<string, string>)[status] ?? ''
    return [status, schema ? jsonResponse(doc(schema), description) : { description }] as const
  })
  const config = {
    method: r.method,
    path: r.path,
    tags: prose.tags,
    summary: prose.summary,
    ...(prose.description !== undefined && { description: prose.description }),
    ...(!prose.public && { security: bearer }),
    ...(Object.keys(request).length > 0 && { request }),
    responses: { ...Object.fromEntries(answers), ...errorResponses(prose.errors), ...prose.more },
  }
  return createRoute(config as unknown as ApiRoute<R>)
}
