import { createEffect, lazy, Show, Suspense } from 'solid-js'
import { useApp } from '../../shell/state/AppContext.tsx'
import { actingOf, hasSetAside } from './claims.ts'

// The banner's code loads only while someone is acted as.
const Banner = lazy(() => import('./Banner.tsx'))

/**
 * In the shell: while the session is an impersonation's, the banner (persistent, on every page).
 * When the acting session is gone some other way (it expired, signed out, ended in another tab)
 * and the superadmin's own session waits, return to it.
 */
export function ImpersonationGate() {
  const { session } = useApp()
  const acting = () => actingOf(session.session())
  createEffect(() => {
    if (!session.ready() || session.session()) return
    if (hasSetAside()) void import('./api.ts').then((m) => m.returnToOwnSession())
  })
  return (
    <Show when={acting()}>
      {(a) => (
        <Suspense>
          <Banner acting={a()} />
        </Suspense>
      )}
    </Show>
  )
}
