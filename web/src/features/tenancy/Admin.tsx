import { A, createAsync, useSearchParams } from '@solidjs/router'
import Search from 'lucide-solid/icons/search'
import ShieldAlert from 'lucide-solid/icons/shield-alert'
import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { Page } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { getAdminTenants } from './Admin.data.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** /admin — platform super-admins search every school. */
export default function Admin() {
  const { session } = useApp()
  const [params, setParams] = useSearchParams<{ q?: string }>()
  const [text, setText] = createSignal(params.q ?? '')

  createEffect(() => {
    const value = text().trim()
    const timer = setTimeout(() => {
      if (value !== (params.q ?? '')) setParams({ q: value || undefined }, { replace: true })
    }, 300)
    onCleanup(() => clearTimeout(timer))
  })

  return (
    <Page title={t('admin.title')} description={t('admin.text')}>
      <Show
        when={session.isSuperadmin()}
        fallback={
          <EmptyState icon={<ShieldAlert size={28} />} title={t('admin.forbidden')}>
            {t('admin.forbiddenText')}
          </EmptyState>
        }
      >
        <div class="relative mb-6 max-w-md">
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
        <Boundary keys={getAdminTenants.key} fallback={<ListSkeleton />}>
          <Results q={params.q ?? ''} />
        </Boundary>
      </Show>
    </Page>
  )
}

function Results(props: { q: string }) {
  const data = createAsync(() => getAdminTenants(props.q))
  return (
    <Show when={data()}>
      {(d) => (
        <Show
          when={d().tenants.length > 0}
          fallback={<EmptyState title={props.q ? t('admin.noMatch', { q: props.q }) : t('admin.none')} />}
        >
          <p class="mb-3 text-sm text-muted" aria-live="polite">
            {props.q
              ? t('admin.countMatching', { count: d().total, q: props.q })
              : t('admin.count', { count: d().total })}
          </p>
          <div class="overflow-x-auto rounded-xl border border-line bg-surface">
            <table class="w-full min-w-[40rem] text-sm">
              <thead class="border-b border-line text-left text-xs tracking-wide text-muted uppercase">
                <tr>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {t('admin.name')}
                  </th>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {t('admin.address')}
                  </th>
                  <th scope="col" class="px-4 py-3 text-right font-medium">
                    {t('admin.members')}
                  </th>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {t('admin.owners')}
                  </th>
                  <th scope="col" class="px-4 py-3 font-medium">
                    {t('admin.created')}
                  </th>
                </tr>
              </thead>
              <tbody class="divide-y divide-line">
                <For each={d().tenants}>
                  {(t) => (
                    <tr class="hover:bg-subtle/50">
                      <td class="px-4 py-3 font-medium">
                        <A href={`/t/${t.slug}`} class="link">
                          {t.name}
                        </A>
                      </td>
                      <td class="px-4 py-3 font-mono text-xs text-muted">{t.slug}</td>
                      <td class="px-4 py-3 text-right tabular-nums">{t.member_count}</td>
                      <td class="px-4 py-3 text-muted">{t.owner_emails.join(', ') || '—'}</td>
                      <td class="px-4 py-3 whitespace-nowrap text-muted">{formatDate(t.created_at)}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Show>
      )}
    </Show>
  )
}
