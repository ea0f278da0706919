import { OpenAPIHono, type z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { ZodError } from 'zod'
import type { UserEnv } from '../lib/auth-middleware.ts'
import type { Sql } from '../lib/db.ts'
import { validationError } from '../lib/errors.ts'
import { ErrorSchema } from './schemas.ts'

/** What every route module of the api function needs. */
export interface ApiDeps {
  sql: Sql
  /** requireUser with this deployment's verifier. */
  auth: MiddlewareHandler<UserEnv>
  /** Base URL of the web app, for links in emails. */
  siteUrl: string
}

/**
 * Zod issues with each unknown key reported at its own path ("role", not the body), so a client
 * sees which field it must not send.
 */
export function expandIssues(error: ZodError): ZodError {
  const issues = error.issues.flatMap((issue): ZodError['issues'] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          ...issue,
          keys: [key],
          path: [...issue.path, key],
          message: 'Unknown field.',
        }))
      : [issue],
  )
  return new ZodError(issues)
}

/** The validation hook of every route: a failed zod check is a 400 with field paths, nothing runs. */
export function validationHook(result: { success: true } | { success: false; error: z.ZodError }) {
  if (!result.success) throw validationError(expandIssues(result.error))
}

/** A router for one area of the api; mounted by createApiApp. */
export function newRouter() {
  return new OpenAPIHono<UserEnv>({ defaultHook: validationHook })
}

const errorText = {
  400: 'The request is not valid; `details.issues` lists the fields.',
  401: 'Missing, invalid or expired access token (`invalid_token`).',
  403: 'Signed in, but not allowed to do this.',
  404: 'Not found, or not visible to you.',
  409: 'Conflicts with the current state (taken, already a member, last owner…).',
  410: 'The invitation has expired or was already used.',
  413: 'The body is larger than 64 KiB.',
  429: 'Too many requests; see Retry-After.',
  503: 'The database is unreachable.',
} as const
type ErrorStatus = keyof typeof errorText

/** A JSON response entry for a route's `responses`. */
export const jsonResponse = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

/** JSON error responses (the shape of DESIGN §4) for the given statuses. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]) {
  return Object.fromEntries(statuses.map((s) => [s, jsonResponse(ErrorSchema, errorText[s])])) as {
    [K in S]: ReturnType<typeof jsonResponse<typeof ErrorSchema>>
  }
}

/** A required JSON request body. */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({
  required: true,
  content: { 'application/json': { schema } },
})

/** The bearer requirement of signed-in routes, for the OpenAPI document. */
export const bearer = [{ bearerAuth: [] }]
