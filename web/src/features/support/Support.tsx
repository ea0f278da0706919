import { createAsync } from '@solidjs/router'
import Inbox from 'lucide-solid/icons/inbox'
import LifeBuoy from 'lucide-solid/icons/life-buoy'
import Plus from 'lucide-solid/icons/plus'
import { createSignal, Show } from 'solid-js'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { NewTicketDialog } from './components/NewTicketDialog.tsx'
import { SupportQueue } from './components/SupportQueue.tsx'
import { MyTicketList } from './components/TicketRows.tsx'
import { getTickets, MY_TICKETS } from './Support.data.ts'
import { isSupportStaff } from './support-context.ts'

/** /t/:slug/support — requesters: their tickets and "New ticket"; support staff: the live queue. */
export default function Support() {
  const tenant = useTenant()
  return (
    <Show
      when={tenant().role}
      fallback={
        <EmptyState icon={<LifeBuoy size={28} />} title="Support is for the school’s members">
          You are visiting {tenant().name} as a platform admin. Its members ask for help here, and its staff
          answer.
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
  usePageTitle(() => `Support · ${tenant().name}`)
  const [open, setOpen] = createSignal(false)
  return (
    <div>
      <div class="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 class="text-2xl font-bold tracking-tight">Support</h1>
          <p class="mt-1 text-sm text-muted">
            Ask {tenant().name}’s support team for help. Replies appear here live, and in the bell.
          </p>
        </div>
        <Button onClick={() => setOpen(true)}>
          <Plus size={16} aria-hidden="true" />
          New ticket
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
            <EmptyState icon={<Inbox size={28} />} title="No tickets yet">
              <p>Something not working, or a question about fees or a lesson? Ask the school.</p>
              <Button class="mt-4" onClick={props.onNew}>
                Ask for help
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
