import type { z } from 'zod'

/** HTTP methods of the api function, in lower case as OpenAPI writes them. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** `"id" | "userId"` for `/tenants/{id}/members/{userId}`. */
export type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamNames<Rest>
  : never

/**
 * A route's own answers by status (its successes; health also answers 503 with its body): the
 * schema of the JSON body, or `null` for none (204). Errors have one shape for all (errors.ts).
 */
export type Responses = { readonly [status: number]: z.ZodType | null }

/**
 * One route of the api function as both sides know it: the API validates requests with these
 * schemas and documents them (edge/api adds only the prose), the web client takes its paths and
 * types from them (web/src/api/endpoints.ts).
 */
export interface Route {
  readonly method: Method
  /** Relative to the function (`/functions/v1/api`); parameters in OpenAPI's `{name}` syntax. */
  readonly path: string
  /** Path parameters: a key for each `{name}` of the path. */
  readonly params?: z.ZodType
  /** Query string. */
  readonly query?: z.ZodType
  /** The JSON body. */
  readonly body?: z.ZodType
  /** The body may be left out (it then reads as `{}`); otherwise it is required. */
  readonly bodyOptional?: true
  readonly responses: Responses
}

type ParamsOf<P extends string> = [PathParamNames<P>] extends [never]
  ? { readonly params?: undefined }
  : { readonly params: z.ZodType<{ [K in PathParamNames<P>]: unknown }> }

/** Declares a route, keeping its literal types; `params` must have a key for each `{name}` of the path. */
export const route = <const R extends Route>(r: R & ParamsOf<R['path']>): R => r
