import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getCsatReport } from './api.ts'
import { isSupportStaff } from './support-context.ts'

export { getCsatReport }

/** A `YYYY-MM-DD` from the URL, or undefined (the API then picks the last 30 days). */
export const dayParam = (v: string | string[] | undefined) => {
  const s = Array.isArray(v) ? v[0] : v
  return s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined
}

/** Starts loading the CSAT report for the URL's date range with the page code. */
export function preloadSupportReport({ params, location }: RoutePreloadFuncArgs) {
  const search = new URLSearchParams(location.search)
  const from = dayParam(search.get('from') ?? undefined)
  const to = dayParam(search.get('to') ?? undefined)
  preloadSignedIn(() =>
    getTenantBySlug(params.slug ?? '').then((t) => {
      if (isSupportStaff(t.role)) void getCsatReport(t.id, from, to).catch(() => {})
    }),
  )
}
