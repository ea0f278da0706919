import { createAsync, useSearchParams } from '@solidjs/router'
import Plus from 'lucide-solid/icons/plus'
import Search from 'lucide-solid/icons/search'
import ShieldAlert from 'lucide-solid/icons/shield-alert'
import { createEffect, createSignal, For, lazy, Match, onCleanup, Show, Switch } from 'solid-js'
import type { AdminSchool } from '../../../../edge/contract/admin.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { Page } from '../../ui/Page.tsx'
import { ListSkeleton, PageSkeleton } from '../../ui/Skeleton.tsx'
import { type ConsoleFilter, filterOf, getAdminSchools, PAGE_SIZE, viewOf, weeksOf } from './Admin.data.ts'
import { consoleMessages } from './components/admin-messages.ts'
import { SchoolRow } from './components/admin-school-row.tsx'
import { ConsoleViews } from './components/admin-views.tsx'
import { PendingSchoolDeletionsPanel } from './components/SchoolDataSection.lazy.ts'
import { messages } from './messages.ts'

const t = translator(messages)
const c = translator(consoleMessages)

const CreateSchoolDialog = lazy(() => import('./components/admin-create-school.tsx'))
const StatusDialog = lazy(() => import('./components/admin-status-dialog.tsx'))
const PlanDialog = lazy(() => import('./components/admin-plan-dialog.tsx'))
const ImpersonatePeople = lazy(() => import('../impersonation/PeopleSearch.tsx'))
// The platform's dashboard and its charts load only when that view is opened.
const PlatformDashboard = lazy(() => import('./components/PlatformDashboard.tsx'))

/** What the console is doing to one school: suspending or reactivating it, or changing its plan. */
type Action = { kind: 'status' | 'plan'; school: AdminSchool }

/**
 * /admin — the platform console: super-admins search every school, create, suspend and re-plan them;
 * ?view=platform shows the whole platform week by week (?weeks=4|12|26|52).
 */
export default function Admin() {
  const { session } = useApp()
  const [params, setParams] = useSearchParams<{
    q?: string
    status?: string
    page?: string
    view?: string
    weeks?: string
  }>()
  const [text, setText] = createSignal(params.q ?? '')
  const [creating, setCreating] = createSignal(false)
  const [action, setAction] = createSignal<Action>()
  const view = () => viewOf(new URLSearchParams({ view: params.view ?? '' }))
  const weeks = () => weeksOf(new URLSearchParams(params.weeks ? { weeks: params.weeks } : {}))
  const filter = (): ConsoleFilter =>
    filterOf(
      new URLSearchParams({ q: params.q ?? '', status: params.status ?? '', page: params.page ?? '1' }),
    )

  createEffect(() => {
    const value = text().trim()
    const timer = setTimeout(() => {
      if (value !== (params.q ?? '')) setParams({ q: value || undefined, page: undefined }, { replace: true })
    }, 300)
    onCleanup(() => clearTimeout(timer))
  })

  return (
    <Page
      title={t('admin.title')}
      description={t('admin.text')}
      actions={
        <Show when={session.isSuperadmin()}>
          <Button onClick={() => setCreating(true)}>
            <Plus size={16} /> {c('console.create')}
          </Button>
        </Show>
      }
    >
      <Show
        when={session.isSuperadmin()}
        fallback={
          <EmptyState icon={<ShieldAlert size={28} />} title={t('admin.forbidden')}>
            {t('admin.forbiddenText')}
          </EmptyState>
        }
      >
        <ConsoleViews view={view()} />
        <Switch>
          <Match when={view() === 'platform'}>
            <Boundary fallback={<PageSkeleton rows={4} />}>
              <PlatformDashboard
                weeks={weeks()}
                onWeeks={(n) => setParams({ weeks: n === 12 ? undefined : String(n) })}
              />
            </Boundary>
          </Match>
          <Match when={view() === 'schools'}>
            <div class="mb-6 flex flex-wrap items-end gap-4">
              <div class="relative w-full max-w-md">
                <label for="admin-search" class="mb-1.5 block text-sm font-medium">
                  {t('admin.search')}
                </label>
                <Search size={16} class="pointer-events-none absolute bottom-3 left-3 text-muted" />
                <input
                  id="admin-search"
                  type="search"
                  class="input pl-9"
                  placeholder={t('admin.searchPlaceholder')}
                  value={text()}
                  onInput={(e) => setText(e.currentTarget.value)}
                />
              </div>
              <div>
                <label for="admin-status" class="mb-1.5 block text-sm font-medium">
                  {c('console.statusFilter')}
                </label>
                <select
                  id="admin-status"
                  class="input"
                  value={filter().status}
                  onChange={(e) => setParams({ status: e.currentTarget.value || undefined, page: undefined })}
                >
                  <option value="">{c('console.statusAll')}</option>
                  <option value="active">{c('console.active')}</option>
                  <option value="suspended">{c('console.suspended')}</option>
                </select>
              </div>
            </div>
            <Boundary keys={getAdminSchools.key} fallback={<ListSkeleton />}>
              <Results
                filter={filter()}
                onPage={(page) => setParams({ page: page > 1 ? String(page) : undefined })}
                onAction={setAction}
              />
            </Boundary>
            <Boundary fallback={<span />}>
              <ImpersonatePeople />
            </Boundary>
            <Boundary fallback={<span />}>
              <PendingSchoolDeletionsPanel />
            </Boundary>
          </Match>
        </Switch>
        <Show when={creating()}>
          <CreateSchoolDialog onClose={() => setCreating(false)} />
        </Show>
        <Show when={action()}>
          {(a) => (
            <Show
              when={a().kind === 'plan'}
              fallback={<StatusDialog school={a().school} onClose={() => setAction()} />}
            >
              <PlanDialog school={a().school} onClose={() => setAction()} />
            </Show>
          )}
        </Show>
      </Show>
    </Page>
  )
}

