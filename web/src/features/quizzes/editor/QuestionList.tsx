import ListChecks from 'lucide-solid/icons/list-checks'
import Plus from 'lucide-solid/icons/plus'
import { createSignal, For, Show } from 'solid-js'
import type { EditorQuestion, QuizEditor } from '../../../../../edge/contract/assessments.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { deleteQuestion, moveQuestion } from '../api.ts'
import { formatScore } from '../quiz-status.ts'
import { messages } from './messages.ts'
import { QuestionCard } from './QuestionCard.tsx'
import { QuestionForm } from './QuestionForm.tsx'

const t = translator(messages)

/**
 * The quiz's questions in order, each with its answer key in a few words; edit one in place, add
 * one at the end, move one up or down (announced, focus kept on the moved question's button),
 * delete one after a confirm. `onChanged` reads the quiz again.
 */
export function QuestionList(props: { editor: QuizEditor; onChanged: () => Promise<unknown> }) {
  const [editing, setEditing] = createSignal<string>()
  const [moving, setMoving] = createSignal<string>()
  const [deleting, setDeleting] = createSignal<{ question: EditorQuestion; n: number }>()
  const [said, setSaid] = createSignal('')
  const questions = () => props.editor.questions
  const focus = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0)

  async function saved(focusId: string) {
    await props.onChanged()
    setEditing()
    focus(focusId)
  }

  async function move(q: EditorQuestion, index: number, step: -1 | 1) {
    const target = questions()[index + step]
    if (!target || moving()) return
    setMoving(q.id)
    try {
      await moveQuestion(q.id, target.position)
      await props.onChanged()
      setSaid(t('questions.moved', { from: index + 1, to: index + 1 + step }))
      const edge = index + step === 0 ? 'down' : index + step === questions().length - 1 ? 'up' : undefined
      focus(`move-${edge ?? (step < 0 ? 'up' : 'down')}-${q.id}`)
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setMoving()
    }
  }

  async function remove(q: EditorQuestion) {
    await deleteQuestion(q.id)
    toast.success(t('questions.deleted'))
    await props.onChanged()
    focus('add-question')
  }

  return (
    <section aria-labelledby="questions-heading" class="card p-5 sm:p-6">
      <h2 id="questions-heading" class="text-lg font-semibold">
        {t('questions.title')}
      </h2>
      <p class="mt-1 text-sm text-muted">
        {t('questions.count', {
          count: questions().length,
          points: formatScore(props.editor.quiz.max_score),
        })}
      </p>
      <Show
        when={questions().length > 0}
        fallback={
          <div class="mt-4">
            <EmptyState icon={<ListChecks size={28} />} title={t('questions.emptyTitle')}>
              {t('questions.emptyText')}
            </EmptyState>
          </div>
        }
      >
        <ol class="mt-4 space-y-3" aria-label={t('questions.label', { title: props.editor.quiz.title })}>
          <For each={questions()}>
            {(q, i) => (
              <li>
                <Show
                  when={editing() === q.id}
                  fallback={
                    <QuestionCard
                      question={q}
                      n={i() + 1}
                      last={i() === questions().length - 1}
                      moving={moving() === q.id}
                      onEdit={() => setEditing(q.id)}
                      onMove={(step) => void move(q, i(), step)}
                      onDelete={() => setDeleting({ question: q, n: i() + 1 })}
                    />
                  }
                >
                  <QuestionForm
                    quizId={props.editor.quiz.id}
                    question={q}
                    number={i() + 1}
                    onSaved={() => void saved(`edit-${q.id}`)}
                    onCancel={() => {
                      setEditing()
                      focus(`edit-${q.id}`)
                    }}
                  />
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <div class="mt-4">
        <Show
          when={editing() === 'new'}
          fallback={
            <Button id="add-question" onClick={() => setEditing('new')}>
              <Plus size={16} aria-hidden="true" />
              {t('form.add')}
            </Button>
          }
        >
          <QuestionForm
            quizId={props.editor.quiz.id}
            number={questions().length + 1}
            onSaved={() => void saved('add-question')}
            onCancel={() => {
              setEditing()
              focus('add-question')
            }}
          />
        </Show>
      </div>
      <p class="sr-only" aria-live="polite">
        {said()}
      </p>
      <ConfirmDialog
        open={deleting() !== undefined}
        onOpenChange={(open) => !open && setDeleting()}
        title={t('question.deleteTitle', { n: deleting()?.n ?? 0 })}
        confirmLabel={t('question.delete')}
        danger
        onConfirm={async () => {
          const d = deleting()
          if (d) await remove(d.question)
        }}
      >
        <p>{t('question.deleteText')}</p>
      </ConfirmDialog>
    </section>
  )
}
