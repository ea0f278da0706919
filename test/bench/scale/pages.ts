// The pages people open most, as the requests their loaders make (web/src/features/*/api.ts), with the
// demo person of each role who opens them. Shared by the scale benchmark and test/integration/query-plans.test.ts.
import type { Hono } from 'hono'
import { type ApiDeps, newRouter } from '../../../edge/api/core/router.ts'
import { coursesRoutes } from '../../../edge/api/courses/index.ts'
import { gradebookRoutes } from '../../../edge/api/gradebook/index.ts'
import { guardiansRoutes } from '../../../edge/api/guardians/index.ts'
import { homeRoutes } from '../../../edge/api/home/index.ts'
import { supportRoutes } from '../../../edge/api/support/index.ts'
import { tenancyRoutes } from '../../../edge/api/tenancy/index.ts'
import { tutoringRoutes } from '../../../edge/api/tutoring/index.ts'
import { handleError } from '../../../edge/lib/errors.ts'
import { DEMO_SCHOOL } from './grow.ts'

/** The seed's demo people (supabase/seed.sql). */
export const DEMO = {
  owner: '00000000-0000-4000-a000-000000000002',
  admin: '00000000-0000-4000-a000-000000000003',
  instructor: '00000000-0000-4000-a000-000000000004',
  staff: '00000000-0000-4000-a000-000000000006',
  student: '00000000-0000-4000-a000-000000000007',
  parent: '00000000-0000-4000-a000-000000000009',
} as const
export type DemoRole = keyof typeof DEMO

/** The seed's Grade 7 Integrated Science: the student is enrolled, the instructor writes it. */
const SCIENCE = '40000000-0000-4000-a000-000000000001'
const T = `/api/tenants/${DEMO_SCHOOL}`

export interface PageRequest {
  page: string
  role: DemoRole
  /** The requests the page makes when it opens (timed together, one after the other). */
  paths: string[]
}

export const PAGES: PageRequest[] = [
  { page: 'home', role: 'student', paths: [`${T}/home/student`] },
  { page: 'home', role: 'instructor', paths: [`${T}/home/teacher`] },
  { page: 'home', role: 'staff', paths: [`${T}/home/staff`] },
  { page: 'home', role: 'admin', paths: [`${T}/home/admin`] },
  { page: 'home', role: 'owner', paths: [`${T}/home/admin`] },
  // ParentHome.tsx: the linked children with their courses' titles (the links to their grades).
  { page: 'home', role: 'parent', paths: [`${T}/children`] },
  { page: 'members list', role: 'admin', paths: [`${T}/members/search?q=&limit=20&offset=0`] },
  {
    page: 'members list (role + search)',
    role: 'admin',
    paths: [`${T}/members/search?q=wanj&role=student&limit=20&offset=20`],
  },
  { page: 'course outline', role: 'student', paths: [`/api/courses/${SCIENCE}`] },
  { page: 'course outline', role: 'instructor', paths: [`/api/courses/${SCIENCE}`] },
  { page: 'support queue', role: 'staff', paths: [`${T}/tickets?status=open,pending&sort=updated`] },
  { page: 'my tickets', role: 'student', paths: [`${T}/tickets?requester=me&sort=updated&limit=200`] },
  { page: 'schedule', role: 'student', paths: [`${T}/sessions`] },
  { page: 'schedule', role: 'instructor', paths: [`${T}/sessions`] },
  { page: 'gradebook', role: 'instructor', paths: [`/api/courses/${SCIENCE}/gradebook`] },
  { page: 'gradebook', role: 'student', paths: [`/api/courses/${SCIENCE}/gradebook`] },
]

/** The api's routers these pages use, under /api as createApiApp mounts them, with its error answers. */
export function pagesApp(deps: ApiDeps): Hono {
  const api = newRouter().basePath('/api')
  api.route('/', tenancyRoutes(deps))
  api.route('/', coursesRoutes(deps))
  api.route('/', tutoringRoutes(deps))
  api.route('/', supportRoutes(deps))
  api.route('/', homeRoutes(deps))
  api.route('/', gradebookRoutes(deps))
  api.route('/', guardiansRoutes(deps))
  api.onError((err, c) => handleError(err, c))
  return api as unknown as Hono
}

/** Live sessions for the demo people (local auth's tokens name one), returned by user id. */
export async function demoSessions(sql: import('postgres').Sql): Promise<Map<string, string>> {
  const rows = await sql<{ id: string; user_id: string }[]>`
    insert into auth.sessions (id, user_id, created_at, updated_at, aal)
    select gen_random_uuid(), u, now(), now(), 'aal1' from unnest(${Object.values(DEMO)}::uuid[]) u
    returning id, user_id`
  return new Map(rows.map((r) => [r.user_id, r.id]))
}
