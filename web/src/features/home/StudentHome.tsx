import { createAsync } from '@solidjs/router'
import { Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { getStudentHome } from './api.ts'
import { CourseProgressList } from './components/CourseProgressList.tsx'
import { MyTickets } from './components/MyTickets.tsx'
import { NextSessions } from './components/NextSessions.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** A student's home: the courses to continue, the sessions coming up, the replies to their questions. */
export function StudentHome() {
  const { session } = useApp()
  const tenant = useTenant()
  usePageTitle(() => tenant().name)
  return (
    <div class="space-y-8">
      <header>
        <p class="text-sm text-muted">{tenant().name}</p>
        <h1 class="mt-1 text-2xl font-bold tracking-tight sm:text-3xl">
          {t('student.hello', { name: session.displayName() })}
        </h1>
        <p class="mt-1 text-muted">{t('student.intro')}</p>
      </header>
      <Boundary keys={getStudentHome.keyFor(tenant().id)} fallback={<HomeSkeleton />}>
        <Sections tenantId={tenant().id} />
      </Boundary>
    </div>
  )
}

function Sections(props: { tenantId: string }) {
  const home = createAsync(() => getStudentHome(props.tenantId))
  return (
    <Show when={home()}>
      {(h) => (
        <div class="grid grid-cols-1 gap-8 lg:grid-cols-3">
          <div class="lg:col-span-2">
            <CourseProgressList courses={h().courses} />
          </div>
          <div class="space-y-8">
            <NextSessions sessions={h().sessions} />
            <MyTickets tickets={h().tickets} />
          </div>
        </div>
      )}
    </Show>
  )
}

function HomeSkeleton() {
  return (
    <div class="grid grid-cols-1 gap-8 lg:grid-cols-3" aria-hidden="true">
      <div class="space-y-4 lg:col-span-2">
        <Skeleton class="h-6 w-48" />
        <Skeleton class="h-28 w-full rounded-xl" />
        <Skeleton class="h-28 w-full rounded-xl" />
      </div>
      <div class="space-y-4">
        <Skeleton class="h-6 w-40" />
        <Skeleton class="h-24 w-full rounded-xl" />
      </div>
    </div>
  )
}
