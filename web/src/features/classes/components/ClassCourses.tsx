import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import type { ClassDetail } from '../../../../../edge/contract/classes.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * The courses the class's students take, how many of the class each has, and for the people who
 * teach the class, that course's gradebook showing only this class.
 */
export function ClassCourses(props: { klass: ClassDetail }) {
  const tenant = useTenant()
  const course = (id: string) => `/t/${tenant().slug}/courses/${id}`
  return (
    <Show
      when={props.klass.courses.length > 0}
      fallback={<p class="text-sm text-muted">{t('class.noClassCourses')}</p>}
    >
      <ul class="divide-y divide-line rounded-lg border border-line">
        <For each={props.klass.courses}>
          {(c) => (
            <li class="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <div>
                <A href={course(c.id)} class="link font-medium">
                  {c.title}
                </A>
                <p class="text-sm text-muted">
                  {t('class.courseEnrolled', { count: c.enrolled, total: props.klass.student_count })}
                </p>
              </div>
              <Show when={props.klass.can_enrol}>
                <A href={`${course(c.id)}/gradebook?class=${props.klass.id}`} class="link text-sm">
                  {t('class.courseGrades')}
                </A>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}
