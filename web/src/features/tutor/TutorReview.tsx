import { A, createAsync, useParams, useSearchParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import LifeBuoy from 'lucide-solid/icons/life-buoy'
import Lock from 'lucide-solid/icons/lock'
import { createEffect, createMemo, createSignal, Show } from 'solid-js'
import type { ConversationDetail, ConversationSummary } from '../../../../edge/contract/ai.ts'
import { formatDateTime } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton, PageSkeleton } from '../../ui/Skeleton.tsx'
import { ConversationList } from './components/ConversationList.tsx'
import { FlagBadge } from './components/FlagBadge.tsx'
import { ReviewFilters } from './components/ReviewFilters.tsx'
import { Transcript } from './components/Transcript.tsx'
import { messages } from './messages.ts'
import { guessLanguage } from './speech.ts'
import { canReview, getConversation, getConversations, reviewFilters } from './TutorReview.data.ts'
import { useConversationList } from './useConversationList.ts'

const t = translator(messages)

/**
 * /t/:slug/tutor/review and /t/:slug/tutor/review/:id — teachers and admins read their students'
 * tutor conversations (read-only), flagged ones first; a notification about a flag opens one here.
 */
export default function TutorReview() {
  const tenant = useTenant()
  const params = useParams()
  usePageTitle(() => t('review.title'))
  return (
    <Show
      when={canReview(tenant().role)}
      fallback={
        <EmptyState icon={<Lock size={28} />} title={t('review.forbidden')}>
          {t('review.forbiddenText')}
        </EmptyState>
      }
    >
      <div class="mx-auto max-w-6xl">
        <h1 class="text-2xl font-bold tracking-tight sm:text-3xl">{t('review.title')}</h1>
        <p class="mt-1 mb-5 text-sm text-muted">{t('review.intro')}</p>
        <div class="grid gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
          <Show when={params.id}>
            {(id) => (
              <section class="min-w-0 lg:order-2" aria-label={t('review.transcript')}>
                <Boundary keys={getConversation.keyFor(id())} fallback={<PageSkeleton rows={1} />}>
                  <ReviewDetail id={id()} />
                </Boundary>
              </section>
            )}
          </Show>
          <aside class="min-w-0 lg:order-1" aria-label={t('review.listLabel')}>
            <ReviewList current={params.id} />
          </aside>
        </div>
      </div>
    </Show>
  )
}

function ReviewList(props: { current?: string }) {
  const [search, setSearch] = useSearchParams<{ flagged?: string; course?: string }>()
  const filters = createMemo(() => reviewFilters({ flagged: search.flagged, course: search.course }))
  const [courses, setCourses] = createSignal(new Map<string, string>())
  const remember = (items: ConversationSummary[]) => {
    const known = courses()
    if (items.every((c) => !c.course_id || known.has(c.course_id))) return
    const next = new Map(known)
    for (const c of items) if (c.course_id) next.set(c.course_id, c.course_title ?? '')
    setCourses(next)
  }
  return (
    <>
      <ReviewFilters
        flagged={search.flagged === 'true'}
        course={search.course ?? ''}
        courses={courses()}
        onFlagged={(on) => setSearch({ flagged: on ? 'true' : undefined })}
        onCourse={(id) => setSearch({ course: id || undefined })}
      />
      <Boundary keys={getConversations.key} fallback={<ListSkeleton rows={4} />}>
        <ReviewItems current={props.current} filters={filters()} onItems={remember} />
      </Boundary>
    </>
  )
}

function ReviewItems(props: {
  current?: string
  filters: ReturnType<typeof reviewFilters>
  onItems: (items: ConversationSummary[]) => void
}) {
  const tenant = useTenant()
  const [search] = useSearchParams()
  const list = useConversationList(
    () => tenant().id,
    () => props.filters,
  )
  createEffect(() => {
    if (list.loaded()) props.onItems(list.items())
  })
  const query = () => {
    const q = new URLSearchParams(search as Record<string, string>).toString()
    return q ? `?${q}` : ''
  }
  return (
    <Show when={list.loaded()}>
      <ConversationList
        items={list.items()}
        href={(id) => `/t/${tenant().slug}/tutor/review/${id}${query()}`}
        current={props.current}
        review
        hasMore={list.hasMore()}
        loadingMore={list.loadingMore()}
        onMore={() => void list.more()}
        emptyTitle={t('review.emptyTitle')}
        emptyText={t('review.emptyText')}
      />
    </Show>
  )
}

function ReviewDetail(props: { id: string }) {
  const tenant = useTenant()
  const detail = createAsync(() => getConversation(props.id))
  const chatMessages = () =>
    (detail()?.messages ?? []).map((m) => ({ ...m, language: guessLanguage(m.content) }))
  return (
    <Show when={detail()}>
      {(d) => (
        <div class="card">
          <header class="space-y-1 border-b border-line px-4 py-3 sm:px-5">
            <A
              href={`/t/${tenant().slug}/tutor/review`}
              class="link inline-flex items-center gap-1 text-sm lg:hidden"
            >
              <ArrowLeft size={14} aria-hidden="true" />
              {t('review.back')}
            </A>
            <Show when={d().flagged_at}>
              <p>
                <FlagBadge reason={d().flag_reason} />
              </p>
            </Show>
            <h2 class="font-semibold break-words">{d().title}</h2>
            <p class="text-sm text-muted">
              <ReviewFacts detail={d()} />
            </p>
            <Show when={d().ticket_id}>
              {(ticket) => (
                <A
                  href={`/t/${tenant().slug}/support/${ticket()}`}
                  class="link inline-flex items-center gap-1 text-sm"
                >
                  <LifeBuoy size={14} aria-hidden="true" />
                  {t('review.ticket')}
                </A>
              )}
            </Show>
          </header>
          <div class="px-3 py-4 sm:px-5">
            <Transcript
              messages={chatMessages()}
              slug={tenant().slug}
              asker={d().student_name}
              highlightFlagged
            />
          </div>
          <p class="border-t border-line px-4 py-3 text-xs text-muted sm:px-5">{t('review.readOnly')}</p>
        </div>
      )}
    </Show>
  )
}

function ReviewFacts(props: { detail: ConversationDetail }) {
  const about = () => props.detail.lesson_title ?? props.detail.course_title
  return (
    <>
      {t('review.by', { name: props.detail.student_name })}
      <Show when={about()}>{(a) => <> · {a()}</>}</Show> · {formatDateTime(props.detail.created_at)}
    </>
  )
}
