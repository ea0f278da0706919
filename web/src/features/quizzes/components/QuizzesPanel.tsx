import { createAsync } from '@solidjs/router'
import ClipboardCheck from 'lucide-solid/icons/clipboard-check'
import Plus from 'lucide-solid/icons/plus'
import { createSignal, For, Show } from 'solid-js'
import type { CourseDetail } from '../../../../../edge/contract/courses.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Boundary } from '../../../ui/Boundary.tsx'
import { Button } from '../../../ui/Button.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { ListSkeleton } from '../../../ui/Skeleton.tsx'
import { useSchoolZone } from '../../tenancy/school-zone.ts'
import { getQuizzes } from '../api.ts'
import { messages } from '../messages.ts'
import { NewQuizDialog } from './NewQuizDialog.tsx'
import { QuizRow } from './QuizRow.tsx'

const t = translator(messages)

/**
 * The course page's quizzes: students see the published ones with their own status (Resume while
 * an attempt is in progress); the course's editors see drafts too, "New quiz", Edit and Results.
 */
export function QuizzesPanel(props: { course: CourseDetail }) {
  const list = createAsync(() => getQuizzes(props.course.id))
  // A student needs no panel when every one sits in its module of the outline above (`latest`:
  // deciding this never suspends the page; the panel's own Boundary shows the loading state).
  const shown = () => {
    const l = list.latest
    return !l || l.can_edit || l.items.length === 0 || l.items.some((x) => x.module_id === null)
  }
  return (
    <Show when={shown()}>
      <section aria-labelledby="quizzes-heading" class="card p-5 sm:p-6">
        <h2 id="quizzes-heading" class="text-lg font-semibold">
          {t('panel.title')}
        </h2>
        <Boundary keys={getQuizzes.keyFor(props.course.id)} fallback={<ListSkeleton rows={2} />}>
          <Quizzes course={props.course} />
        </Boundary>
      </section>
    </Show>
  )
}

function Quizzes(props: { course: CourseDetail }) {
  const list = createAsync(() => getQuizzes(props.course.id))
  const zone = useSchoolZone()
  const [creating, setCreating] = createSignal(false)
  const access = () => props.course.my_access
  const canEdit = () => list()?.can_edit ?? false
  // Teachers see results: the course's editors, and the school's staff who read its drafts.
  const teacher = () => canEdit() || access().manage || (access().read_draft && !access().enrolled)
  return (
    <Show when={list()}>
      {(l) => (
        <>
          <div class="mt-1 flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
            <p class="text-sm text-muted">{teacher() ? t('panel.introTeacher') : t('panel.introStudent')}</p>
            <Show when={canEdit()}>
              <Button variant="secondary" class="shrink-0" onClick={() => setCreating(true)}>
                <Plus size={16} aria-hidden="true" />
                {t('panel.new')}
              </Button>
            </Show>
          </div>
          <div class="mt-4">
            <Show
              when={l().items.length > 0}
              fallback={
                <EmptyState icon={<ClipboardCheck size={28} />} title={t('panel.emptyTitle')}>
                  {canEdit() ? t('panel.emptyTeacher') : t('panel.emptyStudent')}
                </EmptyState>
              }
            >
              <Show when={l().items.every((x) => x.module_id !== null)}>
                <p class="text-sm text-muted">{t('panel.allPlaced')}</p>
              </Show>
              <ul class="divide-y divide-line" aria-label={t('panel.label', { title: props.course.title })}>
                <For each={l().items.filter((q) => q.module_id === null)}>
                  {(quiz) => <QuizRow quiz={quiz} zone={zone()} teacher={teacher()} canEdit={canEdit()} />}
                </For>
              </ul>
            </Show>
          </div>
          <Show when={canEdit()}>
            <NewQuizDialog courseId={props.course.id} open={creating()} onOpenChange={setCreating} />
          </Show>
        </>
      )}
    </Show>
  )
}
