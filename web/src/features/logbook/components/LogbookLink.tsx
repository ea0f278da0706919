import { A } from '@solidjs/router'
import NotebookPen from 'lucide-solid/icons/notebook-pen'
import { Show } from 'solid-js'
import type { CourseDetail } from '../../../../../edge/contract/courses.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { gradesView } from '../../gradebook/access.ts'
import { messages } from './link-messages.ts'

const t = translator(messages)

/**
 * The course page's way into the logbook: the students' logbooks for its teachers, "My logbook" for
 * an enrolled student, a parent's children's; nothing for anyone else (the same people as the grades).
 */
export function LogbookLink(props: { course: CourseDetail }) {
  const tenant = useTenant()
  const view = () => gradesView(tenant().role, props.course.my_access)
  return (
    <Show when={view()}>
      {(v) => (
        <A
          href={`/t/${tenant().slug}/courses/${props.course.id}/logbook`}
          class="btn-secondary inline-flex items-center gap-2"
        >
          <NotebookPen size={16} aria-hidden="true" />
          {t(v())}
        </A>
      )}
    </Show>
  )
}
