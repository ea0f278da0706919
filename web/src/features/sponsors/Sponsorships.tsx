import { createAsync } from '@solidjs/router'
import HandCoins from 'lucide-solid/icons/hand-coins'
import Lock from 'lucide-solid/icons/lock'
import Plus from 'lucide-solid/icons/plus'
import { createSignal, For, lazy, Show, Suspense } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton, Skeleton } from '../../ui/Skeleton.tsx'
import { SponsorshipCard } from './components/SponsorshipCard.tsx'
import { messages } from './messages.ts'
import { getSponsorships } from './Sponsorships.data.ts'

// The form (with its student search) is for admins only: partners never download it.
const NewSponsorship = lazy(() =>
  import('./components/NewSponsorship.tsx').then((m) => ({ default: m.NewSponsorship })),
)

const t = translator(messages)

/**
 * /t/:slug/sponsorships — owners and admins: every sponsorship of the school and "New
 * sponsorship"; a partner: its own, with Pay for those waiting for payment.
 */
export default function Sponsorships() {
  const tenant = useTenant()
  usePageTitle(() => t('list.docTitle', { school: tenant().name }))
  const admin = () => isAdminRole(tenant().role)
  const partner = () => tenant().role === 'partner'
  const [creating, setCreating] = createSignal(false)
  return (
    <div class="max-w-5xl space-y-6">
      <div class="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 class="text-2xl font-bold tracking-tight">{t('list.title')}</h1>
          <p class="mt-1 text-sm text-muted">
            {admin() ? t('list.adminIntro') : t('list.partnerIntro', { school: tenant().name })}
          </p>
        </div>
        <Show when={admin() && !creating()}>
          <Button onClick={() => setCreating(true)} class="shrink-0">
            <Plus size={16} aria-hidden="true" />
            {t('list.new')}
          </Button>
        </Show>
      </div>
      <Show
        when={admin() || partner()}
        fallback={
          <EmptyState icon={<Lock size={28} />} title={t('list.forbidden')}>
            {t('list.forbiddenText', { school: tenant().name })}
          </EmptyState>
        }
      >
        <Show when={creating()}>
          <Suspense fallback={<Skeleton class="h-96 w-full rounded-xl" />}>
            <NewSponsorship tenantId={tenant().id} onClose={() => setCreating(false)} />
          </Suspense>
        </Show>
        <Boundary keys={getSponsorships.keyFor(tenant().id)} fallback={<ListSkeleton rows={3} />}>
          <List tenantId={tenant().id} admin={admin()} />
        </Boundary>
      </Show>
    </div>
  )
}

function List(props: { tenantId: string; admin: boolean }) {
  const tenant = useTenant()
  const list = createAsync(() => getSponsorships(props.tenantId))
  return (
    <Show when={list()}>
      {(items) => (
        <Show
          when={items().length > 0}
          fallback={
            <EmptyState icon={<HandCoins size={28} />} title={t('list.emptyTitle')}>
              {props.admin ? t('list.emptyAdmin') : t('list.emptyPartner')}
            </EmptyState>
          }
        >
          <ul class="space-y-3" aria-label={t('list.label', { school: tenant().name })}>
            <For each={items()}>
              {(s) => (
                <SponsorshipCard
                  sponsorship={s}
                  href={`/t/${tenant().slug}/sponsorships/${s.id}`}
                  showSponsor={props.admin}
                  canPay={!props.admin}
                />
              )}
            </For>
          </ul>
        </Show>
      )}
    </Show>
  )
}
