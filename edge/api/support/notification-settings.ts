import * as R from '../../contract/routes/support.ts'
import type { NotificationSettings } from '../../contract/support.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './schemas.ts'

const tags = ['notifications']

const get = apiRoute(R.getNotificationSettings, {
  tags,
  summary: 'Where each kind of notification reaches you (bell, email): your choice, else the default',
  responses: { 200: 'Every kind, in the settings page’s order.' },
  errors: [401],
})

const put = apiRoute(R.putNotificationSettings, {
  tags,
  summary: 'Choose where some kinds of notification reach you; the others keep theirs',
  responses: { 200: 'Every kind, as now chosen.' },
  errors: [400, 401],
})

/**
 * Every kind in order with the caller's choice or the default. The defaults and the order come
 * from the migration's private.notification_defaults() (the SQL twin of NOTIFICATION_DEFAULTS; a
 * test compares them), so the API and the notifying triggers read one table of defaults. Unsent.
 */
function readSettings(tx: Tx) {
  return tx<NotificationSettings>`
    select d.kind, coalesce(s.in_app, d.in_app) as in_app, coalesce(s.email, d.email) as email
    from private.notification_defaults() d
    left join public.notification_settings s on s.user_id = (select auth.uid()) and s.kind = d.kind
    order by d.ord`
}

/** GET and PUT /me/notification-settings (RLS keeps each person to their own rows). */
export function notificationSettingsRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const [settings] = await withUserRead(sql, c.var.claims, (tx) => [readSettings(tx)])
      return c.json([...settings], 200)
    })
    .openapi({ ...put, middleware: auth }, async (c) => {
      const { settings } = c.req.valid('json')
      const result = await withUser(sql, c.var.claims, async (tx) => {
        await tx`
          insert into public.notification_settings (user_id, kind, in_app, email)
          select (select auth.uid()), x.kind, x.in_app, x.email
          from jsonb_to_recordset(${tx.json(settings)}) as x(kind text, in_app boolean, email boolean)
          on conflict (user_id, kind) do update set in_app = excluded.in_app, email = excluded.email`
        return readSettings(tx)
      })
      return c.json([...result], 200)
    })
}
