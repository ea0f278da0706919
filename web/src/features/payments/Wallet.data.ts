import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getWallet } from './api.ts'

export { getWallet }

/** Starts loading the wallet with the page code (instructors). */
export function preloadWallet({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => {
      if (t.role === 'instructor') void getWallet(t.id).catch(() => {})
    }),
  )
}
