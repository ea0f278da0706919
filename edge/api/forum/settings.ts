import type { ForumSettings } from '../../contract/forum.ts'
import * as R from '../../contract/routes/forum.ts'
import type { Tx } from '../../lib/db.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireAdmin, tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import './schemas.ts'

// A school's forum safety settings: how many reports hide a post, the default word list on or
// off, and the school's own words. Members read them (the forum says what is held); admins change
// them (audited by the database).

const tags = ['forum']

const get = apiRoute(R.getForumSettings, {
  tags,
  summary: "The school's forum safety settings (members read; admins change)",
  description:
    'With the default word list (English and Kiswahili) for reading. No settings saved: the defaults.',
  responses: { 200: 'The settings.' },
  errors: [400, 401, 404],
})
const put = apiRoute(R.updateForumSettings, {
  tags,
  summary: "Change the school's forum safety settings (owners and admins; audited)",
  description:
    'Words are kept in lower case, each once. They apply to posts and direct messages written from now ' +
    'on. `adult_age` (optional, kept when absent): students younger, or without a recorded birth date, ' +
    'message only their teachers, linked parents and classmates; 0 turns the rule off.',
  responses: { 200: 'The settings.' },
  errors: [400, 401, 403, 404],
})

/** A school's forum settings (the defaults when none are saved); unsent. */
const settingsQuery = (tx: Tx, tenantId: string) => tx<ForumSettings[]>`
    select coalesce(s.report_threshold, 3) as report_threshold, coalesce(s.default_words, true) as default_words,
      coalesce(s.blocked_words, '{}') as blocked_words, public.forum_default_words() as default_list,
      coalesce(s.adult_age, 18) as adult_age,
      private.has_role(${tenantId}, private.admin_roles()) as can_edit
    from (select 1) one left join public.forum_settings s on s.tenant_id = ${tenantId}`

async function readSettings(tx: Tx, tenantId: string): Promise<ForumSettings> {
  const [row] = await settingsQuery(tx, tenantId)
  return row as ForumSettings
}

/** GET and PUT /tenants/:tenantId/forum/settings. */
export function settingsRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const [role, [settings]] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        settingsQuery(tx, tenantId),
      ])
      tenantRoleIn(role) // 404 for a school the caller cannot see
      return c.json(settings as ForumSettings, 200)
    })
    .openapi({ ...put, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      const words = [...new Set(body.blocked_words.map((w) => w.toLowerCase()))].sort()
      const settings = await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, tenantId)
        await tx`
          insert into public.forum_settings (tenant_id, report_threshold, default_words, blocked_words, adult_age)
          values (${tenantId}, ${body.report_threshold}, ${body.default_words}, ${words}, coalesce(${body.adult_age ?? null}::int, 18))
          on conflict (tenant_id) do update set report_threshold = excluded.report_threshold,
            default_words = excluded.default_words, blocked_words = excluded.blocked_words,
            adult_age = coalesce(${body.adult_age ?? null}::int, forum_settings.adult_age),
            updated_by = excluded.updated_by`
        return readSettings(tx, tenantId)
      })
      return c.json(settings, 200)
    })
}
