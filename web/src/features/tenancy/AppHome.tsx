import { createAsync, Navigate } from '@solidjs/router'
import { Show } from 'solid-js'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { PageSkeleton } from '../../ui/Skeleton.tsx'
import { getMe } from './AppHome.data.ts'

/**
 * /app — opens the last used school; the platform console for a superadmin in no school; "Create
 * your school" for anyone else with none.
 */
export default function AppHome() {
  return (
    <div class="mx-auto w-full max-w-6xl px-4 py-10 sm:px-6">
      <Boundary keys={getMe.key} fallback={<PageSkeleton />}>
        <Redirect />
      </Boundary>
    </div>
  )
}

function Redirect() {
  const { session, tenant } = useApp()
  const me = createAsync(() => getMe())
  const target = () => {
    const list = me()?.memberships ?? []
    const slug = (list.find((m) => m.tenant_slug === tenant.lastSlug()) ?? list[0])?.tenant_slug
    if (slug) return `/t/${slug}`
    return session.isSuperadmin() ? '/admin' : '/app/new-school'
  }
  return (
    <Show when={me()} fallback={<PageSkeleton />}>
      <Navigate href={target()} />
    </Show>
  )
}
