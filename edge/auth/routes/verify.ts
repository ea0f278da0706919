import { Hono } from 'hono'
import { ApiError } from '../../lib/errors.ts'
import { readJson } from '../../lib/http.ts'
import { auditAuth } from '../accounts.ts'
import { type AuthApp, type AuthDeps, clientInfo, readQuery } from '../context.ts'
import { SINGLE_CONFIRMATION_ACCEPTED } from '../email-change.ts'
import { issueLink } from '../issue-link.ts'
import { limitRequest } from '../limits.ts'
import { safeRedirect, withFragment } from '../links.ts'
import { isPhoneVerify, verifyPhone } from '../phone.ts'
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
    limitRequest(c, deps.limits, 'recover', body.email)
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
      await auditAuth(tx, 'auth.password_reset_requested', user.id, null, {}, clientInfo(c).ip)
    })
    return c.json({})
  })

  // The link in an email (a browser navigation: no apikey). Lands on redirect_to with the session, or
  // the error, in the fragment — what supabase-js's detectSessionInUrl reads in the implicit flow.
  app.get('/verify', async (c) => {
    const query = readQuery(c, VerifyLinkQuery)
    const redirectTo = redirectFor(query.redirect_to)
    try {
      limitRequest(c, deps.limits, 'verify')
      const s = await verifyAndSignIn(deps.sql, deps, { tokenHash: query.token }, query.type, clientInfo(c))
      // The first link of an email change: no session yet, GoTrue's message in the fragment.
      if (!s)
        return c.redirect(withFragment(redirectTo, { message: SINGLE_CONFIRMATION_ACCEPTED, sb: '' }), 303)
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
    if (await isPhoneVerify(c)) return verifyPhone(c, deps) // verifyOtp({ phone, token, type }): phone.ts
    const body = await readJson(c, VerifyBody)
    limitRequest(c, deps.limits, 'verify', body.email)
    const proof = body.token_hash
      ? { tokenHash: body.token_hash }
      : { email: body.email ?? '', otp: body.token ?? '' }
    const session = await verifyAndSignIn(deps.sql, deps, proof, body.type, clientInfo(c))
    // GoTrue's answer to the first link of an email change, which supabase-js reads as no user, no session.
    if (!session) return c.json({ msg: SINGLE_CONFIRMATION_ACCEPTED, code: '200' })
    return c.json(session)
  })

  return app
}
