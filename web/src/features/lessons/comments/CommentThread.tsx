import Check from 'lucide-solid/icons/check'
import { Show } from 'solid-js'
import type { LessonCommentList, LessonCommentThread } from '../../../../../edge/contract/lesson-comments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { changeComment, deleteComment, replyTo } from './api.ts'
import { messages } from './messages.ts'
import { commentWords, ThreadBody } from './ThreadBody.tsx'

const t = translator(messages)

type Apply = (list: Promise<LessonCommentList>) => Promise<unknown>

/** One thread in the panel: the text it is on, its comments, a reply box, resolve or reopen. */
export function CommentThread(props: {
  thread: LessonCommentThread
  courseId: string
  active: boolean
  /** The thread's text was deleted from the lesson. */
  gone: boolean
  onPick: () => void
  apply: Apply
}) {
  const resolved = () => props.thread.resolved_at !== null
  return (
    <article
      class={`card space-y-3 p-3 text-sm ${props.active ? 'ring-2 ring-warn' : ''} ${resolved() ? 'opacity-80' : ''}`}
      aria-label={t('comments.threadLabel', { name: props.thread.author_name, quote: props.thread.quote })}
      data-thread-id={props.thread.id}
      data-testid="comment-thread"
    >
      <button
        type="button"
        class="block w-full rounded-md border-l-4 border-warn bg-warn-soft px-2 py-1 text-left text-fg hover:underline"
        title={t('comments.showText', { quote: props.thread.quote })}
        onClick={() => props.onPick()}
      >
        <span class="sr-only">{t('comments.on')} </span>
        <q class="line-clamp-2 italic">{props.thread.quote}</q>
      </button>
      <Show when={props.gone}>
        <p class="text-xs text-muted">{t('comments.textGone')}</p>
      </Show>
      <ThreadBody
        thread={props.thread}
        words={commentWords()}
        status={
          <Show when={resolved()}>
            <p class="flex items-center gap-1 text-xs text-muted">
              <Check size={14} aria-hidden="true" />
              {t('comments.resolvedBy', { name: props.thread.resolved_by_name ?? '' })}
            </p>
          </Show>
        }
        mentionsIn={props.courseId}
        change={(id, body) => props.apply(changeComment(id, { body }))}
        remove={(id) => props.apply(deleteComment(id))}
        reply={(body, mentions) => props.apply(replyTo(props.thread.id, body, mentions))}
        resolve={(resolved) => props.apply(changeComment(props.thread.id, { resolved }))}
      />
    </article>
  )
}
