import { createAsync } from '@solidjs/router'
import type { Accessor } from 'solid-js'
import { getTenant } from '../../api/queries.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'

/**
 * The school's time zone, which quiz and due times are shown and typed in (reading it waits for the
 * school, in the page's Suspense); undefined, the browser's own, when the school cannot be read.
 */
export function useSchoolZone(): Accessor<string | undefined> {
  const tenant = useTenant()
  const zone = createAsync(async () => {
    const school = await getTenant(tenant().id).catch(() => undefined)
    return school?.time_zone ?? ''
  })
  return () => zone() || undefined
}
