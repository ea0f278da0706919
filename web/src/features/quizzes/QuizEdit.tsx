import { A, createAsync, revalidate, useNavigate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import ChartColumn from 'lucide-solid/icons/chart-column'
import Eye from 'lucide-solid/icons/eye'
import Trash from 'lucide-solid/icons/trash'
import { createSignal, Show } from 'solid-js'
import type { QuizEditor } from '../../../../edge/contract/assessments.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { useSchoolZone } from '../tenancy/school-zone.ts'
import { localZone } from '../tutoring/tutoring-time.ts'
import { deleteQuiz, getQuizzes } from './api.ts'
import { messages } from './editor/messages.ts'
import { QuestionList } from './editor/QuestionList.tsx'
import { SettingsForm } from './editor/SettingsForm.tsx'
import { getQuizEditor } from './QuizEdit.data.ts'

const t = translator(messages)

/**
 * /t/:slug/quizzes/:id/edit — a quiz's editor (the course's editors): settings saved together,
 * questions added, edited, moved and deleted one at a time, and deleting the quiz.
 */
export default function QuizEdit() {
  const params = useParams()
  const id = () => params.id ?? ''
  return (
    <div class="max-w-4xl">
      <Boundary keys={getQuizEditor.keyFor(id())} fallback={<Skeleton class="h-96 w-full rounded-xl" />}>
        <Loaded id={id()} />
      </Boundary>
    </div>
  )
}

function Loaded(props: { id: string }) {
  const editor = createAsync(() => getQuizEditor(props.id))
  const zone = useSchoolZone()
  usePageTitle(() => {
    const title = editor()?.quiz.title
    return title ? t('edit.docTitle', { title }) : undefined
  })
  return (
    <Show when={editor()}>
      {(e) => (
        <Editor
          editor={e()}
          zone={zone() ?? localZone()}
          reload={() => revalidate(getQuizEditor.keyFor(props.id))}
        />
      )}
    </Show>
  )
}

function Editor(props: { editor: QuizEditor; zone: string; reload: () => Promise<unknown> }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const [deleting, setDeleting] = createSignal(false)
  const quiz = () => props.editor.quiz
  const base = () => `/t/${tenant().slug}`

  async function remove() {
    await deleteQuiz(quiz().id)
    toast.success(t('edit.deleted'), quiz().title)
    void revalidate(getQuizzes.keyFor(quiz().course_id))
    navigate(`${base()}/courses/${quiz().course_id}`, { replace: true })
  }

  return (
    <div class="space-y-6">
      <A href={`${base()}/courses/${quiz().course_id}`} class="link inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} aria-hidden="true" />
        {t('edit.back')}
      </A>
      <div class="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div class="min-w-0">
          <p class="text-sm text-muted">{t('edit.heading')}</p>
          <div class="mt-1 flex flex-wrap items-center gap-3">
            <h1 class="text-2xl font-bold tracking-tight break-words">{quiz().title}</h1>
            <span
              class={`badge ${quiz().published_at ? 'bg-success-soft text-success' : 'bg-warn-soft text-warn'}`}
            >
              {quiz().published_at ? t('edit.published') : t('edit.draft')}
            </span>
          </div>
        </div>
        <div class="flex shrink-0 flex-wrap gap-2">
          <A href={`${base()}/quizzes/${quiz().id}`} class="btn-secondary">
            <Eye size={16} aria-hidden="true" />
            {t('edit.view')}
          </A>
          <A href={`${base()}/quizzes/${quiz().id}/results`} class="btn-secondary">
            <ChartColumn size={16} aria-hidden="true" />
            {t('edit.results')}
          </A>
        </div>
      </div>
      <QuestionList editor={props.editor} onChanged={props.reload} />
      <SettingsForm quiz={quiz()} zone={props.zone} />
      <div class="flex justify-end">
        <Button variant="ghost" class="text-danger hover:bg-danger-soft" onClick={() => setDeleting(true)}>
          <Trash size={16} aria-hidden="true" />
          {t('edit.delete')}
        </Button>
      </div>
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('edit.deleteTitle', { title: quiz().title })}
        confirmLabel={t('edit.delete')}
        danger
        onConfirm={remove}
      >
        <p>{t('edit.deleteText')}</p>
      </ConfirmDialog>
    </div>
  )
}
