import { Hono } from 'hono'
import { readJson } from '../../lib/http.ts'
import { insertUser, recordSignIn } from '../accounts.ts'
import { type AuthApp, type AuthDeps, clientInfo, readQuery } from '../context.ts'
import { issueLink } from '../issue-link.ts'
import { limitRequest } from '../limits.ts'
import { safeRedirect } from '../links.ts'
import { assertStrongPassword, hashPassword } from '../passwords.ts'
import { RedirectQuery, SignupBody } from '../schemas.ts'
import { startSession } from '../sessions.ts'
import { decoyUserJson, findUserByEmail, findUserById, type UserRow, userJson } from '../users.ts'

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505'

/**
 * POST /signup. A registered address gets the answer GoTrue gives when confirmations are on: a made-up
 * user with no identities and no session (and, if that account is still unconfirmed, a fresh
 * confirmation email) — never GoTrue's autoconfirm answer `422 user_already_exists`, which tells anyone
 * who is registered. With AUTH_CONFIRM_EMAIL=false a new account gets a session at once, so there a
 * client can still tell the cases apart by the missing session; the per-address rate limit bounds that.
 */
export function signupRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()

  app.post('/signup', async (c) => {
    const body = await readJson(c, SignupBody)
    const { redirect_to } = readQuery(c, RedirectQuery)
    limitRequest(c, deps.limits, 'signup', body.email)
    assertStrongPassword(body.password)
    const confirm = deps.env.AUTH_CONFIRM_EMAIL
    const redirectTo = safeRedirect(redirect_to, deps.redirectOrigins, deps.siteUrl)
    // Hashed for known addresses too, so both answers take as long.
    const passwordHash = await hashPassword(body.password)
    const decoy = () => c.json(decoyUserJson(body.email, body.data ?? {}))

    try {
      const answer = await deps.sql.begin(async (tx) => {
        const existing = await findUserByEmail(tx, body.email)
        if (existing) {
          if (confirm && !existing.email_confirmed_at) {
            const to = existing.email ?? body.email
            await issueLink(tx, deps, { id: existing.id, email: to }, 'signup', redirectTo, true)
          }
          return null
        }
        const user = await insertUser(tx, {
          email: body.email,
          passwordHash,
          confirmed: !confirm,
          userMetadata: body.data,
        })
        if (confirm) {
          await issueLink(tx, deps, { id: user.id, email: body.email }, 'signup', redirectTo, true)
          return userJson((await findUserById(tx, user.id)) as UserRow)
        }
        await recordSignIn(tx, user.id)
        return startSession(
          tx,
          deps.tokens,
          (await findUserById(tx, user.id)) as UserRow,
          'password',
          clientInfo(c),
        )
      })
      return answer ? c.json(answer) : decoy()
    } catch (e) {
      if (isUniqueViolation(e)) return decoy() // the same address signed up concurrently
      throw e
    }
  })

  return app
}
