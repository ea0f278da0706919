import { A } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import ArrowRight from 'lucide-solid/icons/arrow-right'
import Check from 'lucide-solid/icons/check'
import { createEffect, createSignal, type JSX, on, Show } from 'solid-js'
import type { CourseDetail, LessonDetail } from '../../../../../edge/contract/courses.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { savedDone, saveProgress } from '../api.ts'
import { publishedNeighbours } from '../lesson-nav.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * The end of a published lesson: "Mark as done" for an enrolled student, then the previous and
 * next published lessons of the course.
 */
export function LessonFooter(props: {
  lesson: LessonDetail
  course: CourseDetail | undefined
  draftLink: JSX.Element
}) {
  const tenant = useTenant()
  const near = () => (props.course ? publishedNeighbours(props.course, props.lesson.id) : {})
  const href = (id: string) => `/t/${tenant().slug}/lessons/${id}`
  return (
    <footer class="mt-12 space-y-6 border-t border-line pt-6">
      <Show when={props.lesson.my_access.enrolled && props.course}>
        {(course) => <DoneToggle lessonId={props.lesson.id} course={course()} />}
      </Show>
      <nav aria-label={t('lesson.nav')} class="flex flex-col gap-3 sm:flex-row sm:justify-between">
        <Show when={near().previous}>
          {(p) => (
            <A href={href(p().id)} class="btn-secondary max-w-full justify-start sm:max-w-[48%]">
              <ArrowLeft size={16} aria-hidden="true" class="shrink-0" />
              <span class="truncate">{t('lesson.previous', { title: p().title })}</span>
            </A>
          )}
        </Show>
        <Show when={near().next}>
          {(n) => (
            <A href={href(n().id)} class="btn-primary max-w-full justify-start sm:ml-auto sm:max-w-[48%]">
              <span class="truncate">{t('lesson.next', { title: n().title })}</span>
              <ArrowRight size={16} aria-hidden="true" class="shrink-0" />
            </A>
          )}
        </Show>
      </nav>
      {props.draftLink}
    </footer>
  )
}

/**
 * "Mark as done", a toggle (pressed once done; press again to undo) saved at once; the home's
 * progress follows. Its name stays the same: the pressed state says whether it is done.
 */
function DoneToggle(props: { lessonId: string; course: CourseDetail }) {
  const saved = () =>
    savedDone(props.lessonId) ??
    !!props.course.my_progress.find((p) => p.lesson_id === props.lessonId)?.completed_at
  const [done, setDone] = createSignal(saved())
  const [saving, setSaving] = createSignal(false)
  createEffect(on(saved, (value) => setDone(value), { defer: true }))

  async function toggle() {
    const next = !done()
    setDone(next)
    setSaving(true)
    try {
      await saveProgress(props.lessonId, next)
    } catch (e) {
      setDone(!next)
      toast.error(t('done.failed'), errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <div class="flex flex-wrap items-center gap-3">
      <button
        type="button"
        class={done() ? 'btn-secondary border-success text-success' : 'btn-primary'}
        aria-pressed={done()}
        disabled={saving()}
        onClick={() => void toggle()}
      >
        <Check size={16} aria-hidden="true" />
        {t('done.mark')}
      </button>
      <span class="text-sm text-muted" aria-live="polite">
        {done() ? t('done.doneHint') : ''}
      </span>
    </div>
  )
}
