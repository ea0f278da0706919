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
  const filter = filterOf(new URLSearchParams(location.search))
  // Only for super-admins: everyone else sees a "no access" page without asking the API.
  void runtime()
    .supabase.auth.getSession()
    .then(({ data }) => {
      if (data.session?.user.app_metadata?.platform_role === 'superadmin') return getAdminSchools(filter)
    })
    .catch(() => {})
}
