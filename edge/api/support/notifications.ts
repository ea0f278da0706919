import * as R from '../../contract/routes/support.ts'
import type { NotificationList } from '../../contract/support.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './schemas.ts'

const tags = ['notifications']

const list = apiRoute(R.listNotifications, {
  tags,
  summary: 'Your in-app notifications, newest first, with how many are unread in all',
  responses: { 200: 'Newest first.' },
  errors: [400, 401],
})

const read = apiRoute(R.readNotifications, {
  tags,
  summary: 'Mark some (`ids`) or all (`all: true`) of your notifications read',
  responses: { 204: 'Marked; ids that are not yours are ignored.' },
  errors: [400, 401],
})

const DEFAULT_LIMIT = 30

/** GET /notifications, POST /notifications/read (RLS keeps each person to their own). */
export function notificationRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { unread, limit } = c.req.valid('query')
      const [[row]] = await withUserRead(sql, c.var.claims, (tx) => [
        tx<{ list: NotificationList }[]>`
          select jsonb_build_object(
            'items', coalesce((
              select jsonb_agg(to_jsonb(n) order by n.id desc) from (
                select n.id, n.user_id, n.tenant_id, n.kind, n.title, n.body, n.link, n.ticket_id, n.created_at, n.read_at
                from public.notifications n
                where n.user_id = (select auth.uid()) and (not ${unread === 'true'} or n.read_at is null)
                order by n.id desc limit ${limit ?? DEFAULT_LIMIT}) n), '[]'),
            'unread', (select count(*) from public.notifications n
                       where n.user_id = (select auth.uid()) and n.read_at is null)
          ) as list`,
      ])
      return c.json(row?.list as NotificationList, 200)
    })
    .openapi({ ...read, middleware: auth }, async (c) => {
      const body = c.req.valid('json')
      const ids = 'ids' in body ? body.ids : null
      await withUser(
        sql,
        c.var.claims,
        (tx) => tx`
          update public.notifications set read_at = now()
          where user_id = (select auth.uid()) and read_at is null
            and (${ids}::bigint[] is null or id = any (${ids}::bigint[]))`,
      )
      return c.body(null, 204)
    })
}
