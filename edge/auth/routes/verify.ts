import { Hono } from 'hono'
import { ApiError } from '../../lib/errors.ts'
import { readJson } from '../../lib/http.ts'
import { type AuthApp, type AuthDeps, clientInfo, readQuery } from '../context.ts'
import { limitRequest } from '../guards.ts'
import { issueLink } from '../issue-link.ts'
import { safeRedirect, withFragment } from '../links.ts'
import { RecoverBody, RedirectQuery, VerifyBody, VerifyLinkQuery } from '../schemas.ts'
import { findUserByEmail, isBanned } from '../users.ts'
import { verifyAndSignIn } from '../verify.ts'

/** POST /recover, and GET/POST /verify: password recovery and every email link or code. */
export function verifyRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()
  const redirectFor = (candidate: string | undefined, fallback = deps.siteUrl) =>
    safeRedirect(candidate, deps.redirectOrigins, fallback)

  // Always 200 {}: whether the address is registered is never revealed.
  app.post('/recover', async (c) => {
    const body = await readJson(c, RecoverBody)
    const { redirect_to } = readQuery(c, RedirectQuery)
    limitRequest(c, deps, 'recover', body.email)
    const redirectTo = redirectFor(redirect_to, new URL('/reset-password', deps.siteUrl).toString())
    await deps.sql.begin(async (tx) => {
      const user = await findUserByEmail(tx, body.email)
      if (!user || isBanned(user)) return
      await issueLink(
        tx,
        deps,
        { id: user.id, email: user.email ?? body.email },
        'recovery',
        redirectTo,
        true,
      )
    })
    return c.json({})
  })

  // The link in an email (a browser navigation: no apikey). Lands on redirect_to with the session, or
  // the error, in the fragment — what supabase-js's detectSessionInUrl reads in the implicit flow.
  app.get('/verify', async (c) => {
    const query = readQuery(c, VerifyLinkQuery)
    const redirectTo = redirectFor(query.redirect_to)
    try {
      limitRequest(c, deps, 'verify')
      const s = await verifyAndSignIn(deps.sql, deps, { tokenHash: query.token }, query.type, clientInfo(c))
      const fragment = {
        access_token: s.access_token,
        expires_at: s.expires_at,
        expires_in: s.expires_in,
        refresh_token: s.refresh_token,
        token_type: s.token_type,
        type: query.type,
      }
      return c.redirect(withFragment(redirectTo, fragment), 303)
    } catch (e) {
      if (!(e instanceof ApiError) || e.status >= 500) throw e
      const fragment = {
        error: 'access_denied',
        error_code: e.code,
        error_description: e.code === 'otp_expired' ? 'Email link is invalid or has expired' : e.message,
      }
      return c.redirect(withFragment(redirectTo, fragment), 303)
    }
  })

  // supabase-js verifyOtp: the link token as token_hash, or the emailed code with the address.
  app.post('/verify', async (c) => {
    const body = await readJson(c, VerifyBody)
    limitRequest(c, deps, 'verify', body.email)
    const proof = body.token_hash
      ? { tokenHash: body.token_hash }
      : { email: body.email ?? '', otp: body.token ?? '' }
    return c.json(await verifyAndSignIn(deps.sql, deps, proof, body.type, clientInfo(c)))
  })

  return app
}
