import { useSearchParams } from '@solidjs/router'
import type { Editor } from '@tiptap/core'
import MessageSquarePlus from 'lucide-solid/icons/message-square-plus'
import { type Accessor, createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js'
import type { LessonCommentList, LessonCommentThread } from '../../../../../edge/contract/lesson-comments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { ErrorState } from '../../../ui/ErrorState.tsx'
import { Spinner } from '../../../ui/Spinner.tsx'
import { useCourseLive } from '../../courses/course-live.ts'
import { type Anchor, anchorAt, bindingOf } from './anchors.ts'
import { fetchComments, startThread } from './api.ts'
import { CommentThread } from './CommentThread.tsx'
import { markedRange, showMarks } from './comment-marks.ts'
import { messages } from './messages.ts'
import { CommentBox } from './NewComment.tsx'

const t = translator(messages)
const QUOTE_MAX = 500

interface Draft {
  quote: string
  anchor: Anchor
}

/**
 * The lesson's comment threads beside the editor: open ones in the order of their text, then those
 * whose text was deleted; resolved ones behind a toggle. New threads start from the editor's
 * selection (the button, or Ctrl/Cmd+Alt+M in the editor: `asked` counts the presses). Follows the
 * course's live topic, so co-authors see each other's comments without a reload.
 */
export function CommentsPanel(props: {
  lessonId: string
  courseId: string
  editor: Accessor<Editor | undefined>
  picked: Accessor<string | undefined>
  onPick: (id: string | undefined) => void
  asked: Accessor<number>
}) {
  const [list, { mutate, refetch }] = createResource(() => props.lessonId, fetchComments)
  const [draft, setDraft] = createSignal<Draft>()
  const [problem, setProblem] = createSignal<string>()
  const [showResolved, setShowResolved] = createSignal(false)
  const apply = async (next: Promise<LessonCommentList>) => mutate(await next)

  useCourseLive(() => props.courseId, {
    onEvent: (e) => e.kind === 'comments' && e.lessonId === props.lessonId && void refetch(),
    onResubscribed: () => void refetch(),
  })

  const threads = () => list.latest?.threads ?? []
  const open = () => threads().filter((th) => th.resolved_at === null)
  const resolved = () => threads().filter((th) => th.resolved_at !== null)
  // The document changes (typing here, a co-author's edit arriving): threads' places are read again.
  const [edits, setEdits] = createSignal(0)
  createEffect(() => {
    const ed = props.editor()
    if (!ed) return
    const changed = ({ transaction }: { transaction: { docChanged: boolean } }) =>
      transaction.docChanged && setEdits((n) => n + 1)
    ed.on('transaction', changed)
    onCleanup(() => ed.off('transaction', changed))
  })
  /** Where a thread's text starts now; deleted text sorts last. */
  const at = (th: LessonCommentThread) => {
    edits()
    const ed = props.editor()
    return (ed && markedRange(ed, th.anchor)?.from) ?? Number.POSITIVE_INFINITY
  }
  const ordered = () => [...open()].sort((a, b) => at(a) - at(b))

  // The editor marks the open threads' text, the picked one more strongly.
  createEffect(() => {
    const ed = props.editor()
    if (ed)
      showMarks(
        ed,
        open().map((th) => ({ id: th.id, anchor: th.anchor })),
        props.picked(),
      )
  })
  // A thread picked in the editor comes into view in the panel.
  createEffect(
    on(props.picked, (id) => {
      if (!id) return
      document.querySelector(`[data-thread-id="${id}"]`)?.scrollIntoView({ block: 'nearest' })
    }),
  )
  createEffect(on(props.asked, (n) => n > 0 && begin(), { defer: true }))
  // A notification's link (?comment=) picks its thread once the threads are in.
  const [search] = useSearchParams()
  createEffect(
    on(
      () => threads().length,
      () => {
        const id = search.comment
        if (typeof id === 'string' && threads().some((th) => th.id === id)) props.onPick(id)
      },
    ),
  )

  /** A new thread on the editor's selection, or a hint when nothing is selected. */
  function begin() {
    const ed = props.editor()
    const binding = ed && bindingOf(ed.state)
    const { from, to } = ed?.state.selection ?? { from: 0, to: 0 }
    const quote = ed?.state.doc.textBetween(from, to, ' ').trim() ?? ''
    if (!ed || !binding || !quote) return setProblem(t('comments.selectFirst'))
    if (quote.length > QUOTE_MAX) return setProblem(t('comments.quoteTooLong'))
    setProblem()
    setDraft({ quote, anchor: anchorAt(binding, from, to) })
  }

  /** Shows a thread's text in the editor, selected. */
  function pick(th: LessonCommentThread) {
    props.onPick(th.id)
    const ed = props.editor()
    const range = ed && markedRange(ed, th.anchor)
    if (ed && range) ed.chain().setTextSelection(range).scrollIntoView().run()
  }

  return (
    <section aria-labelledby="comments-heading" class="space-y-3" data-testid="lesson-comments">
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h2 id="comments-heading" class="text-lg font-semibold">
          {t('comments.title')}
          <Show when={open().length > 0}>
            <span class="ml-2 text-sm font-normal text-muted">
              {t('comments.open', { count: open().length })}
            </span>
          </Show>
        </h2>
        <Button
          variant="secondary"
          class="min-h-9 px-3 py-1.5"
          title={t('comments.addHint')}
          onMouseDown={(e) => e.preventDefault()}
          onClick={begin}
        >
          <MessageSquarePlus size={16} aria-hidden="true" />
          {t('comments.add')}
        </Button>
      </div>
      <Show when={problem()}>
        <p role="status" class="text-sm text-muted">
          {problem()}
        </p>
      </Show>
      <Show when={draft()}>
        {(d) => (
          <div class="card space-y-2 p-3 text-sm">
            <p class="rounded-md border-l-4 border-warn bg-warn-soft px-2 py-1">
              <span class="sr-only">{t('comments.on')} </span>
              <q class="line-clamp-3 italic">{d().quote}</q>
            </p>
            <CommentBox
              label={t('comments.newLabel')}
              submitLabel={t('comments.save')}
              pendingLabel={t('comments.saving')}
              autofocus
              mentionsIn={props.courseId}
              send={async (body, mentions) => {
                const next = await startThread(props.lessonId, { body, mentions, ...d() })
                mutate(next)
                setDraft()
                props.onPick(next.threads.at(-1)?.id)
              }}
              onCancel={() => setDraft()}
            />
          </div>
        )}
      </Show>
      <Show
        when={!list.error}
        fallback={
          <ErrorState error={list.error} onRetry={() => void refetch()} title={t('comments.notLoaded')} />
        }
      >
        <Show
          when={list.state !== 'pending' || list.latest}
          fallback={
            <p class="flex items-center gap-2 text-sm text-muted" role="status">
              <Spinner />
              {t('comments.loading')}
            </p>
          }
        >
          <Show
            when={threads().length > 0 || draft()}
            fallback={<EmptyState title={t('comments.empty')}>{t('comments.emptyHint')}</EmptyState>}
          >
            <For each={ordered()}>
              {(th) => (
                <CommentThread
                  thread={th}
                  courseId={props.courseId}
                  active={props.picked() === th.id}
                  gone={at(th) === Number.POSITIVE_INFINITY}
                  onPick={() => pick(th)}
                  apply={apply}
                />
              )}
            </For>
            <Show when={resolved().length > 0}>
              <Button
                variant="ghost"
                class="min-h-8 px-2.5 py-1"
                onClick={() => setShowResolved((v) => !v)}
                aria-expanded={showResolved()}
              >
                {showResolved()
                  ? t('comments.hideResolved')
                  : t('comments.showResolved', { count: resolved().length })}
              </Button>
              <Show when={showResolved()}>
                <For each={resolved()}>
                  {(th) => (
                    <CommentThread
                      thread={th}
                      courseId={props.courseId}
                      active={false}
                      gone={at(th) === Number.POSITIVE_INFINITY}
                      onPick={() => pick(th)}
                      apply={apply}
                    />
                  )}
                </For>
              </Show>
            </Show>
          </Show>
        </Show>
      </Show>
    </section>
  )
}
