import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getAgents, getTickets } from './api.ts'
import { isSupportStaff } from './support-context.ts'
import { filtersFromSearch, filtersToQuery } from './support-queue.ts'

export { getAgents, getTickets }

/** What a requester's list asks for: only the tickets they opened. */
export const MY_TICKETS = { requester: 'me', sort: 'updated', limit: 200 } as const

/** Starts loading the queue (staff, with the URL's filters) or the person's own tickets. */
export function preloadSupport({ params, location }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  const search = Object.fromEntries(new URLSearchParams(location.search))
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => {
      if (!t.role) return
      const query = isSupportStaff(t.role) ? filtersToQuery(filtersFromSearch(search)) : { ...MY_TICKETS }
      void getTickets(t.id, query).catch(() => {})
    }),
  )
}
