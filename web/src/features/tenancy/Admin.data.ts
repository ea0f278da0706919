import { query, type RoutePreloadFuncArgs, revalidate } from '@solidjs/router'
import type { SchoolStatusValue } from '../../../../edge/contract/admin.ts'
import type { PlanId } from '../../../../edge/contract/payments-values.ts'
import { api, runtime } from '../../lib/runtime.ts'

/** Schools per console page. */
export const PAGE_SIZE = 25

export interface ConsoleFilter {
  q: string
  status: SchoolStatusValue | ''
  page: number
}

/** One page of every school on the platform with status, plan, members and usage (superadmins only). */
export const getAdminSchools = query(
  (f: ConsoleFilter) =>
    api().get('/admin/schools', {
      query: {
        q: f.q || undefined,
        status: f.status || undefined,
        limit: PAGE_SIZE,
        offset: Math.max(0, f.page - 1) * PAGE_SIZE,
      },
    }),
  'adminSchools',
)

/** Which part of the console the address shows: the schools (default) or the platform's dashboard (?view=platform). */
export type ConsoleView = 'schools' | 'platform'
export const viewOf = (params: URLSearchParams): ConsoleView =>
  params.get('view') === 'platform' ? 'platform' : 'schools'

/** The periods the platform's charts offer, in weeks (?weeks=; 12 when absent). */
export const PLATFORM_WEEKS = [4, 12, 26, 52] as const
export function weeksOf(params: URLSearchParams): number {
  const weeks = Number(params.get('weeks') ?? 12)
  return (PLATFORM_WEEKS as readonly number[]).includes(weeks) ? weeks : 12
}

/** The whole platform week by week (Monday to Sunday, Nairobi), and its schools and members now (superadmins only). */
export const getPlatformWeekly = query(
  (weeks: number) => api().get('/admin/platform/weekly', { query: { weeks } }),
  'platformWeekly',
)

const refresh = () => revalidate(getAdminSchools.key)

export async function createSchool(body: { name: string; slug: string; owner_email: string }) {
  const created = await api().post('/admin/schools', body)
  await refresh()
  return created
}

export async function setSchoolStatus(id: string, status: SchoolStatusValue, reason: string) {
  const school = await api().put('/admin/schools/:id/status', { status, reason }, { params: { id } })
  await refresh()
  return school
}

export async function setSchoolPlan(id: string, plan: PlanId, reason: string) {
  const school = await api().put('/admin/schools/:id/plan', { plan, reason }, { params: { id } })
  await refresh()
  return school
}

/** The console's filter from the address (?q=&status=&page=). */
export function filterOf(params: URLSearchParams): ConsoleFilter {
  const status = params.get('status')
  return {
    q: params.get('q') ?? '',
    status: status === 'active' || status === 'suspended' ? status : '',
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
  }
}

export function preloadAdmin({ location }: RoutePreloadFuncArgs) {
  const params = new URLSearchParams(location.search)
  const filter = filterOf(params)
  // Only for super-admins: everyone else sees a "no access" page without asking the API.
  void runtime()
    .supabase.auth.getSession()
    .then(({ data }): Promise<unknown> | undefined => {
      if (data.session?.user.app_metadata?.platform_role !== 'superadmin') return
      return viewOf(params) === 'platform' ? getPlatformWeekly(weeksOf(params)) : getAdminSchools(filter)
    })
    .catch(() => {})
}
