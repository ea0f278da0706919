import { Hono } from 'hono'
import { readJson } from '../../lib/http.ts'
import { auditAuth, mergeMetadata, setEmail } from '../accounts.ts'
import { type AuthApp, type AuthDeps, readQuery } from '../context.ts'
import { randomUrlToken, sha256Hex } from '../crypto.ts'
import { authError, emailExists } from '../errors.ts'
import { requireUser } from '../guards.ts'
import { safeRedirect, verifyLink } from '../links.ts'
import { sendEmail } from '../mail.ts'
import { assertStrongPassword, hashPassword, verifyPassword } from '../passwords.ts'
import { LogoutQuery, RedirectQuery, UpdateUserBody } from '../schemas.ts'
import { endSessions } from '../sessions.ts'
import { authEmail } from '../templates.ts'
import { type Db, findUserByEmail, findUserById, type UserRow, userJson } from '../users.ts'

/**
 * GET/PUT /user and POST /logout for the signed-in user.
 * Email change: with AUTH_CONFIRM_EMAIL=false (as Supabase with autoconfirm) the address changes at once;
 * with it on, a link goes to the new address and the change applies when it is opened
 * (GET /verify?type=email_change). A password change ends the user's other sessions.
 */
export function userRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()

  app.get('/user', async (c) => c.json(userJson((await requireUser(c, deps)).user)))

  app.put('/user', async (c) => {
    const body = await readJson(c, UpdateUserBody)
    const { redirect_to } = readQuery(c, RedirectQuery)
    const { claims, user } = await requireUser(c, deps)
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
      if (newEmail && (await findUserByEmail(tx, newEmail))) throw emailExists()
      if (body.data) {
        await tx`update auth.users set raw_user_meta_data = ${tx.json(mergeMetadata(user.raw_user_meta_data, body.data) as never)},
                 updated_at = now() where id = ${user.id}`
      }
      if (passwordHash) {
        await tx`update auth.users set encrypted_password = ${passwordHash}, updated_at = now() where id = ${user.id}`
        await endSessions(tx, user.id, 'others', claims.session_id)
        await auditAuth(tx, 'auth.password_changed', user.id, user.id)
      }
      if (newEmail && deps.env.AUTH_CONFIRM_EMAIL) {
        await requestEmailChange(
          tx,
          deps,
          user,
          newEmail,
          safeRedirect(redirect_to, deps.redirectOrigins, deps.siteUrl),
        )
      } else if (newEmail) {
        await setEmail(tx, user.id, newEmail)
        await auditAuth(tx, 'auth.email_changed', user.id, user.id, { from: user.email, to: newEmail })
      }
      return (await findUserById(tx, user.id)) as UserRow
    })
    return c.json(userJson(updated))
  })

  app.post('/logout', async (c) => {
    const { scope } = readQuery(c, LogoutQuery)
    const { claims, user } = await requireUser(c, deps)
    await endSessions(deps.sql, user.id, scope, claims.session_id)
    return c.body(null, 204)
  })

  return app
}

/** Stores the pending address with a hashed token and emails the confirmation link to the new address. */
async function requestEmailChange(
  tx: Db,
  deps: AuthDeps,
  user: UserRow,
  newEmail: string,
  redirectTo: string,
) {
  const token = randomUrlToken()
  await tx`update auth.users
           set email_change = ${newEmail}, email_change_token_new = ${await sha256Hex(token)},
               email_change_sent_at = now(), email_change_confirm_status = 0, updated_at = now()
           where id = ${user.id}`
  const link = verifyLink(deps.env.SUPABASE_URL, token, 'email_change', redirectTo)
  await sendEmail(
    tx,
    authEmail('email_change', newEmail, link, undefined, Math.round(deps.env.AUTH_OTP_EXP / 60)),
  )
}
