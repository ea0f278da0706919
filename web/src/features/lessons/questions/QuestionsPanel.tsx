import { Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { messages } from './messages.ts'
import { QuestionList } from './QuestionList.tsx'
import { createQuestions } from './questions-state.ts'

const t = translator(messages)

/**
 * Beside the lesson editor, for its co-authors and the school's staff: what students asked about
 * the published lesson, waiting ones first, to answer and mark answered.
 */
export function QuestionsPanel(props: { lessonId: string; courseId: string; open: boolean }) {
  const questions = createQuestions(
    () => props.lessonId,
    () => props.courseId,
  )
  const waiting = () => questions.threads().filter((th) => th.resolved_at === null).length
  return (
    <section aria-labelledby="questions-panel-heading" class="space-y-3" data-testid="lesson-questions">
      <h2 id="questions-panel-heading" class="text-lg font-semibold">
        {t('questions.panelTitle')}
        <Show when={waiting() > 0}>
          <span class="ml-2 text-sm font-normal text-muted">{t('questions.open', { count: waiting() })}</span>
        </Show>
      </h2>
      <QuestionList
        questions={questions}
        empty={
          <EmptyState title={t('questions.panelEmpty')}>
            {props.open ? undefined : t('questions.panelOff')}
          </EmptyState>
        }
      />
    </section>
  )
}
