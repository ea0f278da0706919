import { createAsync } from '@solidjs/router'
import { Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Later } from '../../ui/Later.tsx'
import { TutorHomeCard } from '../tutor/links/TutorLinks.tsx'
import { getStudentHome } from './api.ts'
import { CourseProgressList } from './components/CourseProgressList.tsx'
import { HomeSkeleton } from './components/HomeSkeleton.tsx'
import { MyTickets } from './components/MyTickets.tsx'
import { NextSessions } from './components/NextSessions.tsx'
import { HomeHeader } from './HomeHeader.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** A student's home: the courses to continue, the sessions coming up, the replies to their questions. */
export function StudentHome() {
  const tenant = useTenant()
  return (
    <div class="space-y-8">
      <HomeHeader intro={t('student.intro')} />
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
          <Later>
            <div class="space-y-8">
              <TutorHomeCard />
              <NextSessions
                sessions={h().sessions}
                text={{
                  title: t('sessions.title'),
                  empty: t('sessions.empty'),
                  emptyText: t('sessions.emptyText'),
                  action: t('sessions.find'),
                }}
              />
              <MyTickets tickets={h().tickets} />
            </div>
          </Later>
        </div>
      )}
    </Show>
  )
}
