import Check from 'lucide-solid/icons/check'
import RotateCcw from 'lucide-solid/icons/rotate-ccw'
import { createSignal, For, Show } from 'solid-js'
import type {
  LessonComment,
  LessonCommentList,
  LessonCommentThread,
} from '../../../../../edge/contract/lesson-comments.ts'
import { errorMessage } from '../../../api/errors.ts'
import { relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { MentionText } from '../../mentions/MentionText.tsx'
import { changeComment, deleteComment, replyTo } from './api.ts'
import { messages } from './messages.ts'
import { CommentBox } from './NewComment.tsx'

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
  const [replying, setReplying] = createSignal(false)
  const resolved = () => props.thread.resolved_at !== null
  const actions = (id: string) => ({
    change: (body: string) => props.apply(changeComment(id, { body })),
    remove: () => props.apply(deleteComment(id)),
  })
  const toggle = () =>
    props
      .apply(changeComment(props.thread.id, { resolved: !resolved() }))
      .catch((e) => toast.error(errorMessage(e)))
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
      <Comment comment={props.thread} thread {...actions(props.thread.id)} />
      <For each={props.thread.replies}>
        {(reply) => (
          <div class="border-l-2 border-line pl-3">
            <Comment comment={reply} {...actions(reply.id)} />
          </div>
        )}
      </For>
      <Show when={resolved()}>
        <p class="flex items-center gap-1 text-xs text-muted">
          <Check size={14} aria-hidden="true" />
          {t('comments.resolvedBy', { name: props.thread.resolved_by_name ?? '' })}
        </p>
      </Show>
      <Show
        when={replying()}
        fallback={
          <div class="flex flex-wrap gap-2">
            <Show when={!resolved()}>
              <Button variant="secondary" class="min-h-8 px-2.5 py-1" onClick={() => setReplying(true)}>
                {t('comments.reply')}
              </Button>
            </Show>
            <Button variant="ghost" class="min-h-8 px-2.5 py-1" onClick={toggle}>
              <Show when={resolved()} fallback={<Check size={14} aria-hidden="true" />}>
                <RotateCcw size={14} aria-hidden="true" />
              </Show>
              {resolved() ? t('comments.reopen') : t('comments.resolve')}
            </Button>
          </div>
        }
      >
        <CommentBox
          label={t('comments.replyLabel')}
          submitLabel={t('comments.send')}
          pendingLabel={t('comments.sending')}
          autofocus
          mentionsIn={props.courseId}
          send={(body, mentions) =>
            props.apply(replyTo(props.thread.id, body, mentions)).then(() => setReplying(false))
          }
          onCancel={() => setReplying(false)}
        />
      </Show>
    </article>
  )
}

/**
 * A comment's author, time and words (its mentions marked), with Edit (its author) and Delete (its
 * author or a moderator). `change` and `remove` call the API of its kind (draft comment or question).
 */
export function Comment(props: {
  comment: LessonComment
  thread?: boolean
  change: (body: string) => Promise<unknown>
  remove: () => Promise<unknown>
}) {
  const [editing, setEditing] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  return (
    <div class="space-y-1">
      <p class="flex flex-wrap items-baseline gap-x-2 text-xs text-muted">
        <span class="font-semibold text-fg">{props.comment.author_name}</span>
        <time datetime={props.comment.created_at}>{relativeTime(props.comment.created_at)}</time>
        <Show when={props.comment.edited_at}>
          <span>· {t('comments.edited')}</span>
        </Show>
      </p>
      <Show
        when={editing()}
        fallback={
          <MentionText
            text={props.comment.body}
            mentions={props.comment.mentions}
            class="whitespace-pre-wrap break-words"
          />
        }
      >
        <CommentBox
          label={t('comments.editLabel')}
          submitLabel={t('comments.editSave')}
          pendingLabel={t('comments.saving')}
          initial={props.comment.body}
          autofocus
          send={(body) => props.change(body).then(() => setEditing(false))}
          onCancel={() => setEditing(false)}
        />
      </Show>
      <Show when={!editing() && (props.comment.can_edit || props.comment.can_delete)}>
        <div class="flex gap-3 text-xs">
          <Show when={props.comment.can_edit}>
            <button type="button" class="link" onClick={() => setEditing(true)}>
              {t('comments.edit')}
            </button>
          </Show>
          <Show when={props.comment.can_delete}>
            <button type="button" class="link text-danger" onClick={() => setDeleting(true)}>
              {t('comments.delete')}
            </button>
          </Show>
        </div>
      </Show>
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('comments.deleteTitle')}
        confirmLabel={t('comments.delete')}
        danger
        onConfirm={async () => {
          await props.remove()
        }}
      >
        <p>{props.thread ? t('comments.deleteThread') : t('comments.deleteReply')}</p>
      </ConfirmDialog>
    </div>
  )
}
