import Check from 'lucide-solid/icons/check'
import { Show } from 'solid-js'
import type {
  LessonQuestionList,
  LessonQuestionThread,
} from '../../../../../edge/contract/lesson-comments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { ThreadBody } from '../comments/ThreadBody.tsx'
import { changeQuestion, deleteQuestion, replyToQuestion } from './api.ts'
import { messages } from './messages.ts'

const t = translator(messages)

export type ApplyQuestions = (list: Promise<LessonQuestionList>) => Promise<unknown>

/** One question: the words it is about, the student's question, the answers, a reply box, answered or not. */
export function QuestionThread(props: { thread: LessonQuestionThread; apply: ApplyQuestions }) {
  const answered = () => props.thread.resolved_at !== null
  return (
    <article
      class="card space-y-3 p-3 text-sm"
      aria-label={t('questions.threadLabel', { name: props.thread.author_name, quote: props.thread.quote })}
      data-question-id={props.thread.id}
      data-testid="lesson-question"
    >
      <p class="rounded-md border-l-4 border-warn bg-warn-soft px-2 py-1">
        <q class="line-clamp-3 italic">{props.thread.quote}</q>
      </p>
      <ThreadBody
        thread={props.thread}
        words={{
          reply: t('questions.reply'),
          replyLabel: t('questions.replyLabel'),
          send: t('questions.reply'),
          sending: t('questions.sending'),
          resolve: t('questions.answered'),
          reopen: t('questions.reopen'),
        }}
        status={
          <p class="flex items-center gap-1 text-xs text-muted">
            <Show when={answered()} fallback={t('questions.waiting')}>
              <Check size={14} aria-hidden="true" />
              {t('questions.answeredBy', { name: props.thread.resolved_by_name ?? '' })}
            </Show>
          </p>
        }
        replyWhenResolved
        change={(id, body) => props.apply(changeQuestion(id, { body }))}
        remove={(id) => props.apply(deleteQuestion(id))}
        reply={(body) => props.apply(replyToQuestion(props.thread.id, body))}
        resolve={(resolved) => props.apply(changeQuestion(props.thread.id, { resolved }))}
      />
    </article>
  )
}