function Results(props: {
  filter: ConsoleFilter
  onPage: (page: number) => void
  onAction: (action: Action) => void
}) {
  const data = createAsync(() => getAdminSchools(props.filter))
  const from = () => (props.filter.page - 1) * PAGE_SIZE + 1
  return (
    <Show when={data()}>
      {(d) => (
        <Show
          when={d().schools.length > 0}
          fallback={
            <EmptyState
              title={props.filter.q ? t('admin.noMatch', { q: props.filter.q }) : t('admin.none')}
            />
          }
        >
          <p class="mb-3 text-sm text-muted" aria-live="polite">
            {props.filter.q
              ? t('admin.countMatching', { count: d().total, q: props.filter.q })
              : t('admin.count', { count: d().total })}
          </p>
          <div class="overflow-x-auto rounded-xl border border-line bg-surface">
            <table class="w-full min-w-[60rem] text-sm">
              <thead class="border-b border-line text-left text-xs tracking-wide text-muted uppercase">
                <tr>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {t('admin.name')}
                  </th>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {c('console.status')}
                  </th>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {c('console.plan')}
                  </th>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {t('admin.members')}
                  </th>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {c('console.usage')}
                  </th>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {t('admin.owners')}
                  </th>
                  <th scope="col" class="px-4 py-3 font-medium">
                    <span class="sr-only">{c('console.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody class="divide-y divide-line">
                <For each={d().schools}>
                  {(school) => (
                    <SchoolRow
                      school={school}
                      onStatus={() => props.onAction({ kind: 'status', school })}
                      onPlan={() => props.onAction({ kind: 'plan', school })}
                    />
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <nav
            class="mt-4 flex items-center justify-between gap-3 text-sm"
            aria-label={c('console.pageOf', {
              from: from(),
              to: from() + d().schools.length - 1,
              total: d().total,
            })}
          >
            <span class="text-muted">
              {c('console.pageOf', { from: from(), to: from() + d().schools.length - 1, total: d().total })}
            </span>
            <div class="flex gap-2">
              <Button
                variant="secondary"
                disabled={props.filter.page <= 1}
                onClick={() => props.onPage(props.filter.page - 1)}
              >
                {c('console.previous')}
              </Button>
              <Button
                variant="secondary"
                disabled={from() + d().schools.length - 1 >= d().total}
                onClick={() => props.onPage(props.filter.page + 1)}
              >
                {c('console.next')}
              </Button>
            </div>
          </nav>
        </Show>
      )}
    </Show>
  )
}
