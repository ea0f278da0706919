import { A, createAsync } from '@solidjs/router'
import { For, Show } from 'solid-js'
import type { StaffHome as Home } from '../../../../edge/contract/home.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { withQuery } from '../../lib/navigation.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { PriorityBadge, SlaBadge } from '../support/components/Badges.tsx'
import { getStaffHome } from './api.ts'
import { HomeSkeleton } from './components/HomeSkeleton.tsx'
import { StatTile } from './components/StatTile.tsx'
import { HomeHeader } from './HomeHeader.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** A support agent's home: the queue at a glance (each figure opens the queue filtered) and their tickets. */
export function StaffHome() {
  const tenant = useTenant()
  return (
    <div class="space-y-8">
      <HomeHeader intro={t('staff.intro')} />
      <Boundary keys={getStaffHome.keyFor(tenant().id)} fallback={<HomeSkeleton />}>
        <Sections tenantId={tenant().id} />
      </Boundary>
    </div>
  )
}

function Sections(props: { tenantId: string }) {
  const tenant = useTenant()
  const home = createAsync(() => getStaffHome(props.tenantId))
  const queue = (filters: Record<string, string>) => withQuery(`/t/${tenant().slug}/support`, filters)
  return (
    <Show when={home()}>
      {(h) => (
        <div class="space-y-8">
          <section aria-labelledby="home-queue">
            <h2 id="home-queue" class="mb-4 text-lg font-semibold">
              {t('staff.queue')}
            </h2>
            <ul class="grid grid-cols-2 gap-3 sm:grid-cols-5">
              <StatTile label={t('staff.open')} value={h().open} href={queue({ status: 'open' })} />
              <StatTile label={t('staff.pending')} value={h().pending} href={queue({ status: 'pending' })} />
              <StatTile
                label={t('staff.unassigned')}
                value={h().unassigned}
                href={queue({ assignee: 'none' })}
              />
              <StatTile
                label={t('staff.breached')}
                value={h().breached}
                href={queue({ sla: 'breached' })}
                tone="danger"
              />
              <StatTile
                label={t('staff.warning')}
                value={h().warning}
                href={queue({ sla: 'warning' })}
                tone="warn"
              />
            </ul>
          </section>
          <Mine home={h()} />
        </div>
      )}
    </Show>
  )
}

function Mine(props: { home: Home }) {
  const tenant = useTenant()
  const base = () => `/t/${tenant().slug}/support`
  return (
    <section aria-labelledby="home-mine">
      <div class="mb-4 flex items-baseline justify-between gap-2">
        <h2 id="home-mine" class="text-lg font-semibold">
          {t('staff.mine')}
        </h2>
        <A href={withQuery(base(), { assignee: 'me' })} class="link text-sm">
          {t('staff.allMine')}
        </A>
      </div>
      <Show
        when={props.home.mine.length > 0}
        fallback={<p class="card p-4 text-sm text-muted">{t('staff.mineEmpty')}</p>}
      >
        <ul class="card divide-y divide-line">
          <For each={props.home.mine}>
            {(ticket) => (
              <li>
                <A
                  href={`${base()}/${ticket.id}`}
                  class="flex flex-wrap items-center gap-2 px-4 py-3 hover:bg-subtle/60"
                >
                  <span class="min-w-0 flex-1">
                    <span class="block truncate font-medium">{ticket.subject}</span>
                    <span class="block text-xs text-muted">
                      {t('tickets.number', { number: String(ticket.number) })}
                      <Show when={ticket.requester_name}>{(name) => <> · {name()}</>}</Show>
                    </span>
                  </span>
                  <PriorityBadge priority={ticket.priority} />
                  <SlaBadge state={ticket.sla_state} dueAt={ticket.sla_due_at} />
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
