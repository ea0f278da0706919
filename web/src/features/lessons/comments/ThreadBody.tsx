import Check from 'lucide-solid/icons/check'
import RotateCcw from 'lucide-solid/icons/rotate-ccw'
import { createSignal, For, type JSX, Show } from 'solid-js'
import type { LessonComment } from '../../../../../edge/contract/lesson-comments.ts'
import { errorMessage } from '../../../api/errors.ts'
import { relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { MentionText } from '../../mentions/MentionText.tsx'
import { messages } from './messages.ts'
import { CommentBox } from './NewComment.tsx'

const t = translator(messages)

/** The words of a thread's buttons and reply box, for its kind (draft comment or question). */
export interface ThreadWords {
  reply: string
  replyLabel: string
  send: string
  sending: string
  resolve: string
  reopen: string
}

/**
 * A thread's first comment and its replies, what its resolution says (`status`), and the Reply and
 * resolve/reopen buttons with the reply box. Shared by draft comments and students' questions; the
 * calls (`change`, `remove`, `reply`, `resolve`) are those of the kind's API.
 */
export function ThreadBody(props: {
  thread: LessonComment & { resolved_at: string | null; replies: LessonComment[] }
  words: ThreadWords
  status: JSX.Element
  /** Offer Reply on a resolved thread too. */
  replyWhenResolved?: boolean
  /** Offer "@" mentions of this course's draft readers in replies. */
  mentionsIn?: string
  change: (id: string, body: string) => Promise<unknown>
  remove: (id: string) => Promise<unknown>
  reply: (body: string, mentions: string[]) => Promise<unknown>
  resolve: (resolved: boolean) => Promise<unknown>
}) {
  const [replying, setReplying] = createSignal(false)
  const resolved = () => props.thread.resolved_at !== null
  const actions = (id: string) => ({
    change: (body: string) => props.change(id, body),
    remove: () => props.remove(id),
  })
  const toggle = () => props.resolve(!resolved()).catch((e) => toast.error(errorMessage(e)))
  return (
    <>
      <Comment comment={props.thread} thread {...actions(props.thread.id)} />
      <For each={props.thread.replies}>
        {(reply) => (
          <div class="border-l-2 border-line pl-3">
            <Comment comment={reply} {...actions(reply.id)} />
          </div>
        )}
      </For>
      {props.status}
      <Show
        when={replying()}
        fallback={
          <div class="flex flex-wrap gap-2">
            <Show when={!resolved() || props.replyWhenResolved}>
              <Button variant="secondary" class="min-h-9 px-3 py-1.5" onClick={() => setReplying(true)}>
                {props.words.reply}
              </Button>
            </Show>
            <Button variant="ghost" class="min-h-9 px-3 py-1.5" onClick={toggle}>
              <Show when={resolved()} fallback={<Check size={14} aria-hidden="true" />}>
                <RotateCcw size={14} aria-hidden="true" />
              </Show>
              {resolved() ? props.words.reopen : props.words.resolve}
            </Button>
          </div>
        }
      >
        <CommentBox
          label={props.words.replyLabel}
          submitLabel={props.words.send}
          pendingLabel={props.words.sending}
          autofocus
          mentionsIn={props.mentionsIn}
          send={(body, mentions) => props.reply(body, mentions).then(() => setReplying(false))}
          onCancel={() => setReplying(false)}
        />
      </Show>
    </>
  )
}

/** The draft comments' words for ThreadBody. */
export const commentWords = (): ThreadWords => ({
  reply: t('comments.reply'),
  replyLabel: t('comments.replyLabel'),
  send: t('comments.send'),
  sending: t('comments.sending'),
  resolve: t('comments.resolve'),
  reopen: t('comments.reopen'),
})

/**
 * A comment's author, time and words (its mentions marked), with Edit (its author) and Delete (its
 * author or a moderator). `change` and `remove` call the API of its kind (draft comment or question).
 */
function Comment(props: {
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
