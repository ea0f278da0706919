import { createAsync } from '@solidjs/router'
import Inbox from 'lucide-solid/icons/inbox'
import LifeBuoy from 'lucide-solid/icons/life-buoy'
import Plus from 'lucide-solid/icons/plus'
import { createSignal, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { NewTicketDialog } from './components/LazyNewTicketDialog.tsx'
import { SupportQueue } from './components/SupportQueue.tsx'
import { MyTicketList } from './components/TicketRows.tsx'
import { messages } from './messages.ts'
import { getTickets, MY_TICKETS } from './Support.data.ts'
import { isSupportStaff } from './support-context.ts'

const t = translator(messages)

/** /t/:slug/support — requesters: their tickets and "New ticket"; support staff: the live queue. */
export default function Support() {
  const tenant = useTenant()
  return (
    <Show
      when={tenant().role}
      fallback={
        <EmptyState icon={<LifeBuoy size={28} />} title={t('support.notMemberTitle')}>
          {t('support.notMemberText', { school: tenant().name })}
        </EmptyState>
      }
    >
      <Show when={isSupportStaff(tenant().role)} fallback={<MyTickets />}>
        <SupportQueue />
      </Show>
    </Show>
  )
}

function MyTickets() {
  const tenant = useTenant()
  usePageTitle(() => t('support.pageTitle', { school: tenant().name }))
  const [open, setOpen] = createSignal(false)
  return (
    <div>
      <div class="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 class="text-2xl font-bold tracking-tight">{t('support.heading')}</h1>
          <p class="mt-1 text-sm text-muted">{t('support.intro', { school: tenant().name })}</p>
        </div>
        <Button onClick={() => setOpen(true)}>
          <Plus size={16} aria-hidden="true" />
          {t('support.newTicket')}
        </Button>
      </div>
      <Boundary keys={getTickets.key} fallback={<ListSkeleton rows={3} />}>
        <MyTicketsList onNew={() => setOpen(true)} />
      </Boundary>
      <NewTicketDialog open={open()} onOpenChange={setOpen} tenantId={tenant().id} slug={tenant().slug} />
    </div>
  )
}

function MyTicketsList(props: { onNew: () => void }) {
  const tenant = useTenant()
  const tickets = createAsync(() => getTickets(tenant().id, { ...MY_TICKETS }))
  return (
    <Show when={tickets()}>
      {(list) => (
        <Show
          when={list().length > 0}
          fallback={
            <EmptyState icon={<Inbox size={28} />} title={t('support.emptyTitle')}>
              <p>{t('support.emptyText')}</p>
              <Button class="mt-4" onClick={props.onNew}>
                {t('support.askForHelp')}
              </Button>
            </EmptyState>
          }
        >
          <MyTicketList tickets={list()} />
        </Show>
      )}
    </Show>
  )
}
