import { A, createAsync, revalidate, useNavigate, useParams, useSearchParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import MessagesSquare from 'lucide-solid/icons/messages-square'
import Plus from 'lucide-solid/icons/plus'
import { createSignal, For, onCleanup, Show } from 'solid-js'
import {
  FORUM_CATEGORIES,
  type ForumCategory,
  type ForumThreadPage,
} from '../../../../edge/contract/forum.ts'
import { coalesce } from '../../lib/coalesce.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { TextField } from '../../ui/Field.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { getCourse } from '../courses/Course.data.ts'
import { useCourseLive } from '../courses/course-live.ts'
import { type ForumFilter, getForumThreads } from './api.ts'
import { NewThread } from './components/NewThread.tsx'
import { ThreadRow } from './components/ThreadRow.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** Threads the list shows at first, and how many more each "Show more" adds. */
const PAGE = 20

/** The list's filters as the address keeps them. */
type Filter = { category?: string; q?: string; review?: string }

const isCategory = (value: string | undefined): value is ForumCategory =>
  FORUM_CATEGORIES.includes(value as ForumCategory)

/**
 * /t/:slug/courses/:courseId/forum — a course's discussion: its threads (pinned first, then the
 * latest activity) with a category filter and search kept in the address, unread marks, and a
 * form to start a thread. New posts by anyone reload the list live.
 */
export default function Forum() {
  const params = useParams()
  const tenant = useTenant()
  const courseId = () => params.courseId ?? ''
  const course = createAsync(() => getCourse(courseId()).catch(() => undefined))
  usePageTitle(() => t('forum.docTitle', { course: course()?.title ?? t('forum.title') }))
  const [search, setSearch] = useSearchParams<{ category?: string; q?: string; review?: string }>()
  const [limit, setLimit] = createSignal(PAGE)
  const filter = (): ForumFilter => ({
    category: isCategory(search.category) ? search.category : undefined,
    q: search.q?.trim() || undefined,
    review: search.review === 'true' || undefined,
    limit: limit(),
  })
  const reload = coalesce(() => void revalidate(getForumThreads.key), 400)
  onCleanup(reload.cancel)
  useCourseLive(() => courseId() || undefined, {
    onEvent: (event) => event.kind === 'forum' && reload.trigger(),
    onResubscribed: reload.trigger,
  })
  return (
    <div class="max-w-4xl space-y-6">
      <A
        href={`/t/${tenant().slug}/courses/${courseId()}`}
        class="link inline-flex items-center gap-1 text-sm"
      >
        <ArrowLeft size={14} />
        {course()?.title ?? t('forum.back')}
      </A>
      <Boundary keys={getForumThreads.key} fallback={<ListSkeleton rows={4} />}>
        <ForumBody
          courseId={courseId()}
          filter={filter()}
          onFilter={(next) => {
            setLimit(PAGE)
            setSearch(next, { replace: true })
          }}
          onMore={() => setLimit((n) => n + PAGE)}
        />
      </Boundary>
    </div>
  )
}

function ForumBody(props: {
  courseId: string
  filter: ForumFilter
  onFilter: (next: Filter) => void
  onMore: () => void
}) {
  const page = createAsync(() => getForumThreads(props.courseId, props.filter))
  return <Show when={page()}>{(p) => <ForumView page={p()} {...props} />}</Show>
}

function ForumView(props: {
  page: ForumThreadPage
  courseId: string
  filter: ForumFilter
  onFilter: (next: Filter) => void
  onMore: () => void
}) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const [composing, setComposing] = createSignal(false)
  const [words, setWords] = createSignal(props.filter.q ?? '')
  const writes = () => props.page.role !== 'reader'
  const filtered = () => Boolean(props.filter.category || props.filter.q || props.filter.review)
  const keep = () => ({
    category: props.filter.category,
    q: props.filter.q,
    review: props.filter.review ? 'true' : undefined,
  })
  let typing: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(typing))
  const find = (value: string) => {
    setWords(value)
    clearTimeout(typing)
    typing = setTimeout(
      () => props.onFilter({ category: props.filter.category, q: value.trim() || undefined }),
      300,
    )
  }
  return (
    <div class="space-y-6">
      <div class="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 class="text-2xl font-bold tracking-tight">{t('forum.title')}</h1>
          <p class="mt-1 text-sm text-muted">{writes() ? t('forum.intro') : t('forum.introReader')}</p>
        </div>
        <Show when={writes() && !composing()}>
          <Button onClick={() => setComposing(true)}>
            <Plus size={16} aria-hidden="true" />
            {t('forum.new')}
          </Button>
        </Show>
      </div>
      <Show when={composing()}>
        <NewThread
          courseId={props.courseId}
          role={props.page.role}
          onCancel={() => setComposing(false)}
          onPosted={(id) => navigate(`/t/${tenant().slug}/courses/${props.courseId}/forum/${id}`)}
        />
      </Show>
      <div class="flex flex-col gap-3 sm:flex-row sm:items-end">
        <CategoryFilter
          value={props.filter.category}
          onChange={(category) => props.onFilter({ ...keep(), category })}
        />
        <Show when={props.page.role === 'moderator'}>
          <button
            type="button"
            class="btn-secondary min-h-9 px-3 py-1 text-sm aria-pressed:border-primary aria-pressed:bg-primary/10 aria-pressed:text-primary"
            aria-pressed={Boolean(props.filter.review)}
            onClick={() => props.onFilter({ ...keep(), review: props.filter.review ? undefined : 'true' })}
          >
            {t('review.filter', { count: props.page.to_review })}
          </button>
        </Show>
        <TextField
          label={t('forum.search')}
          type="search"
          value={words()}
          onValue={find}
          class="sm:ml-auto sm:w-72"
          maxLength={100}
        />
      </div>
      <ThreadList page={props.page} filter={props.filter} filtered={filtered()} onMore={props.onMore} />
    </div>
  )
}

