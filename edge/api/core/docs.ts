import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, Env } from 'hono'
import { NONCE, secureHeaders } from 'hono/secure-headers'
import { type OpenApiDoc, renderDocsHtml } from './docs-html.ts'

/** The CSP of the docs page: nothing but its own nonce'd style sheet; no scripts, no network. */
export const docsSecurityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: [NONCE],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
  })

/**
 * GET /openapi.json (OpenAPI 3.1 of every route) and GET /docs (the same, as HTML) on the api app.
 * The document is built once, on first request, after all routes are registered.
 */
export function docsRoutes<E extends Env>(api: OpenAPIHono<E>, serverUrl: string) {
  let doc: OpenApiDoc | undefined
  const document = () =>
    (doc ??= api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Kipindi API',
        version: '1.0.0',
        description:
          'Schools (tenants), members, roles and invitations. Sign in with Supabase Auth and send the access ' +
          'token as `Authorization: Bearer <jwt>`; the database decides what you may see (row-level security). ' +
          'Errors are `{ "error": { "code", "message", "details"? } }`.',
      },
      servers: [{ url: serverUrl, description: 'Supabase Edge Functions' }],
      tags: [
        { name: 'meta' },
        { name: 'me' },
        { name: 'tenants' },
        { name: 'members' },
        { name: 'invitations' },
        { name: 'platform admin' },
      ],
    }))
  api.get('/openapi.json', (c) => c.json(document()))
  api.get('/docs', (c: Context) => c.html(renderDocsHtml(document(), c.get('secureHeadersNonce') ?? '')))
}
