import { A, createAsync, useNavigate } from '@solidjs/router'
import ArrowRight from 'lucide-solid/icons/arrow-right'
import BookOpen from 'lucide-solid/icons/book-open'
import Plus from 'lucide-solid/icons/plus'
import Search from 'lucide-solid/icons/search'
import { createMemo, createSignal, For, Show } from 'solid-js'
import type { CourseListItem } from '../../../../edge/contract/courses.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { getCourses } from './Courses.data.ts'
import { CourseBadges, CourseCover } from './components/CourseCover.tsx'
import { canCreateCourses } from './course-roles.ts'
import { messages } from './messages.ts'
import { useEnrol } from './useEnrol.ts'

const t = translator(messages)

/** /t/:slug/courses — every course of the school; teachers create them, students enrol. */
export default function Courses() {
  const tenant = useTenant()
  usePageTitle(() => t('courses.docTitle', { school: tenant().name }))
  const creator = () => canCreateCourses(tenant().role)
  const student = () => tenant().role === 'student'
  return (
    <div>
      <div class="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 class="text-2xl font-bold tracking-tight">{t('courses.title')}</h1>
          <p class="mt-1 text-sm text-muted">
            {creator()
              ? t('courses.introCreator')
              : student()
                ? t('courses.introStudent')
                : t('courses.introOther', { school: tenant().name })}
          </p>
        </div>
        <Show when={creator()}>
          <div class="flex flex-wrap items-center gap-2">
            <A href={`/t/${tenant().slug}/rubrics`} class="btn-secondary">
              {t('courses.rubrics')}
            </A>
            <A href={`/t/${tenant().slug}/courses/new`} class="btn-primary">
              <Plus size={16} />
              {t('courses.new')}
            </A>
          </div>
        </Show>
      </div>
      <Boundary keys={getCourses.keyFor(tenant().id)} fallback={<CardsSkeleton />}>
        <CourseGrid tenantId={tenant().id} />
      </Boundary>
    </div>
  )
}

function CardsSkeleton() {
  return (
    <div role="status" class="grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-3">
      <span class="sr-only">{t('loading')}</span>
      <For each={[1, 2, 3]}>{() => <Skeleton class="h-72 w-full rounded-xl" />}</For>
    </div>
  )
}

/** Mine first (authored or enrolled), then the rest; a search box once the list is long. */
function CourseGrid(props: { tenantId: string }) {
  const tenant = useTenant()
  const courses = createAsync(() => getCourses(props.tenantId))
  const [q, setQ] = createSignal('')
  const filtered = createMemo(() => {
    const needle = q().trim().toLowerCase()
    const list = courses() ?? []
    if (!needle) return list
    return list.filter((c) =>
      [c.title, c.summary, c.level, c.learning_area].some((s) => s.toLowerCase().includes(needle)),
    )
  })
  const mine = () => filtered().filter((c) => c.author_role !== null || c.enrolled)
  const others = () => filtered().filter((c) => c.author_role === null && !c.enrolled)
  return (
    <Show when={courses()}>
      {(list) => (
        <Show
          when={list().length > 0}
          fallback={
            <EmptyState icon={<BookOpen size={28} />} title={t('courses.empty')}>
              {canCreateCourses(tenant().role) ? (
                <>
                  {t('courses.emptyCreatorBefore')}{' '}
                  <A href={`/t/${tenant().slug}/courses/new`} class="link">
                    {t('courses.emptyCreatorLink')}
                  </A>
                  {t('courses.emptyCreatorAfter')}
                </>
              ) : (
                t('courses.emptyOther')
              )}
            </EmptyState>
          }
        >
          <Show when={list().length > 6}>
            <div class="relative mb-5 max-w-sm">
              <label for="course-search" class="sr-only">
                {t('courses.search')}
              </label>
              <Search
                size={16}
                class="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-muted"
              />
              <input
                id="course-search"
                type="search"
                class="input pl-9"
                placeholder={t('courses.search')}
                value={q()}
                onInput={(e) => setQ(e.currentTarget.value)}
              />
            </div>
          </Show>
          <Show
            when={filtered().length > 0}
            fallback={<EmptyState title={t('courses.noMatch', { query: q() })} />}
          >
            <Show when={mine().length > 0}>
              <section aria-labelledby="mine-heading" class="mb-10">
                <h2 id="mine-heading" class="mb-4 text-lg font-semibold">
                  {tenant().role === 'student' ? t('courses.yours') : t('courses.yourWork')}
                  <span class="ml-2 text-sm font-normal text-muted">{mine().length}</span>
                </h2>
                <CardList courses={mine()} />
              </section>
            </Show>
            <Show when={others().length > 0}>
              <section aria-labelledby="others-heading">
                <h2 id="others-heading" class="mb-4 text-lg font-semibold">
                  {mine().length > 0 ? t('courses.more') : t('allCourses')}
                  <span class="ml-2 text-sm font-normal text-muted">{others().length}</span>
                </h2>
                <CardList courses={others()} />
              </section>
            </Show>
          </Show>
        </Show>
      )}
    </Show>
  )
}

