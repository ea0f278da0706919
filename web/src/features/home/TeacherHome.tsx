import { A, createAsync } from '@solidjs/router'
import DoorClosed from 'lucide-solid/icons/door-closed'
import FileClock from 'lucide-solid/icons/file-clock'
import PenLine from 'lucide-solid/icons/pen-line'
import Plus from 'lucide-solid/icons/plus'
import { For, Show } from 'solid-js'
import type { EditingNow, TeacherCourse, TeacherDraft, WaitingRoom } from '../../../../edge/contract/home.ts'
import { relativeTime } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { WalletLink } from '../payments/links/PaymentLinks.tsx'
import { TutorReviewLink } from '../tutor/links/TutorLinks.tsx'
import { getTeacherHome } from './api.ts'
import { HomeSkeleton } from './components/HomeSkeleton.tsx'
import { NextSessions } from './components/NextSessions.tsx'
import { HomeHeader } from './HomeHeader.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** A teacher's home: people waiting in their rooms, their sessions, drafts to publish, their courses. */
export function TeacherHome() {
  const tenant = useTenant()
  return (
    <div class="space-y-8">
      <HomeHeader intro={t('teacher.intro')} />
      <Boundary keys={getTeacherHome.keyFor(tenant().id)} fallback={<HomeSkeleton />}>
        <Sections tenantId={tenant().id} />
      </Boundary>
    </div>
  )
}

function Sections(props: { tenantId: string }) {
  const tenant = useTenant()
  const home = createAsync(() => getTeacherHome(props.tenantId))
  return (
    <Show when={home()}>
      {(h) => (
        <div class="space-y-8">
          <Waiting rooms={h().waiting} />
          <EditingNowList lessons={h().editing_now ?? []} />
          <TutorReviewLink />
          <Show when={tenant().role === 'instructor'}>
            <WalletLink />
          </Show>
          <div class="grid grid-cols-1 gap-8 lg:grid-cols-3">
            <div class="space-y-8 lg:col-span-2">
              <Drafts drafts={h().drafts} />
              <Courses courses={h().courses} />
            </div>
            <NextSessions
              sessions={h().sessions}
              text={{
                title: t('teacher.sessions'),
                empty: t('teacher.sessionsEmpty'),
                emptyText: t('teacher.sessionsEmptyText'),
                action: t('teacher.schedule'),
              }}
            />
          </div>
        </div>
      )}
    </Show>
  )
}

/** Rooms with people waiting to be let in: the first thing a teacher should act on. */
function Waiting(props: { rooms: WaitingRoom[] }) {
  const tenant = useTenant()
  return (
    <Show when={props.rooms.length > 0}>
      <section aria-labelledby="home-waiting" class="card border-warn/60 bg-warn-soft/50 p-4" role="status">
        <h2 id="home-waiting" class="flex items-center gap-2 font-semibold">
          <DoorClosed size={18} aria-hidden="true" />
          {t('teacher.waiting')}
        </h2>
        <ul class="mt-2 space-y-1">
          <For each={props.rooms}>
            {(room) => (
              <li>
                <A href={`/t/${tenant().slug}/sessions/${room.session_id}/room`} class="link">
                  {t('teacher.waitingIn', { count: room.waiting, title: room.title })}
                </A>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  )
}

/** Lessons co-authors are writing now: join them while they are there. */
function EditingNowList(props: { lessons: EditingNow[] }) {
  const tenant = useTenant()
  return (
    <Show when={props.lessons.length > 0}>
      <section aria-labelledby="home-editing" class="card p-4">
        <h2 id="home-editing" class="flex items-center gap-2 font-semibold">
          <PenLine size={18} aria-hidden="true" />
          {t('teacher.editingNow')}
        </h2>
        <ul class="mt-2 space-y-1">
          <For each={props.lessons}>
            {(l) => (
              <li class="text-sm">
                <A href={`/t/${tenant().slug}/lessons/${l.lesson_id}/edit`} class="link font-medium">
                  {l.lesson_title}
                </A>{' '}
                <span class="text-muted">
                  {t('teacher.editingBy', {
                    course: l.course_title,
                    people: l.people.map((p) => p.name).join(', '),
                  })}
                </span>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  )
}

function Drafts(props: { drafts: TeacherDraft[] }) {
  const tenant = useTenant()
  return (
    <section aria-labelledby="home-drafts">
      <h2 id="home-drafts" class="mb-4 text-lg font-semibold">
        {t('teacher.drafts')}
      </h2>
      <Show
        when={props.drafts.length > 0}
        fallback={<p class="card p-4 text-sm text-muted">{t('teacher.draftsEmpty')}</p>}
      >
        <ul class="card divide-y divide-line">
          <For each={props.drafts}>
            {(d) => (
              <li>
                <A
                  href={`/t/${tenant().slug}/lessons/${d.lesson_id}/edit`}
                  class="flex items-start gap-3 px-4 py-3 hover:bg-subtle/60"
                  data-testid="home-draft"
                >
                  <FileClock size={18} class="mt-0.5 shrink-0 text-muted" aria-hidden="true" />
                  <span class="min-w-0 flex-1">
                    <span class="block truncate font-medium">{d.lesson_title}</span>
                    <span class="mt-0.5 block text-xs text-muted">
                      {d.course_title} ·{' '}
                      {d.published_version === null
                        ? t('teacher.neverPublished')
                        : t('teacher.changedSince', { version: d.published_version })}{' '}
                      · {relativeTime(d.changed_at)}
                    </span>
                  </span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}

function Courses(props: { courses: TeacherCourse[] }) {
  const tenant = useTenant()
  const base = () => `/t/${tenant().slug}/courses`
  return (
    <section aria-labelledby="home-teaching">
      <div class="mb-4 flex items-baseline justify-between gap-2">
        <h2 id="home-teaching" class="text-lg font-semibold">
          {t('teacher.courses')}
        </h2>
        <A href={`${base()}/new`} class="btn-secondary min-h-9 px-3 py-1.5">
          <Plus size={16} aria-hidden="true" />
          {t('teacher.newCourse')}
        </A>
      </div>
      <Show
        when={props.courses.length > 0}
        fallback={<EmptyState title={t('teacher.coursesEmpty')}>{t('teacher.coursesEmptyText')}</EmptyState>}
      >
        <ul class="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <For each={props.courses}>
            {(c) => (
              <li class="card p-4" data-testid="home-teacher-course">
                <A href={`${base()}/${c.id}`} class="font-semibold hover:underline">
                  {c.title}
                </A>
                <p class="mt-1 text-sm text-muted">
                  {t('teacher.courseFacts', {
                    published: c.published_count,
                    lessons: c.lesson_count,
                    students: c.student_count,
                  })}
                </p>
                <Show when={c.author_role === 'viewer'}>
                  <p class="mt-1 text-xs text-muted">{t('teacher.viewer')}</p>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
