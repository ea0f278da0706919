import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getMyCertificates } from './api.ts'

export { getMyCertificates }

/** Starts loading your certificates (and your linked children's) with the page code. */
export function preloadCertificates({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() => getTenantBySlug(slug).then((t) => void getMyCertificates(t.id).catch(() => {})))
}
