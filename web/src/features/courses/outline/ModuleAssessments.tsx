import { A, createAsync } from '@solidjs/router'
import ClipboardList from 'lucide-solid/icons/clipboard-list'
import FileCheck from 'lucide-solid/icons/file-check'
import { For, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatSchoolTime } from '../../../lib/school-time.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { getAssignments } from '../../assignments/api.ts'
import { getQuizzes } from '../../quizzes/api.ts'
import { useSchoolZone } from '../../tenancy/school-zone.ts'
import { messages } from './assessment-messages.ts'
import { inModule } from './outline-place.ts'

const t = translator(messages)

/** One quiz or assignment as the outline shows it. */
interface Item {
  kind: 'quiz' | 'assignment'
  id: string
  title: string
  module_id: string | null
  position: number
  published: boolean
  /** An assignment's due time, a quiz's closing time. */
  due: string | null
}

/**
 * The quizzes and assignments placed in a module, after its lessons: an icon, "Quiz" or
 * "Assignment", the title linked to it and its due time on the school's clock; teachers see drafts
 * marked. The lists are the course page's own (the panels below read the same queries), so nothing
 * is fetched twice; students get published ones only. Loaded lazily with the outline's modules.
 */
export function ModuleAssessments(props: { courseId: string; moduleId: string; moduleTitle: string }) {
  const tenant = useTenant()
  const zone = useSchoolZone()
  const quizzes = createAsync(() => getQuizzes(props.courseId).catch(() => undefined))
  const assignments = createAsync(() => getAssignments(props.courseId).catch(() => undefined))
  const items = (): Item[] =>
    inModule(
      [
        ...(quizzes()?.items ?? []).map((q) => ({
          kind: 'quiz' as const,
          id: q.id,
          title: q.title,
          module_id: q.module_id,
          position: q.position,
          published: q.published_at !== null,
          due: q.closes_at,
        })),
        ...(assignments()?.items ?? []).map((a) => ({
          kind: 'assignment' as const,
          id: a.id,
          title: a.title,
          module_id: a.module_id,
          position: a.position,
          published: a.published_at !== null,
          due: a.due_at,
        })),
      ],
      props.moduleId,
    )
  const href = (item: Item) =>
    `/t/${tenant().slug}/${item.kind === 'quiz' ? 'quizzes' : 'assignments'}/${item.id}`
  return (
    <Show when={items().length > 0}>
      <ul
        class="divide-y divide-line border-t border-line"
        aria-label={t('row.label', { title: props.moduleTitle })}
      >
        <For each={items()}>
          {(item) => (
            <li class="flex flex-wrap items-center gap-x-2 gap-y-1 px-3 py-2.5 sm:px-4">
              <span class="text-primary" aria-hidden="true">
                {item.kind === 'quiz' ? <ClipboardList size={16} /> : <FileCheck size={16} />}
              </span>
              <span class="badge bg-subtle text-muted">
                {t(item.kind === 'quiz' ? 'row.quiz' : 'row.assignment')}
              </span>
              <A href={href(item)} class="link min-w-0 flex-1 basis-40 break-words">
                {item.title}
              </A>
              <Show when={!item.published}>
                <span class="badge bg-warn-soft text-warn">{t('row.draft')}</span>
              </Show>
              <Show when={item.due}>
                {(due) => (
                  <span class="text-sm text-muted">
                    {t(item.kind === 'quiz' ? 'row.closes' : 'row.due', {
                      time: formatSchoolTime(due(), zone()),
                    })}
                  </span>
                )}
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}