function CategoryFilter(props: { value?: ForumCategory; onChange: (value?: ForumCategory) => void }) {
  const options = [undefined, ...FORUM_CATEGORIES] as const
  return (
    <div role="group" aria-label={t('forum.filter')} class="flex flex-wrap gap-2">
      <For each={options}>
        {(option) => (
          <button
            type="button"
            class="btn-secondary min-h-9 px-3 py-1 text-sm aria-pressed:border-primary aria-pressed:bg-primary/10 aria-pressed:text-primary"
            aria-pressed={props.value === option}
            onClick={() => props.onChange(option)}
          >
            {option ? t(`forum.category.${option}`) : t('forum.all')}
          </button>
        )}
      </For>
    </div>
  )
}

function ThreadList(props: {
  page: ForumThreadPage
  filter: ForumFilter
  filtered: boolean
  onMore: () => void
}) {
  const empty = () =>
    props.filter.review
      ? [t('review.emptyTitle'), t('review.empty')]
      : props.filtered
        ? [t('forum.noMatchTitle'), t('forum.noMatch')]
        : [t('forum.emptyTitle'), props.page.role === 'reader' ? t('forum.emptyReader') : t('forum.empty')]
  const tenant = useTenant()
  return (
    <section aria-labelledby="forum-threads" class="space-y-3">
      <h2 id="forum-threads" class="sr-only">
        {t('forum.threads')}
      </h2>
      <Show
        when={props.page.threads.length > 0}
        fallback={
          <EmptyState icon={<MessagesSquare size={28} />} title={empty()[0] as string}>
            {empty()[1]}
          </EmptyState>
        }
      >
        <p class="text-sm text-muted" aria-live="polite">
          {t('forum.count', { count: props.page.total })}
        </p>
        <ul class="divide-y divide-line rounded-lg border border-line bg-surface">
          <For each={props.page.threads}>
            {(thread) => <ThreadRow thread={thread} slug={tenant().slug} />}
          </For>
        </ul>
        <Show when={props.page.threads.length < props.page.total}>
          <Button variant="secondary" onClick={props.onMore}>
            {t('forum.more')}
          </Button>
        </Show>
      </Show>
    </section>
  )
}
