import { revalidate, useLocation, useNavigate } from '@solidjs/router'
import { onCleanup } from 'solid-js'
import { userTopic } from '../../../../edge/contract/support-values.ts'
import { getMe } from '../../api/queries.ts'
import { coalesce } from '../../lib/coalesce.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { schoolSlugOf } from '../../lib/navigation.ts'
import { messages } from '../messages.ts'
import { useApp } from './AppContext.tsx'
import { useLiveTopic } from './live.ts'

// A person's access follows them without a reload (issue 12). When their membership, role,
// enrolment or booking changes, the realtime server sends `access {reason}` on their own
// `user:<id>` topic (realtime/live/access-watch.ts). Then the schools (/me) and every query the
// page reads are loaded again, so the school switcher, the role badge, the tabs, the home and the
// page's permissions change in place; a page they may no longer see shows its error (403/404
// through ui/Boundary.tsx); someone removed from the school they are in goes to /app with a notice.

const t = translator(messages)

/** The event on `user:<id>` (realtime/live/access-watch.ts's ACCESS_EVENT). */
const ACCESS_EVENT = 'access'
/** Signals within this window (a role change touches several rows) make one refresh. */
const WINDOW_MS = 600

/** Reloads what depends on the person's access whenever the server says it changed; see above. */
export function useAccessRefresh() {
  const { session, tenant } = useApp()
  const location = useLocation()
  const navigate = useNavigate()

  async function refresh() {
    const slug = schoolSlugOf(location.pathname)
    const school = tenant.membershipFor(slug)?.tenant_name ?? slug
    // Every cached query is stale now: the live ones load again, /me first among them.
    void revalidate()
    const me = await getMe().catch(() => undefined)
    if (!me || !slug || me.user.platform_role === 'superadmin') return
    if (me.memberships.some((m) => m.tenant_slug === slug)) return
    if (schoolSlugOf(location.pathname) !== slug) return // they moved on meanwhile
    // A suspended school stays on screen: its layout shows the notice (shell/layout/TenantLayout.tsx).
    const { getSchoolStatus } = await import('../layout/school-status.ts')
    if ((await getSchoolStatus(slug))?.status === 'suspended') return
    navigate('/app', { replace: true })
    const { toast } = await import('../../ui/Toaster.tsx')
    toast.error(t('access.removedTitle', { school: school ?? slug }), t('access.removedBody'))
  }

  const burst = coalesce(() => void refresh(), WINDOW_MS)
  onCleanup(burst.cancel)
  useLiveTopic(
    () => {
      const me = session.userId()
      return me ? userTopic(me) : undefined
    },
    { onEvent: (e) => e.event === ACCESS_EVENT && burst.trigger() },
  )
}

/** Mounted once by the header for a signed-in person (renders nothing). */
export function AccessRefresh() {
  useAccessRefresh()
  return null
}
