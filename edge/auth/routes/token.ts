import { Hono } from 'hono'
import { readJson } from '../../lib/http.ts'
import { noteFailedSignIn, recordSignIn } from '../accounts.ts'
import { type AuthApp, type AuthDeps, clientInfo, readQuery } from '../context.ts'
import { authError, invalidCredentials } from '../errors.ts'
import { admitPasswordAttempt, limitRequest } from '../limits.ts'
import { verifyPassword } from '../passwords.ts'
import { refreshSession } from '../refresh.ts'
import { GrantQuery, PasswordGrantBody, RefreshGrantBody } from '../schemas.ts'
import { startSession } from '../sessions.ts'
import { findUserByEmail, findUserById, isBanned, type UserRow } from '../users.ts'

/** POST /token?grant_type=password|refresh_token: sign in with a password, or rotate a refresh token. */
export function tokenRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()

  app.post('/token', async (c) => {
    const { grant_type } = readQuery(c, GrantQuery)

    if (grant_type === 'refresh_token') {
      const body = await readJson(c, RefreshGrantBody)
      limitRequest(c, deps.limits, 'refresh')
      const session = await refreshSession(
        deps.sql,
        deps.tokens,
        body.refresh_token,
        clientInfo(c),
        deps.env.AUTH_REFRESH_REUSE_INTERVAL,
      )
      return c.json(session)
    }

    const body = await readJson(c, PasswordGrantBody)
    const attempt = admitPasswordAttempt(c, deps.limits, body.email)
    const user = await findUserByEmail(deps.sql, body.email)
    // One bcrypt comparison whether or not the address is registered (verifyPassword uses a dummy hash).
    const ok = await verifyPassword(body.password, user?.encrypted_password)
    if (!user || !ok) {
      if (user) await noteFailedSignIn(deps.sql, user.id, clientInfo(c).ip)
      throw invalidCredentials()
    }
    attempt.succeeded() // only failures count against the account
    if (!user.email_confirmed_at) throw authError(400, 'email_not_confirmed', 'Email not confirmed')
    if (isBanned(user)) throw authError(400, 'user_banned', 'User is banned')

    const session = await deps.sql.begin(async (tx) => {
      await recordSignIn(tx, user.id)
      return startSession(
        tx,
        deps.tokens,
        (await findUserById(tx, user.id)) as UserRow,
        'password',
        clientInfo(c),
      )
    })
    return c.json(session)
  })

  return app
}
