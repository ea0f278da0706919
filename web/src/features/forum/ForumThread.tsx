import { A, createAsync, revalidate, useNavigate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import { createSignal, For, onCleanup, Show } from 'solid-js'
import type { ForumThread as Thread, UpdateForumThreadBody } from '../../../../edge/contract/forum.ts'
import { errorMessage } from '../../api/errors.ts'
import { coalesce } from '../../lib/coalesce.ts'
import { formatDateTime, relativeTime } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { PageSkeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { useCourseLive } from '../courses/course-live.ts'
import { MentionText } from '../mentions/MentionText.tsx'
import { deleteThread, getForumThread, getForumThreads, updateThread } from './api.ts'
import { AuthorName, CategoryBadge, ThreadMarks } from './components/Badges.tsx'
import { EditText } from './components/EditText.tsx'
import { PostItem } from './components/PostItem.tsx'
import { Reactions } from './components/Reactions.tsx'
import { ReplyForm } from './components/ReplyForm.tsx'
import { ReportButton } from './components/ReportButton.tsx'
import { ReviewNote } from './components/ReviewNote.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/**
 * /t/:slug/courses/:courseId/forum/:threadId — a thread with its replies, oldest first; replying,
 * editing one's own words, the asker's answer, and the moderators' pin, lock, hide and delete.
 * Anyone's change to the thread reloads it live.
 */
export default function ForumThread() {
  const params = useParams()
  const tenant = useTenant()
  const threadId = () => params.threadId ?? ''
  const courseId = () => params.courseId ?? ''
  const reload = coalesce(() => void revalidate(getForumThread.keyFor(threadId())), 300)
  onCleanup(reload.cancel)
  useCourseLive(() => courseId() || undefined, {
    onEvent: (event) => event.kind === 'forum' && event.threadId === threadId() && reload.trigger(),
    onResubscribed: reload.trigger,
  })
  return (
    <div class="max-w-3xl space-y-6">
      <A
        href={`/t/${tenant().slug}/courses/${courseId()}/forum`}
        class="link inline-flex items-center gap-1 text-sm"
      >
        <ArrowLeft size={14} />
        {t('thread.back')}
      </A>
      <Boundary keys={getForumThread.keyFor(threadId())} fallback={<PageSkeleton rows={4} />}>
        <ThreadBody threadId={threadId()} />
      </Boundary>
    </div>
  )
}

function ThreadBody(props: { threadId: string }) {
  const thread = createAsync(() => getForumThread(props.threadId))
  usePageTitle(() => thread()?.title)
  return <Show when={thread()}>{(th) => <ThreadView thread={th()} />}</Show>
}

/** Runs a change and shows the thread it answers (or says why it failed). */
async function change(work: () => Promise<Thread>, done?: string) {
  try {
    const fresh = await work()
    if (done) toast.success(done)
    await revalidate([getForumThread.keyFor(fresh.id), getForumThreads.key])
    return true
  } catch (error) {
    toast.error(errorMessage(error))
    return false
  }
}

function ThreadView(props: { thread: Thread }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const [editing, setEditing] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  const set = (body: UpdateForumThreadBody, done?: string) =>
    change(() => updateThread(props.thread.id, body), done)
  return (
    <>
      <article aria-labelledby="thread-title" class="card space-y-3 p-4 sm:p-6">
        <div class="flex flex-wrap items-center gap-1.5">
          <CategoryBadge category={props.thread.category} />
          <ThreadMarks {...props.thread} />
        </div>
        <Show
          when={editing()}
          fallback={
            <>
              <h1 id="thread-title" class="text-2xl font-bold tracking-tight">
                {props.thread.title}
              </h1>
              <p class="text-sm text-muted">
                <AuthorName name={props.thread.author_name} teaches={props.thread.author_teaches} /> ·{' '}
                <time datetime={props.thread.created_at} title={formatDateTime(props.thread.created_at)}>
                  {relativeTime(props.thread.created_at)}
                </time>
                <Show when={props.thread.edited_at}> · {t('thread.edited')}</Show>
              </p>
              <MentionText text={props.thread.body} mentions={props.thread.mentions} />
            </>
          }
        >
          <EditText
            title={props.thread.title}
            body={props.thread.body}
            onCancel={() => setEditing(false)}
            onSave={async (values) => {
              if (await set(values, t('thread.saved'))) setEditing(false)
            }}
          />
        </Show>
        <ReviewNote
          hidden={props.thread.hidden}
          reason={props.thread.review_reason}
          openReports={props.thread.open_reports}
        />
        <Reactions
          threadId={props.thread.id}
          postId={null}
          counts={props.thread.reactions}
          canReact={props.thread.can_react}
          onChange={(work) => change(work)}
        />
        <div role="group" aria-label={t('thread.actions')} class="flex flex-wrap gap-2 pt-1">
          <Show when={props.thread.can_edit && !editing()}>
            <Button variant="secondary" onClick={() => setEditing(true)}>
              {t('thread.edit')}
            </Button>
          </Show>
          <Show when={props.thread.can_moderate}>
            <Button variant="secondary" onClick={() => set({ pinned: !props.thread.pinned })}>
              {props.thread.pinned ? t('thread.unpin') : t('thread.pin')}
            </Button>
            <Button variant="secondary" onClick={() => set({ locked: !props.thread.locked })}>
              {props.thread.locked ? t('thread.unlock') : t('thread.lock')}
            </Button>
            <Button variant="secondary" onClick={() => set({ hidden: !props.thread.hidden })}>
              {props.thread.hidden ? t('thread.show') : t('thread.hide')}
            </Button>
          </Show>
          <Show when={props.thread.can_delete}>
            <Button
              variant="ghost"
              class="text-danger hover:bg-danger-soft"
              onClick={() => setDeleting(true)}
            >
              {t('thread.delete')}
            </Button>
          </Show>
          <Show when={props.thread.can_report}>
            <ReportButton threadId={props.thread.id} />
          </Show>
        </div>
      </article>

      <section aria-labelledby="thread-replies" class="space-y-3">
        <h2 id="thread-replies" class="text-lg font-semibold">
          {t('thread.replies')} ({props.thread.reply_count})
        </h2>
        <Show
          when={props.thread.posts.length > 0}
          fallback={<p class="text-sm text-muted">{t('thread.noReplies')}</p>}
        >
          <ol class="space-y-3">
            <For each={props.thread.posts}>
              {(post) => (
                <PostItem
                  post={post}
                  thread={props.thread}
                  onChange={(work, done) => change(work, done)}
                  onMarkAnswer={(answer) =>
                    set(
                      { answered_post_id: answer ? post.id : null },
                      answer ? t('thread.marked') : undefined,
                    )
                  }
                />
              )}
            </For>
          </ol>
        </Show>
        <Show
          when={props.thread.can_reply}
          fallback={
            <p class="rounded-lg border border-line bg-subtle p-3 text-sm text-muted">
              {props.thread.role === 'reader' ? t('thread.readOnlyNote') : t('thread.lockedNote')}
            </p>
          }
        >
          <Show when={props.thread.locked}>
            <p class="text-sm text-muted">{t('thread.lockedNote')}</p>
          </Show>
          <ReplyForm
            threadId={props.thread.id}
            courseId={props.thread.course_id}
            onSent={() => change(() => getForumThread(props.thread.id))}
          />
        </Show>
      </section>

      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('thread.deleteTitle', { title: props.thread.title })}
        confirmLabel={t('thread.delete')}
        danger
        onConfirm={async () => {
          await deleteThread(props.thread.id)
          toast.success(t('thread.deleted'))
          await revalidate(getForumThreads.key)
          navigate(`/t/${tenant().slug}/courses/${props.thread.course_id}/forum`, { replace: true })
        }}
      >
        {t('thread.deleteText')}
      </ConfirmDialog>
    </>
  )
}
