import CircleCheck from 'lucide-solid/icons/circle-check'
import { createSignal, Show } from 'solid-js'
import type { ForumPost, ForumThread } from '../../../../../edge/contract/forum.ts'
import { formatDateTime, relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { MentionText } from '../../mentions/MentionText.tsx'
import { deletePost, updatePost } from '../api.ts'
import { messages } from '../messages.ts'
import { AuthorName } from './Badges.tsx'
import { EditText } from './EditText.tsx'
import { Reactions } from './Reactions.tsx'
import { ReportButton } from './ReportButton.tsx'
import { ReviewNote } from './ReviewNote.tsx'

const t = translator(messages)

/** One reply: its author and time, the answer mark, and what the caller may do to it. */
export function PostItem(props: {
  post: ForumPost
  thread: ForumThread
  onChange: (work: () => Promise<ForumThread>, done?: string) => Promise<boolean>
  onMarkAnswer: (answer: boolean) => void
}) {
  const [editing, setEditing] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  const isAnswer = () => props.thread.answered_post_id === props.post.id
  return (
    <li
      class="card space-y-2 p-4"
      classList={{ 'border-success': isAnswer(), 'opacity-75': props.post.hidden }}
      aria-label={isAnswer() ? t('thread.answer') : undefined}
    >
      <div class="flex flex-wrap items-center gap-2 text-sm text-muted">
        <AuthorName name={props.post.author_name} teaches={props.post.author_teaches} />
        <span>·</span>
        <time datetime={props.post.created_at} title={formatDateTime(props.post.created_at)}>
          {relativeTime(props.post.created_at)}
        </time>
        <Show when={props.post.edited_at}>
          <span>· {t('thread.edited')}</span>
        </Show>
        <Show when={isAnswer()}>
          <span class="badge gap-1 bg-success-soft text-success">
            <CircleCheck size={12} aria-hidden="true" />
            {t('thread.answer')}
          </span>
        </Show>
        <Show when={props.post.hidden}>
          <span class="badge bg-danger-soft text-danger">{t('forum.hidden')}</span>
        </Show>
      </div>
      <ReviewNote
        hidden={props.post.hidden}
        reason={props.post.review_reason}
        openReports={props.post.open_reports}
      />
      <Show when={editing()} fallback={<MentionText text={props.post.body} mentions={props.post.mentions} />}>
        <EditText
          body={props.post.body}
          onCancel={() => setEditing(false)}
          onSave={async ({ body }) => {
            if (await props.onChange(() => updatePost(props.post.id, { body }), t('thread.saved')))
              setEditing(false)
          }}
        />
      </Show>
      <Show when={!props.post.hidden}>
        <Reactions
          threadId={props.thread.id}
          postId={props.post.id}
          counts={props.post.reactions}
          canReact={props.thread.can_react}
          onChange={(work) => props.onChange(work)}
        />
      </Show>
      <div role="group" aria-label={t('thread.replyActions')} class="flex flex-wrap gap-2">
        <Show when={props.thread.can_mark_answer && !props.post.hidden}>
          <Button
            variant="secondary"
            class="min-h-9 py-1 text-sm"
            onClick={() => props.onMarkAnswer(!isAnswer())}
          >
            {isAnswer() ? t('thread.unmarkAnswer') : t('thread.markAnswer')}
          </Button>
        </Show>
        <Show when={props.post.can_edit && !editing()}>
          <Button variant="ghost" class="min-h-9 py-1 text-sm" onClick={() => setEditing(true)}>
            {t('thread.edit')}
          </Button>
        </Show>
        <Show when={props.thread.can_moderate}>
          <Button
            variant="ghost"
            class="min-h-9 py-1 text-sm"
            onClick={() => props.onChange(() => updatePost(props.post.id, { hidden: !props.post.hidden }))}
          >
            {props.post.hidden ? t('thread.show') : t('thread.hide')}
          </Button>
        </Show>
        <Show when={props.post.can_report}>
          <ReportButton threadId={props.thread.id} postId={props.post.id} />
        </Show>
        <Show when={props.post.can_delete}>
          <Button
            variant="ghost"
            class="min-h-9 py-1 text-sm text-danger hover:bg-danger-soft"
            onClick={() => setDeleting(true)}
          >
            {t('thread.delete')}
          </Button>
        </Show>
      </div>
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('thread.deletePostTitle')}
        confirmLabel={t('thread.delete')}
        danger
        onConfirm={async () => {
          await props.onChange(() => deletePost(props.post.id), t('thread.postDeleted'))
        }}
      >
        {t('thread.deletePostText')}
      </ConfirmDialog>
    </li>
  )
}
