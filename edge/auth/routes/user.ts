import { Hono } from 'hono'
import { readJson } from '../../lib/http.ts'
import { actingFor } from '../../lib/jwt.ts'
import { auditAuth, mergeMetadata } from '../accounts.ts'
import { type AuthApp, type AuthDeps, clientInfo, readQuery } from '../context.ts'
import { requestEmailChange } from '../email-change.ts'
import { authError } from '../errors.ts'
import { requireUser } from '../guards.ts'
import { endImpersonation, refuseWhileActing } from '../impersonate.ts'
import { safeRedirect } from '../links.ts'
import { assertStrongPassword, hashPassword, verifyPassword } from '../passwords.ts'
import { requestPhoneChange } from '../phone.ts'
import { LogoutQuery, RedirectQuery, UpdateUserBody } from '../schemas.ts'
import { endSessions } from '../sessions.ts'
import { findUserById, type UserRow, userJson } from '../users.ts'

/**
 * GET/PUT /user and POST /logout for the signed-in user.
 * Email change is GoTrue's secure one, whatever AUTH_CONFIRM_EMAIL says: the answer is the user with
 * `new_email` and the old `email`; links go to both addresses (email-change.ts). A password change ends
 * the user's other sessions.
 */
export function userRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()

  app.get('/user', async (c) => c.json(userJson((await requireUser(c, deps)).user)))

  app.put('/user', async (c) => {
    const body = await readJson(c, UpdateUserBody)
    const { redirect_to } = readQuery(c, RedirectQuery)
    const { claims, user } = await requireUser(c, deps)
    if (body.password !== undefined || body.email) refuseWhileActing(claims)
    if (body.phone) refuseWhileActing(claims) // a sign-in number, like the password: only the person's
    let passwordHash: string | undefined
    if (body.password !== undefined) {
      assertStrongPassword(body.password)
      if (await verifyPassword(body.password, user.encrypted_password)) {
        throw authError(422, 'same_password', 'New password should be different from the old password.')
      }
      passwordHash = await hashPassword(body.password)
    }
    const newEmail = body.email && body.email !== user.email?.toLowerCase() ? body.email : undefined

    const updated = await deps.sql.begin(async (tx) => {
      if (body.data) {
        await tx`update auth.users set raw_user_meta_data = ${tx.json(mergeMetadata(user.raw_user_meta_data, body.data) as never)},
                 updated_at = now() where id = ${user.id}`
      }
      if (passwordHash) {
        await tx`update auth.users set encrypted_password = ${passwordHash}, updated_at = now() where id = ${user.id}`
        await endSessions(tx, user.id, 'others', claims.session_id)
        // A password set in a session the recovery link started completes a reset.
        const reset = claims.amr?.some((a) => a.method === 'recovery') ?? false
        const action = reset ? 'auth.password_reset_completed' : 'auth.password_changed'
        await auditAuth(tx, action, user.id, user.id, {}, clientInfo(c).ip)
      }
      if (newEmail) {
        const redirectTo = safeRedirect(redirect_to, deps.redirectOrigins, deps.siteUrl)
        await requestEmailChange(tx, deps, user, newEmail, redirectTo)
      }
      if (body.phone) await requestPhoneChange(c, tx, deps, user, body.phone)
      return (await findUserById(tx, user.id)) as UserRow
    })
    return c.json(userJson(updated))
  })

  app.post('/logout', async (c) => {
    const { scope } = readQuery(c, LogoutQuery)
    const { claims, user } = await requireUser(c, deps)
    // Signing out while acting as someone ends the impersonation, never the person's own sessions.
    const acting = actingFor(claims)
    if (acting && scope === 'others') refuseWhileActing(claims)
    if (acting) await endImpersonation(deps.sql, acting.impersonation, clientInfo(c).ip)
    else await endSessions(deps.sql, user.id, scope, claims.session_id)
    return c.body(null, 204)
  })

  return app
}
