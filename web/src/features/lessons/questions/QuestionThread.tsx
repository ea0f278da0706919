import Check from 'lucide-solid/icons/check'
import RotateCcw from 'lucide-solid/icons/rotate-ccw'
import { createSignal, For, Show } from 'solid-js'
import type {
  LessonQuestionList,
  LessonQuestionThread,
} from '../../../../../edge/contract/lesson-comments.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { Comment } from '../comments/CommentThread.tsx'
import { CommentBox } from '../comments/NewComment.tsx'
import { changeQuestion, deleteQuestion, replyToQuestion } from './api.ts'
import { messages } from './messages.ts'

const t = translator(messages)

export type ApplyQuestions = (list: Promise<LessonQuestionList>) => Promise<unknown>

/** One question: the words it is about, the student's question, the answers, a reply box, answered or not. */
export function QuestionThread(props: { thread: LessonQuestionThread; apply: ApplyQuestions }) {
  const [replying, setReplying] = createSignal(false)
  const answered = () => props.thread.resolved_at !== null
  const actions = (id: string) => ({
    change: (body: string) => props.apply(changeQuestion(id, { body })),
    remove: () => props.apply(deleteQuestion(id)),
  })
  const toggle = () =>
    props
      .apply(changeQuestion(props.thread.id, { resolved: !answered() }))
      .catch((e) => toast.error(errorMessage(e)))
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
      <Comment comment={props.thread} thread {...actions(props.thread.id)} />
      <For each={props.thread.replies}>
        {(reply) => (
          <div class="border-l-2 border-line pl-3">
            <Comment comment={reply} {...actions(reply.id)} />
          </div>
        )}
      </For>
      <p class="flex items-center gap-1 text-xs text-muted">
        <Show when={answered()} fallback={t('questions.waiting')}>
          <Check size={14} aria-hidden="true" />
          {t('questions.answeredBy', { name: props.thread.resolved_by_name ?? '' })}
        </Show>
      </p>
      <Show
        when={replying()}
        fallback={
          <div class="flex flex-wrap gap-2">
            <Button variant="secondary" class="min-h-9 px-3 py-1.5" onClick={() => setReplying(true)}>
              {t('questions.reply')}
            </Button>
            <Button variant="ghost" class="min-h-9 px-3 py-1.5" onClick={toggle}>
              <Show when={answered()} fallback={<Check size={14} aria-hidden="true" />}>
                <RotateCcw size={14} aria-hidden="true" />
              </Show>
              {answered() ? t('questions.reopen') : t('questions.answered')}
            </Button>
          </div>
        }
      >
        <CommentBox
          label={t('questions.replyLabel')}
          submitLabel={t('questions.reply')}
          pendingLabel={t('questions.sending')}
          autofocus
          send={(body) => props.apply(replyToQuestion(props.thread.id, body)).then(() => setReplying(false))}
          onCancel={() => setReplying(false)}
        />
      </Show>
    </article>
  )
}
