import { A, useLocation } from '@solidjs/router'
import BookOpen from 'lucide-solid/icons/book-open'
import CalendarClock from 'lucide-solid/icons/calendar-clock'
import LayoutDashboard from 'lucide-solid/icons/layout-dashboard'
import LifeBuoy from 'lucide-solid/icons/life-buoy'
import Settings from 'lucide-solid/icons/settings'
import Users from 'lucide-solid/icons/users'
import { createEffect, on, Show } from 'solid-js'
import { isSupportStaff } from '../../features/support/support-context.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { isAdminRole, useTenant } from '../state/TenantContext.tsx'

const t = translator(messages)

const TAB =
  'inline-flex items-center gap-2 border-b-2 border-transparent px-1 pb-3 text-sm font-medium text-muted whitespace-nowrap hover:text-fg'

/** Tabs of a school: overview, courses, members, support (the queue for staff), and settings for owners and admins. */
export function TenantNav() {
  const tenant = useTenant()
  const base = () => `/t/${tenant().slug}`
  const location = useLocation()
  /** Lessons belong to courses: their pages keep the Courses tab marked. */
  const inLesson = () => location.pathname.startsWith(`${base()}/lessons/`)
  let nav: HTMLElement | undefined
  // On a phone the tabs scroll sideways: keep the current one in view after each navigation. In the
  // next frame, where the browser lays out anyway: measuring during rendering forced an extra layout.
  createEffect(
    on(
      () => location.pathname,
      () =>
        requestAnimationFrame(() =>
          nav?.querySelector('[aria-current="page"], .border-primary\\!')?.scrollIntoView({
            block: 'nearest',
            inline: 'nearest',
          }),
        ),
    ),
  )
  return (
    <nav
      ref={nav}
      aria-label={t('tenantNav.label')}
      class="-mx-4 overflow-x-auto border-b border-line px-4 sm:mx-0 sm:px-0"
    >
      <div class="flex gap-6">
        <A href={base()} end class={TAB} activeClass="border-primary! text-fg!">
          <LayoutDashboard size={16} />
          {t('tenantNav.overview')}
        </A>
        <A
          href={`${base()}/courses`}
          class={TAB}
          classList={{ 'border-primary! text-fg!': inLesson() }}
          activeClass="border-primary! text-fg!"
        >
          <BookOpen size={16} />
          {t('tenantNav.courses')}
        </A>
        <A href={`${base()}/sessions`} class={TAB} activeClass="border-primary! text-fg!">
          <CalendarClock size={16} />
          {t('tenantNav.sessions')}
        </A>
        <A href={`${base()}/members`} class={TAB} activeClass="border-primary! text-fg!">
          <Users size={16} />
          {t('tenantNav.members')}
        </A>
        <A href={`${base()}/support`} class={TAB} activeClass="border-primary! text-fg!">
          <LifeBuoy size={16} />
          {isSupportStaff(tenant().role) ? t('tenantNav.supportQueue') : t('tenantNav.support')}
        </A>
        <Show when={isAdminRole(tenant().role)}>
          <A href={`${base()}/settings`} class={TAB} activeClass="border-primary! text-fg!">
            <Settings size={16} />
            {t('tenantNav.settings')}
          </A>
        </Show>
      </div>
    </nav>
  )
}
