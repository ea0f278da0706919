import { A, useLocation } from '@solidjs/router'
import { createEffect, For, on } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { useTenant } from '../state/TenantContext.tsx'
import { schoolSections } from './school-sections.ts'

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
        <For each={schoolSections(tenant().role)}>
          {(section) => (
            <A
              href={`${base()}${section.path}`}
              end={section.path === ''}
              class={TAB}
              classList={{ 'border-primary! text-fg!': section.path === '/courses' && inLesson() }}
              activeClass="border-primary! text-fg!"
            >
              <section.icon size={16} />
              {section.label}
            </A>
          )}
        </For>
      </div>
    </nav>
  )
}
