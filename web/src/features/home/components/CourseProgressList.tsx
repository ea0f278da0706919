import { A } from '@solidjs/router'
import ArrowRight from 'lucide-solid/icons/arrow-right'
import BookOpen from 'lucide-solid/icons/book-open'
import CircleCheck from 'lucide-solid/icons/circle-check'
import { For, Show } from 'solid-js'
import type { HomeCourse } from '../../../../../edge/contract/home.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { CourseCover } from '../../courses/components/CourseCover.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The student's courses, each with how far they are and the lesson to open next. */
export function CourseProgressList(props: { courses: HomeCourse[] }) {
  const tenant = useTenant()
  return (
    <section aria-labelledby="home-courses">
      <h2 id="home-courses" class="mb-4 text-lg font-semibold">
        {t('courses.title')}
      </h2>
      <Show
        when={props.courses.length > 0}
        fallback={
          <EmptyState icon={<BookOpen size={28} />} title={t('courses.empty')}>
            <p>{t('courses.emptyText')}</p>
            <A href={`/t/${tenant().slug}/courses`} class="btn-primary mt-4">
              {t('courses.browse')}
            </A>
          </EmptyState>
        }
      >
        <ul class="space-y-4">
          <For each={props.courses}>{(c) => <CourseRow course={c} />}</For>
        </ul>
      </Show>
    </section>
  )
}

function CourseRow(props: { course: HomeCourse }) {
  const tenant = useTenant()
  const c = () => props.course
  const percent = () => (c().lesson_count ? Math.round((100 * c().done_count) / c().lesson_count) : 0)
  return (
    <li class="card flex gap-4 p-4" data-testid="home-course">
      <CourseCover url={c().cover_image_url} class="hidden aspect-[4/3] w-28 shrink-0 rounded-lg sm:block" />
      <div class="min-w-0 flex-1">
        <h3 class="font-semibold leading-snug">
          <A href={`/t/${tenant().slug}/courses/${c().id}`} class="hover:underline">
            {c().title}
          </A>
        </h3>
        <Show
          when={c().lesson_count > 0}
          fallback={<p class="mt-1 text-sm text-muted">{t('courses.noLessons')}</p>}
        >
          <div class="mt-2 flex items-center gap-3">
            <progress
              class="progress h-2 flex-1"
              max={c().lesson_count}
              value={c().done_count}
              aria-label={t('courses.progressLabel', { title: c().title })}
            />
            <span class="shrink-0 text-xs text-muted tabular-nums">{percent()}%</span>
          </div>
          <p class="mt-1 text-sm text-muted">
            {t('courses.progress', { done: c().done_count, total: c().lesson_count })}
          </p>
          <div class="mt-3">
            <Show
              when={c().next_lesson}
              fallback={
                <span class="inline-flex items-center gap-1.5 text-sm font-medium text-success">
                  <CircleCheck size={16} aria-hidden="true" />
                  {t('courses.allDone')}
                </span>
              }
            >
              {(next) => (
                <A href={`/t/${tenant().slug}/lessons/${next().id}`} class="btn-primary max-w-full">
                  <span class="truncate">
                    {c().last_read_at
                      ? t('courses.continue', { title: next().title })
                      : t('courses.start', { title: next().title })}
                  </span>
                  <ArrowRight size={16} aria-hidden="true" class="shrink-0" />
                </A>
              )}
            </Show>
          </div>
        </Show>
      </div>
    </li>
  )
}
