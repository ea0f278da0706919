import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import type { ChildCourse } from '../../../../edge/contract/guardians.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { parentMessages } from './parent-messages.ts'

const t = translator(parentMessages)

const clamp = (percent: number) => Math.max(0, Math.min(100, percent))

/** The child's courses, each with a progress bar, lessons and assessments done, their grades page, the logbook entries they share and the course's discussion. */
export function ChildCourses(props: { childId: string; courses: readonly ChildCourse[] }) {
  const tenant = useTenant()
  return (
    <Show when={props.courses.length > 0} fallback={<p class="text-sm text-muted">{t('child.noCourses')}</p>}>
      <ul class="divide-y divide-line">
        <For each={props.courses}>
          {(c) => (
            <li class="py-3 first:pt-0 last:pb-0">
              <div class="flex flex-wrap items-baseline justify-between gap-2">
                <h3 class="font-medium">{c.title}</h3>
                <span class="text-sm">
                  {c.complete ? t('child.complete') : t('child.percent', { percent: clamp(c.percent) })}
                </span>
              </div>
              <div
                role="progressbar"
                aria-label={t('child.progressLabel', { course: c.title })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={clamp(c.percent)}
                class="mt-2 h-2.5 w-full overflow-hidden rounded-full bg-subtle"
              >
                <div class="h-full rounded-full bg-primary" style={{ width: `${clamp(c.percent)}%` }} />
              </div>
              <ul class="mt-2 space-y-0.5 text-sm text-muted">
                <Show when={c.lessons_published > 0}>
                  <li>{t('child.lessons', { done: c.lessons_done, total: c.lessons_published })}</li>
                </Show>
                <Show when={c.assessments_total > 0}>
                  <li>
                    {t('child.assessments', { passed: c.assessments_passed, total: c.assessments_total })}
                  </li>
                </Show>
              </ul>
              <div class="mt-1 flex flex-wrap gap-x-4 text-sm">
                <A
                  class="link"
                  href={`/t/${tenant().slug}/courses/${c.course_id}/grades?student=${props.childId}`}
                >
                  {t('child.gradesLink', { course: c.title })}
                </A>
                <A
                  class="link"
                  href={`/t/${tenant().slug}/courses/${c.course_id}/logbook?student=${props.childId}`}
                >
                  {t('child.logbookLink', { course: c.title })}
                </A>
                <A class="link" href={`/t/${tenant().slug}/courses/${c.course_id}/forum`}>
                  {t('child.forumLink', { course: c.title })}
                </A>
              </div>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}
