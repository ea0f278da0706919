import { OpenAPIHono, type z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { ZodError } from 'zod'
import type { UserEnv } from '../../lib/auth-middleware.ts'
import type { Sql } from '../../lib/db.ts'
import { validationError } from '../../lib/errors.ts'
import type { VideoSetup } from '../../lib/livekit.ts'

/** What every feature of the api function needs. */
export interface ApiDeps {
  sql: Sql
  /** requireUser with this deployment's verifier. */
  auth: MiddlewareHandler<UserEnv>
  /** Base URL of the web app, for links in emails. */
  siteUrl: string
  /** LiveKit (tokens, moderation) when configured, and the peer-to-peer fallback's ICE servers. */
  video: VideoSetup
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

/** A router for one area of the api; each feature's router is mounted by createApiApp. */
export function newRouter() {
  return new OpenAPIHono<UserEnv>({ defaultHook: validationHook })
}
