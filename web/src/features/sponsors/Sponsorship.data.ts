import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getSponsorship, getSponsorshipProgress } from './api.ts'

export { getSponsorship, getSponsorshipProgress }

/** Starts loading the sponsorship and its figures with the page code. */
export function preloadSponsorship({ params }: RoutePreloadFuncArgs) {
  const id = params.id
  if (id)
    preloadSignedIn(() => {
      void getSponsorship(id).catch(() => {})
      void getSponsorshipProgress(id).catch(() => {})
    })
}
