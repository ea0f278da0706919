import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getPayouts, getWallet } from './api.ts'

export { getPayouts, getWallet }

/** Starts loading the wallet and my payouts with the page code (instructors). */
export function preloadWallet({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => {
      if (t.role !== 'instructor') return
      void getWallet(t.id).catch(() => {})
      void getPayouts(t.id, 'mine').catch(() => {})
    }),
  )
}
