import Baby from 'lucide-solid/icons/baby'
import BookOpen from 'lucide-solid/icons/book-open'
import Bot from 'lucide-solid/icons/bot'
import CalendarClock from 'lucide-solid/icons/calendar-clock'
import ChartColumn from 'lucide-solid/icons/chart-column'
import LayoutDashboard from 'lucide-solid/icons/layout-dashboard'
import LifeBuoy from 'lucide-solid/icons/life-buoy'
import MessagesSquare from 'lucide-solid/icons/messages-square'
import Receipt from 'lucide-solid/icons/receipt'
import School from 'lucide-solid/icons/school'
import Settings from 'lucide-solid/icons/settings'
import Users from 'lucide-solid/icons/users'
import type { JSX } from 'solid-js'
import { inRoleGroup, SUPPORT_ROLES, TEACHING_ROLES } from '../../../../edge/contract/roles.ts'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'
import { purchasesLabel } from '../../features/payments/links/nav/purchases-label.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { isAdminRole } from '../state/TenantContext.tsx'

const t = translator(messages)

/** One section of a school: its path under /t/:slug, its name, its icon. */
export interface SchoolSection {
  path: '' | `/${string}`
  label: string
  icon: (props: { size?: number }) => JSX.Element
}

/** The sections of a school a role sees, in order: the tabs on a laptop, the menu on a phone. */
export function schoolSections(role: TenantRole | null): SchoolSection[] {
  return [
    { path: '', label: t('tenantNav.overview'), icon: LayoutDashboard },
    { path: '/courses', label: t('tenantNav.courses'), icon: BookOpen },
    // A parent follows their children: progress, released grades, sessions (guardians/Children.tsx).
    ...(role === 'parent'
      ? [{ path: '/children' as const, label: t('tenantNav.children'), icon: Baby }]
      : []),
    // A partner organisation pays for seats: it neither attends sessions nor asks the tutor.
    ...(role === 'partner'
      ? []
      : [
          { path: '/sessions' as const, label: t('tenantNav.sessions'), icon: CalendarClock },
          // Teachers and admins read their students' tutor conversations; everyone else asks.
          {
            path: inRoleGroup(TEACHING_ROLES, role) ? ('/tutor/review' as const) : ('/tutor' as const),
            label: t('tenantNav.tutor'),
            icon: Bot,
          },
        ]),
    { path: '/messages', label: t('tenantNav.messages'), icon: MessagesSquare },
    { path: '/members', label: t('tenantNav.members'), icon: Users },
    // Admins and teachers work with classes; a student's class shows on the class page, not the menu.
    ...(inRoleGroup(TEACHING_ROLES, role)
      ? [{ path: '/classes' as const, label: t('tenantNav.classes'), icon: School }]
      : []),
    // Who teaches or runs the school reads its reports; parents find their children's on a child's page.
    ...(inRoleGroup(TEACHING_ROLES, role) || inRoleGroup(SUPPORT_ROLES, role)
      ? [{ path: '/reports' as const, label: t('tenantNav.reports'), icon: ChartColumn }]
      : []),
    {
      path: '/support',
      label: inRoleGroup(SUPPORT_ROLES, role) ? t('tenantNav.supportQueue') : t('tenantNav.support'),
      icon: LifeBuoy,
    },
    // Students and parents buy courses; their receipts.
    ...(role === 'student' || role === 'parent'
      ? [{ path: '/purchases' as const, label: purchasesLabel(), icon: Receipt }]
      : []),
    ...(isAdminRole(role)
      ? [{ path: '/settings' as const, label: t('tenantNav.settings'), icon: Settings }]
      : []),
  ]
}
