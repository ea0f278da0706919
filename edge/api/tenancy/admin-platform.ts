import {
  PLATFORM_TIME_ZONE,
  type PlatformTotals,
  type PlatformWeek,
  type PlatformWeekly,
} from '../../contract/admin-platform.ts'
import * as R from '../../contract/routes/admin.ts'
import { withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './admin-schemas.ts'

// The platform dashboard (issue 20): the whole platform week by week and as it stands now, for the
// console's Platform tab. The database decides who may (public.platform_weekly and
// public.platform_totals raise 42501 → 403 superadmins_only for anyone else) and checks the number of
// weeks (22023 → 422 weeks_range); supabase/migrations/20261214030000_platform_weekly.sql.

const weekly = apiRoute(R.getPlatformWeekly, {
  tags: ['platform admin'],
  summary: 'The whole platform week by week, and its schools and members now (superadmins)',
  description:
    'Weeks run Monday to Sunday in Africa/Nairobi; the last is the current week, up to now. `weeks`: 1 to 52 ' +
    '(12 by default). Per week: schools active (anything happened in them) and new, active students (opened or ' +
    'finished a lesson, came to a session, asked the tutor or wrote in a forum; a student of two schools counts ' +
    'once), lessons finished, sessions a student came to, tutor questions, tickets opened, and money received ' +
    'and refunded per currency (the ledger). Totals: schools by status, deletions planned, memberships by role ' +
    'and people.',
  responses: { 200: 'The weeks, oldest first, and the totals.' },
  errors: [400, 401, 403, 422],
})

/** GET /admin/platform/weekly. */
export function adminPlatformRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...weekly, middleware: auth }, async (c) => {
    const { weeks } = c.req.valid('query')
    const [rows, [totals]] = await withUserRead(sql, c.var.claims, (tx) => [
      tx<PlatformWeek[]>`
        select week::text as week, schools_active, schools_new, active_students, lessons_completed,
          sessions_held, tutor_questions, tickets_opened, money
        from public.platform_weekly(${weeks})`,
      tx<PlatformTotals[]>`select * from public.platform_totals()`,
    ])
    const answer: PlatformWeekly = { time_zone: PLATFORM_TIME_ZONE, weeks: [...rows], totals }
    return c.json(answer, 200)
  })
}
