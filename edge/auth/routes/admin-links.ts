import { Hono } from 'hono'
import { readJson } from '../../lib/http.ts'
import { auditAuth, insertUser } from '../accounts.ts'
import { type AuthApp, type AuthDeps, readQuery } from '../context.ts'
import { emailExists, userNotFound } from '../errors.ts'
import { requireServiceRole } from '../guards.ts'
import { issueLink } from '../issue-link.ts'
import { safeRedirect } from '../links.ts'
import { assertStrongPassword, hashPassword } from '../passwords.ts'
import { GenerateLinkBody, InviteBody, RedirectQuery } from '../schemas.ts'
import { type Db, findUserByEmail, findUserById, type UserRow, userJson } from '../users.ts'

/**
 * The user a sign-up or invite link is for: the unconfirmed account with that address, or a new one.
 * An address that is already confirmed is refused (422 email_exists), as GoTrue does.
 */
async function pendingUser(
  tx: Db,
  email: string,
  opts: { invited: boolean; passwordHash: string | null; data?: Record<string, unknown> },
) {
  const existing = await findUserByEmail(tx, email)
  if (existing?.email_confirmed_at) throw emailExists()
  if (existing) return existing
  const user = await insertUser(tx, {
    email,
    confirmed: false,
    invited: opts.invited,
    passwordHash: opts.passwordHash,
    userMetadata: opts.data,
  })
  await auditAuth(tx, opts.invited ? 'auth.admin.user_invited' : 'auth.admin.user_created', user.id, null, {
    email,
  })
  return user
}

/** POST /admin/generate_link (returns the link, sends nothing) and POST /invite (emails it). */
export function adminLinkRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()
  const redirectFor = (candidate: string | undefined) =>
    safeRedirect(candidate, deps.redirectOrigins, deps.siteUrl)

  app.post('/admin/generate_link', async (c) => {
    await requireServiceRole(c, deps)
    const body = await readJson(c, GenerateLinkBody)
    const redirectTo = redirectFor(body.redirect_to ?? readQuery(c, RedirectQuery).redirect_to)
    if (body.type === 'signup') assertStrongPassword(body.password ?? '')
    const passwordHash = body.type === 'signup' ? await hashPassword(body.password ?? '') : null

    const answer = await deps.sql.begin(async (tx) => {
      let user: UserRow
      if (body.type === 'signup' || body.type === 'invite') {
        user = await pendingUser(tx, body.email, {
          invited: body.type === 'invite',
          passwordHash,
          data: body.data,
        })
      } else {
        const found = await findUserByEmail(tx, body.email)
        if (!found) throw userNotFound()
        user = found
      }
      const properties = await issueLink(
        tx,
        deps,
        { id: user.id, email: body.email },
        body.type,
        redirectTo,
        false,
      )
      return { ...userJson((await findUserById(tx, user.id)) as UserRow), ...properties }
    })
    return c.json(answer)
  })

  app.post('/invite', async (c) => {
    await requireServiceRole(c, deps)
    const body = await readJson(c, InviteBody)
    const redirectTo = redirectFor(readQuery(c, RedirectQuery).redirect_to)
    const user = await deps.sql.begin(async (tx) => {
      const invited = await pendingUser(tx, body.email, {
        invited: true,
        passwordHash: null,
        data: body.data,
      })
      await issueLink(tx, deps, { id: invited.id, email: body.email }, 'invite', redirectTo, true)
      return (await findUserById(tx, invited.id)) as UserRow
    })
    return c.json(userJson(user))
  })

  return app
}
