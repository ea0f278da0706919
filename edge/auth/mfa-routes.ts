import { Hono } from 'hono'
import { z } from 'zod'
import { readJson } from '../lib/http.ts'
import type { AuthApp, AuthDeps } from './context.ts'
import { authError } from './errors.ts'
import { requireUser } from './guards.ts'
import {
  challengeFactor,
  enrollTotp,
  factorNotFound,
  newRecoveryCodes,
  recoveryCodesLeft,
  unenrollFactor,
  verifyFactor,
} from './mfa.ts'

// GoTrue ignores fields it does not know (z.object, as schemas.ts).
const EnrollBody = z.object({
  factor_type: z.string().max(20),
  friendly_name: z.string().max(100).optional(),
  issuer: z.string().max(100).optional(),
})
const ChallengeBody = z.object({ channel: z.string().max(20).optional() })
const VerifyBody = z.object({ challenge_id: z.uuid(), code: z.string().min(1).max(64) })

/** A factor id from the path; not a UUID is not found (as GoTrue). */
function factorId(raw: string): string {
  if (!z.uuid().safeParse(raw).success) throw factorNotFound()
  return raw
}

/** The MFA endpoints of GoTrue supabase-js calls (auth.mfa.*), and our recovery codes (mfa.ts). */
export function mfaRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()

  app.post('/factors', async (c) => {
    const body = await readJson(c, EnrollBody)
    const signedIn = await requireUser(c, deps)
    if (body.factor_type !== 'totp') {
      throw authError(400, 'validation_failed', 'Only totp factors can be enrolled here.')
    }
    return c.json(await enrollTotp(deps, signedIn, body.friendly_name, body.issuer))
  })

  app.post('/factors/:id/challenge', async (c) => {
    // supabase-js sends its own params (factorId…) as the body; only `channel` is GoTrue's.
    await readJson(c, ChallengeBody)
    const signedIn = await requireUser(c, deps)
    return c.json(await challengeFactor(c, deps, signedIn, factorId(c.req.param('id'))))
  })

  app.post('/factors/:id/verify', async (c) => {
    const body = await readJson(c, VerifyBody)
    const signedIn = await requireUser(c, deps)
    return c.json(
      await verifyFactor(c, deps, signedIn, factorId(c.req.param('id')), body.challenge_id, body.code),
    )
  })

  app.delete('/factors/:id', async (c) => {
    const signedIn = await requireUser(c, deps)
    return c.json(await unenrollFactor(deps, signedIn, factorId(c.req.param('id'))))
  })

  app.get('/recovery_codes', async (c) => {
    const { user } = await requireUser(c, deps)
    return c.json(await recoveryCodesLeft(deps.sql, user.id))
  })

  app.post('/recovery_codes', async (c) => {
    const signedIn = await requireUser(c, deps)
    return c.json(await newRecoveryCodes(deps, signedIn))
  })

  return app
}
