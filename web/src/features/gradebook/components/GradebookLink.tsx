import { A } from '@solidjs/router'
import GraduationCap from 'lucide-solid/icons/graduation-cap'
import Sheet from 'lucide-solid/icons/sheet'
import { Show } from 'solid-js'
import type { CourseDetail } from '../../../../../edge/contract/courses.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { gradesView } from '../access.ts'
import { messages } from './messages.ts'

// The course page's way into its grades: only this file, access.ts and a small catalogue load
// with it; the pages load when opened.

const t = translator(messages)

/**
 * "Gradebook" for the course's teachers, "My grades" for an enrolled student, "Grades" for a
 * parent (their linked children's); nothing for anyone else.
 */
export function GradebookLink(props: { course: CourseDetail }) {
  const tenant = useTenant()
  const view = () => gradesView(tenant().role, props.course.my_access)
  const base = () => `/t/${tenant().slug}/courses/${props.course.id}`
  return (
    <Show when={view()}>
      {(v) => (
        <A
          href={v() === 'teacher' ? `${base()}/gradebook` : `${base()}/grades`}
          class="btn-secondary inline-flex items-center gap-2"
        >
          <Show when={v() === 'teacher'} fallback={<GraduationCap size={16} aria-hidden="true" />}>
            <Sheet size={16} aria-hidden="true" />
          </Show>
          {t(v())}
        </A>
      )}
    </Show>
  )
}
