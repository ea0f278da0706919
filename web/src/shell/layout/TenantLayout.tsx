import { createAsync, type RouteSectionProps } from '@solidjs/router'
import { createEffect, lazy, Show } from 'solid-js'
import { getTenantBySlug } from '../../api/queries.ts'
import { SchoolDeletionNotice } from '../../features/tenancy/components/SchoolDataSection.lazy.ts'
import { Boundary } from '../../ui/Boundary.tsx'
import { Later } from '../../ui/Later.tsx'
import { RoleBadge } from '../../ui/RoleBadge.tsx'
import { useApp } from '../state/AppContext.tsx'
import { TenantProvider } from '../state/TenantContext.tsx'
import { getSchoolStatus } from './school-status.ts'
import { TenantNav } from './TenantNav.tsx'

// A suspended school (issue 17): its members get a full-page notice instead, a superadmin a banner.
const SuspendedNotice = lazy(() => import('./SuspendedNotice.tsx'))
const SuspendedBanner = lazy(() =>
  import('./SuspendedNotice.tsx').then((m) => ({ default: m.SuspendedBanner })),
)

/** /t/:slug — resolves the school, remembers it, and frames its pages with the school's tabs. */
export default function TenantLayout(props: RouteSectionProps) {
  const { tenant: tenants, session } = useApp()
  const tenant = createAsync(() => getTenantBySlug(props.params.slug ?? ''))
  const status = createAsync(() => getSchoolStatus(props.params.slug ?? ''))
  const suspended = () => (status()?.status === 'suspended' ? status() : undefined)
  return (
    <div class="mx-auto w-full max-w-6xl px-4 pt-6 pb-12 sm:px-6">
      <Show when={!session.isSuperadmin() && suspended()}>{(s) => <SuspendedNotice school={s()} />}</Show>
      <Show when={!suspended() || session.isSuperadmin()}>
        <Boundary keys={getTenantBySlug.key}>
          <Show when={tenant()}>
            {(t) => {
              // Inside the boundary: reading a failed load here shows its message instead of breaking the page.
              createEffect(() => t().role && tenants.remember(t().slug))
              return (
                <TenantProvider value={t}>
                  <div class="mb-6">
                    <p class="mb-3 flex items-center gap-2 text-sm text-muted">
                      <span class="truncate font-medium text-fg">{t().name}</span>
                      <Show when={t().role}>{(role) => <RoleBadge role={role()} />}</Show>
                    </p>
                    <TenantNav />
                  </div>
                  <Show when={suspended()}>
                    <SuspendedBanner />
                  </Show>
                  <SchoolDeletionNotice />
                  <Boundary>
                    {/* The page in a task after its frame's (ui/Later.tsx). */}
                    <Later>{props.children}</Later>
                  </Boundary>
                </TenantProvider>
              )
            }}
          </Show>
        </Boundary>
      </Show>
    </div>
  )
}
