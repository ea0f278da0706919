import { A, createAsync, useSearchParams } from '@solidjs/router'
import BarChart3 from 'lucide-solid/icons/chart-column'
import Inbox from 'lucide-solid/icons/inbox'
import Settings from 'lucide-solid/icons/settings'
import { createMemo, ErrorBoundary, Show, Suspense } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Boundary } from '../../../ui/Boundary.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { usePageTitle } from '../../../ui/Page.tsx'
import { ListSkeleton, Skeleton } from '../../../ui/Skeleton.tsx'
import { getAgents, getTickets } from '../api.ts'
import { messages } from '../messages.ts'
import { type QueueFilters as Filters, filtersFromSearch, filtersToSearch } from '../support-queue.ts'
import { useLiveQueue } from '../useLiveQueue.ts'
import { AgentAvailability } from './AgentAvailability.tsx'
import { LiveIndicator } from './LiveIndicator.tsx'
import { QueueFilters } from './QueueFilters.tsx'
import { QueueTable } from './TicketRows.tsx'

const t = translator(messages)

/** The support staff's live queue: their availability, the filters (in the URL) and the tickets. */
export function SupportQueue() {
  const { session } = useApp()
  const tenant = useTenant()
  usePageTitle(() => t('queue.pageTitle', { school: tenant().name }))
  const [search, setSearch] = useSearchParams()
  const filters = createMemo(() => filtersFromSearch(search))
  const setFilters = (next: Filters) => setSearch(filtersToSearch(next), { replace: true })
  const agents = createAsync(() => getAgents(tenant().id).catch(() => []))
  const base = () => `/t/${tenant().slug}/support`

  return (
    <div>
      <div class="mb-5 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 class="flex items-center gap-3 text-2xl font-bold tracking-tight">
            {t('queue.heading')}
            <LiveIndicator />
          </h1>
          <p class="mt-1 text-sm text-muted">{t('queue.intro')}</p>
        </div>
        <div class="flex flex-wrap items-center gap-2">
          <A href={`${base()}/report`} class="btn-secondary min-h-9 px-3 py-1.5">
            <BarChart3 size={16} aria-hidden="true" />
            {t('queue.report')}
          </A>
          <A href={`${base()}/settings`} class="btn-secondary min-h-9 px-3 py-1.5">
            <Settings size={16} aria-hidden="true" />
            {t('queue.settings')}
          </A>
        </div>
      </div>
      <ErrorBoundary fallback={null}>
        <Suspense fallback={<Skeleton class="mb-4 h-12 w-full rounded-xl" />}>
          <AgentAvailability myId={session.userId() ?? ''} />
        </Suspense>
      </ErrorBoundary>
      <QueueFilters
        filters={filters()}
        agents={agents() ?? []}
        myId={session.userId() ?? ''}
        onChange={setFilters}
      />
      <Boundary keys={getTickets.key} fallback={<ListSkeleton rows={5} />}>
        <QueueList filters={filters()} onClear={() => setFilters(filtersFromSearch({}))} />
      </Boundary>
    </div>
  )
}

function QueueList(props: { filters: Filters; onClear: () => void }) {
  const { session } = useApp()
  const queue = useLiveQueue(() => props.filters)
  const isDefault = () => Object.values(filtersToSearch(props.filters)).every((v) => v === undefined)

  return (
    <Show when={queue.list()}>
      {(tickets) => (
        <>
          <p class="sr-only" aria-live="polite">
            {queue.announcement()}
          </p>
          <Show
            when={tickets().length > 0}
            fallback={
              <EmptyState
                icon={<Inbox size={28} />}
                title={isDefault() ? t('queue.clear') : t('queue.noMatch')}
              >
                <Show when={!isDefault()} fallback={<p>{t('queue.clearText')}</p>}>
                  <button type="button" class="link" onClick={props.onClear}>
                    {t('queue.clearFilters')}
                  </button>
                </Show>
              </EmptyState>
            }
          >
            <p class="mb-2 text-sm text-muted">{t('queue.count', { count: tickets().length })}</p>
            <QueueTable tickets={tickets()} fresh={queue.fresh()} myId={session.userId() ?? ''} />
          </Show>
        </>
      )}
    </Show>
  )
}