function CardList(props: { courses: CourseListItem[] }) {
  return (
    <ul class="grid grid-cols-1 gap-5 sm:grid-cols-2 lg:grid-cols-3">
      <For each={props.courses}>
        {(course) => (
          <li>
            <CourseCard course={course} />
          </li>
        )}
      </For>
    </ul>
  )
}

function CourseCard(props: { course: CourseListItem }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const { pending, enrol } = useEnrol()
  const href = () => `/t/${tenant().slug}/courses/${props.course.id}`
  const student = () => tenant().role === 'student'
  const titleId = () => `course-${props.course.id}-title`
  return (
    <article aria-labelledby={titleId()} class="card flex h-full flex-col overflow-hidden">
      <CourseCover url={props.course.cover_image_url} />
      <div class="flex flex-1 flex-col p-5">
        <CourseBadges course={props.course} />
        <h3 id={titleId()} class="mt-2 text-lg leading-snug font-semibold">
          <A href={href()} class="hover:underline">
            {props.course.title}
          </A>
        </h3>
        <Show when={props.course.summary}>
          <p class="mt-1 line-clamp-2 text-sm text-muted">{props.course.summary}</p>
        </Show>
        <div class="mt-auto flex flex-wrap items-center justify-between gap-3 pt-4">
          <span class="text-sm text-muted">
            {t('lessonCount', { count: props.course.lesson_count })}
            <Show when={props.course.author_role}>
              {(role) => <> · {role() === 'editor' ? t('card.youEdit') : t('card.youView')}</>}
            </Show>
          </span>
          <Show
            when={student()}
            fallback={
              <A
                href={href()}
                class="btn-secondary min-h-9 px-3 py-1.5"
                aria-label={t('card.openLabel', { title: props.course.title })}
              >
                {t('card.open')}
                <ArrowRight size={14} />
              </A>
            }
          >
            <Show
              when={!props.course.enrolled}
              fallback={
                <A
                  href={href()}
                  class="btn-primary min-h-9 px-3 py-1.5"
                  aria-label={t('card.continueLabel', { title: props.course.title })}
                >
                  {t('card.continue')}
                  <ArrowRight size={14} />
                </A>
              }
            >
              <Show
                when={props.course.is_free}
                fallback={
                  <A href={href()} class="btn-secondary min-h-9 px-3 py-1.5">
                    {t('card.details')}
                  </A>
                }
              >
                <Button
                  class="min-h-9 px-3 py-1.5"
                  pending={pending() === props.course.id}
                  aria-label={t('enrolIn', { title: props.course.title })}
                  onClick={async () => {
                    if (await enrol(props.course)) navigate(href())
                  }}
                >
                  {t('card.enrol')}
                </Button>
              </Show>
            </Show>
          </Show>
        </div>
      </div>
    </article>
  )
}
