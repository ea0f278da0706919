import { A } from '@solidjs/router'
import ChartColumn from 'lucide-solid/icons/chart-column'
import { Show } from 'solid-js'
import type { CourseDetail } from '../../../../../edge/contract/courses.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { gradesView } from '../../gradebook/access.ts'
import { messages } from './link-messages.ts'

const t = translator(messages)

/**
 * The course page's way into its dashboard for its teachers: the reports page narrowed to the course
 * (its weeks as charts, its attendance and progress); nothing for students and parents.
 */
export function CourseReportsLink(props: { course: CourseDetail }) {
  const tenant = useTenant()
  return (
    <Show when={gradesView(tenant().role, props.course.my_access) === 'teacher'}>
      <A
        href={`/t/${tenant().slug}/reports?course=${props.course.id}`}
        class="btn-secondary inline-flex items-center gap-2"
      >
        <ChartColumn size={16} aria-hidden="true" />
        {t('link')}
      </A>
    </Show>
  )
}
