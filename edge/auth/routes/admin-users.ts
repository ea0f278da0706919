import { Hono } from 'hono'
import type { z } from 'zod'
import { readJson } from '../../lib/http.ts'
import { auditAuth, confirmEmail, insertUser, mergeMetadata, setEmail } from '../accounts.ts'
import { type AuthApp, type AuthDeps, readQuery } from '../context.ts'
import { authError, emailExists, userNotFound } from '../errors.ts'
import { requireServiceRole } from '../guards.ts'
import { assertStrongPassword, hashPassword } from '../passwords.ts'
import {
  AdminCreateUserBody,
  AdminDeleteUserBody,
  AdminListQuery,
  AdminUserBody,
  UserIdParam,
} from '../schemas.ts'
import { endSessions } from '../sessions.ts'
import { type Db, findUserByEmail, findUserById, type UserRow, userJson, withIdentities } from '../users.ts'

const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1000 } as const

/** banned_until for a GoTrue ban_duration ("24h", "90m", "none"). */
function banUntil(duration: string): Date | null {
  if (duration === 'none') return null
  const unit = duration.slice(-1) as keyof typeof UNIT_MS
  return new Date(Date.now() + Number(duration.slice(0, -1)) * UNIT_MS[unit])
}

/** The Admin API over users (service_role key only): list, create, read, update, delete. */
export function adminUserRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()
  app.use('/admin/*', async (c, next) => {
    await requireServiceRole(c, deps)
    await next()
  })
  const userId = (raw: string) => {
    const id = UserIdParam.safeParse(raw)
    if (!id.success) throw authError(400, 'validation_failed', 'user_id must be an UUID')
    return id.data
  }

  app.get('/admin/users', async (c) => {
    const { page, per_page } = readQuery(c, AdminListQuery)
    const [{ total }] = await deps.sql<{ total: number }[]>`
      select count(*)::int as total from auth.users where deleted_at is null`
    const users = await deps.sql<UserRow[]>`
      ${withIdentities(deps.sql)} where u.deleted_at is null
      order by u.created_at desc, u.id limit ${per_page} offset ${(page - 1) * per_page}`
    // GoTrue's pagination headers, which supabase-js listUsers reads.
    const last = Math.max(1, Math.ceil(total / per_page))
    const link = (p: number, rel: string) =>
      `<${deps.issuer}/admin/users?page=${p}&per_page=${per_page}>; rel="${rel}"`
    c.header('X-Total-Count', String(total))
    c.header('Link', [...(page < last ? [link(page + 1, 'next')] : []), link(last, 'last')].join(', '))
    return c.json({ users: users.map(userJson), aud: 'authenticated' })
  })

  app.post('/admin/users', async (c) => {
    const body = await readJson(c, AdminCreateUserBody)
    if (body.password !== undefined) assertStrongPassword(body.password)
    const passwordHash = body.password === undefined ? null : await hashPassword(body.password)
    const user = await deps.sql.begin(async (tx) => {
      if (await findUserByEmail(tx, body.email)) throw emailExists()
      const created = await insertUser(tx, {
        email: body.email,
        passwordHash,
        confirmed: body.email_confirm ?? false,
        userMetadata: body.user_metadata,
        appMetadata: body.app_metadata,
      })
      if (body.ban_duration) {
        await tx`update auth.users set banned_until = ${banUntil(body.ban_duration)} where id = ${created.id}`
      }
      await auditAuth(tx, 'auth.admin.user_created', created.id, null, { email: body.email })
      return (await findUserById(tx, created.id)) as UserRow
    })
    return c.json(userJson(user))
  })

  app.get('/admin/users/:id', async (c) => {
    const user = await findUserById(deps.sql, userId(c.req.param('id')))
    if (!user) throw userNotFound()
    return c.json(userJson(user))
  })

  app.put('/admin/users/:id', async (c) => {
    const id = userId(c.req.param('id'))
    const body = await readJson(c, AdminUserBody)
    if (body.password !== undefined) assertStrongPassword(body.password)
    const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password)
    const user = await deps.sql.begin(async (tx) => {
      const current = await findUserById(tx, id)
      if (!current) throw userNotFound()
      await applyAdminUpdate(tx, current, body, passwordHash)
      return (await findUserById(tx, id)) as UserRow
    })
    return c.json(userJson(user))
  })

  app.delete('/admin/users/:id', async (c) => {
    const id = userId(c.req.param('id'))
    const body = await readJson(c, AdminDeleteUserBody)
    if (body.should_soft_delete)
      throw authError(
        422,
        'validation_failed',
        'Local auth deletes users for good; soft delete is not supported.',
      )
    await deps.sql.begin(async (tx) => {
      const [gone] = await tx`delete from auth.users where id = ${id} returning email`
      if (!gone) throw userNotFound()
      await auditAuth(tx, 'auth.admin.user_deleted', id, null, { email: gone.email })
    })
    return c.json({})
  })

  return app
}

/** One admin update; a new password or a ban also ends the user's sessions. */
async function applyAdminUpdate(
  tx: Db,
  current: UserRow,
  body: z.infer<typeof AdminUserBody>,
  passwordHash: string | undefined,
) {
  if (body.email && body.email !== current.email?.toLowerCase()) {
    if (await findUserByEmail(tx, body.email)) throw emailExists()
    await setEmail(tx, current.id, body.email)
  }
  if (body.email_confirm) await confirmEmail(tx, current.id)
  if (body.user_metadata) {
    await tx`update auth.users set raw_user_meta_data = ${tx.json(mergeMetadata(current.raw_user_meta_data, body.user_metadata) as never)}
             where id = ${current.id}`
  }
  if (body.app_metadata) {
    await tx`update auth.users set raw_app_meta_data = ${tx.json(mergeMetadata(current.raw_app_meta_data, body.app_metadata) as never)}
             where id = ${current.id}`
  }
  if (passwordHash)
    await tx`update auth.users set encrypted_password = ${passwordHash} where id = ${current.id}`
  const banned = body.ban_duration ? banUntil(body.ban_duration) : undefined
  if (banned !== undefined) await tx`update auth.users set banned_until = ${banned} where id = ${current.id}`
  if (passwordHash || banned) await endSessions(tx, current.id, 'global')
  await tx`update auth.users set updated_at = now() where id = ${current.id}`
  await auditAuth(tx, 'auth.admin.user_updated', current.id, null, {
    changed: Object.keys(body),
    ...(body.app_metadata ? { app_metadata: body.app_metadata } : {}),
  })
}
