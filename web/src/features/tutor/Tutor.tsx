import { A, createAsync, revalidate, useNavigate, useParams, useSearchParams } from '@solidjs/router'
import Plus from 'lucide-solid/icons/plus'
import { createEffect, createSignal, ErrorBoundary, on, Show, Suspense } from 'solid-js'
import type { ConversationDetail } from '../../../../edge/contract/ai.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { ConversationList } from './components/ConversationList.tsx'
import { ConversationPane } from './components/ConversationPane.tsx'
import { StatusLine } from './components/StatusLine.tsx'
import { messages } from './messages.ts'
import { getConversation, getConversations, getTutorStatus, MINE } from './Tutor.data.ts'
import { createChat } from './useChat.ts'
import { useConversationList } from './useConversationList.ts'

const t = translator(messages)

/**
 * /t/:slug/tutor and /t/:slug/tutor/:id — the student's tutor: their past conversations, one open
 * (continued where it was), the question box. `?course=&lesson=` starts a new one about a lesson.
 * Stays mounted from /tutor to /tutor/:id, so a new conversation keeps streaming when it gets its id.
 */
export default function Tutor() {
  const tenant = useTenant()
  const params = useParams()
  const navigate = useNavigate()
  const [search] = useSearchParams<{ course?: string; lesson?: string }>()
  usePageTitle(() => t('page.title'))
  const base = () => `/t/${tenant().slug}/tutor`

  const chat = createChat({
    tenantId: () => tenant().id,
    context: () => ({
      ...(search.course ? { course_id: search.course } : {}),
      ...(search.lesson ? { lesson_id: search.lesson } : {}),
    }),
    onStarted: (id) => navigate(`${base()}/${id}`),
    onAnswered: () => void revalidate([getConversations.key, getTutorStatus.key]),
  })

  // The open conversation: loaded when the address names one this page is not already showing.
  const [detail, setDetail] = createSignal<ConversationDetail>()
  const [loading, setLoading] = createSignal(false)
  const [loadError, setLoadError] = createSignal<unknown>()
  let opening = 0
  async function open(id: string | undefined) {
    const mine = ++opening
    setLoadError(undefined)
    setDetail(undefined)
    chat.load(undefined)
    if (!id) return
    setLoading(true)
    try {
      const found = await getConversation(id)
      if (mine !== opening) return
      setDetail(found)
      chat.load(found)
    } catch (e) {
      if (mine === opening) setLoadError(e)
    } finally {
      if (mine === opening) setLoading(false)
    }
  }
  createEffect(
    on(
      () => params.id,
      (id) => {
        if (!id || id !== chat.conversationId()) void open(id)
      },
    ),
  )

  const courseId = () => detail()?.course_id ?? search.course
  const status = createAsync(() => getTutorStatus(tenant().id, courseId() ?? undefined))

  return (
    <div class="mx-auto max-w-6xl">
      <div class="mb-5 flex flex-wrap items-end justify-between gap-3">
        <div class="min-w-0">
          <h1 class="text-2xl font-bold tracking-tight sm:text-3xl">{t('page.heading')}</h1>
          <p class="mt-1 text-sm text-muted">{t('page.intro')}</p>
        </div>
        <a href="#tutor-history" class="link text-sm lg:hidden">
          {t('list.jump')}
        </a>
      </div>
      <div class="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
        <section class="min-w-0 lg:order-2" aria-label={t('chat.region')}>
          <ConversationPane
            chat={chat}
            detail={detail()}
            loading={loading()}
            loadError={loadError()}
            onRetry={() => void open(params.id)}
            context={{ course: search.course, lesson: search.lesson }}
            status={
              <ErrorBoundary fallback={null}>
                <Suspense>
                  <Show when={status()}>{(s) => <StatusLine status={s()} />}</Show>
                </Suspense>
              </ErrorBoundary>
            }
          />
        </section>
        <aside
          id="tutor-history"
          class="min-w-0 scroll-mt-20 lg:order-1"
          aria-labelledby="tutor-history-heading"
        >
          <div class="mb-3 flex items-center justify-between gap-2">
            <h2 id="tutor-history-heading" class="font-semibold">
              {t('list.heading')}
            </h2>
            <A href={base()} class="btn-secondary min-h-9 px-3 py-1.5 text-sm">
              <Plus size={15} aria-hidden="true" />
              {t('list.new')}
            </A>
          </div>
          <Boundary keys={getConversations.key} fallback={<ListSkeleton rows={3} />}>
            <History current={params.id} />
          </Boundary>
        </aside>
      </div>
    </div>
  )
}

function History(props: { current?: string }) {
  const tenant = useTenant()
  const list = useConversationList(
    () => tenant().id,
    () => MINE,
  )
  return (
    <Show when={list.loaded()}>
      <ConversationList
        items={list.items()}
        href={(id) => `/t/${tenant().slug}/tutor/${id}`}
        current={props.current}
        hasMore={list.hasMore()}
        loadingMore={list.loadingMore()}
        onMore={() => void list.more()}
        emptyTitle={t('list.emptyTitle')}
        emptyText={t('list.emptyText')}
      />
    </Show>
  )
}
