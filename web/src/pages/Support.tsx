import { A, createAsync, revalidate, useSearchParams } from '@solidjs/router'
import BarChart3 from 'lucide-solid/icons/chart-column'
import Inbox from 'lucide-solid/icons/inbox'
import LifeBuoy from 'lucide-solid/icons/life-buoy'
import Plus from 'lucide-solid/icons/plus'
import Settings from 'lucide-solid/icons/settings'
import {
  batch,
  createEffect,
  createMemo,
  createSignal,
  ErrorBoundary,
  on,
  onCleanup,
  Show,
  Suspense,
} from 'solid-js'
import { queueTopic, Ticket } from '../../../edge/contract/support.ts'
import { errorMessage } from '../api/errors.ts'
import { updateAgent } from '../api/support.ts'
import { LiveIndicator } from '../components/Support/LiveIndicator.tsx'
import { NewTicketDialog } from '../components/Support/NewTicketDialog.tsx'
import { QueueFilters } from '../components/Support/QueueFilters.tsx'
import { MyTicketList, QueueTable } from '../components/Support/TicketRows.tsx'
import { useTenant } from '../components/Tenant/TenantContext.tsx'
import { Boundary } from '../components/UI/Boundary.tsx'
import { Button } from '../components/UI/Button.tsx'
import { EmptyState } from '../components/UI/EmptyState.tsx'
import { SwitchField } from '../components/UI/Field.tsx'
import { usePageTitle } from '../components/UI/Page.tsx'
import { ListSkeleton, Skeleton } from '../components/UI/Skeleton.tsx'
import { toast } from '../components/UI/Toaster.tsx'
import { plural } from '../lib/format.ts'
import { isSupportStaff } from '../lib/support-context.ts'
import {
  type QueueFilters as Filters,
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
  upsertTicket,
} from '../lib/support-queue.ts'
import { useApp } from '../state/AppContext.tsx'
import { useLiveTopic } from '../state/live.ts'
import { getAgents, getTickets, MY_TICKETS } from './Support.data.ts'

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
        <Queue />
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

function Queue() {
  const { session } = useApp()
  const tenant = useTenant()
  usePageTitle(() => `Support queue · ${tenant().name}`)
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
            Support queue
            <LiveIndicator />
          </h1>
          <p class="mt-1 text-sm text-muted">
            New tickets appear here as they arrive. Click one to answer it.
          </p>
        </div>
        <div class="flex flex-wrap items-center gap-2">
          <A href={`${base()}/report`} class="btn-secondary min-h-9 px-3 py-1.5">
            <BarChart3 size={16} aria-hidden="true" />
            Report
          </A>
          <A href={`${base()}/settings`} class="btn-secondary min-h-9 px-3 py-1.5">
            <Settings size={16} aria-hidden="true" />
            Settings
          </A>
        </div>
      </div>
      <ErrorBoundary fallback={null}>
        <Suspense fallback={<Skeleton class="mb-4 h-12 w-full rounded-xl" />}>
          <Availability myId={session.userId() ?? ''} />
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

/** The agent's own "Available" switch: whether round-robin gives them new tickets. */
function Availability(props: { myId: string }) {
  const tenant = useTenant()
  const agents = createAsync(() => getAgents(tenant().id))
  const me = () => agents()?.find((a) => a.user_id === props.myId)
  const [pending, setPending] = createSignal(false)
  return (
    <Show when={me()}>
      {(agent) => (
        <div class="card mb-4 flex flex-wrap items-center justify-between gap-3 px-4 py-3">
          <SwitchField
            label="Available for new tickets"
            checked={agent().available}
            description={
              agent().available
                ? `Round-robin gives you new tickets while this queue is open (you have ${plural(agent().open_tickets, 'open ticket')}, cap ${agent().max_open}).`
                : 'Round-robin skips you. Tickets already yours stay yours.'
            }
            onChange={async (available) => {
              if (pending()) return
              setPending(true)
              try {
                await updateAgent(tenant().id, props.myId, { available })
                await revalidate(getAgents.keyFor(tenant().id))
              } catch (e) {
                toast.error('Could not change your availability', errorMessage(e))
              } finally {
                setPending(false)
              }
            }}
          />
        </div>
      )}
    </Show>
  )
}

function QueueList(props: { filters: Filters; onClear: () => void }) {
  const { session } = useApp()
  const tenant = useTenant()
  const loaded = createAsync(() => getTickets(tenant().id, filtersToQuery(props.filters)))
  const [rows, setRows] = createSignal<Ticket[]>()
  const [fresh, setFresh] = createSignal(new Set<string>())
  const [announcement, setAnnouncement] = createSignal('')
  createEffect(on(loaded, (list) => list && setRows(list)))
  const list = () => rows() ?? loaded()
  let subscribedBefore = false

  let agentsTimer: ReturnType<typeof setTimeout> | undefined
  const refreshAgentsSoon = () => {
    clearTimeout(agentsTimer)
    agentsTimer = setTimeout(() => void revalidate(getAgents.keyFor(tenant().id)), 500)
  }
  onCleanup(() => clearTimeout(agentsTimer))
  useLiveTopic(() => queueTopic(tenant().id), {
    // After a reconnect: events sent meanwhile are gone, so load the queue again (and the agents:
    // the server marks this agent online on subscribe).
    onSubscribed: () => {
      if (subscribedBefore) void revalidate(getTickets.key)
      subscribedBefore = true
      void revalidate(getAgents.keyFor(tenant().id))
    },
    onEvent: (event) => {
      if (event.event !== 'ticket') return
      const parsed = Ticket.safeParse(event.data)
      if (!parsed.success) return
      const t = parsed.data
      const current = list() ?? []
      const before = current.find((x) => x.id === t.id)
      const isNew = !before
      // A ticket given to or taken from me changes my open count next to the Available switch.
      const me = session.userId()
      if (before?.assignee_id !== t.assignee_id && (t.assignee_id === me || before?.assignee_id === me))
        refreshAgentsSoon()
      const next = upsertTicket(current, t, props.filters, session.userId())
      batch(() => {
        setRows(next)
        if (isNew && next.some((x) => x.id === t.id)) {
          setFresh((s) => new Set(s).add(t.id))
          setAnnouncement(`New ticket #${t.number}: ${t.subject}`)
          setTimeout(
            () =>
              setFresh((s) => {
                const copy = new Set(s)
                copy.delete(t.id)
                return copy
              }),
            8000,
          )
        }
      })
    },
  })

  const isDefault = () => Object.values(filtersToSearch(props.filters)).every((v) => v === undefined)

  return (
    <Show when={list()}>
      {(tickets) => (
        <>
          <p class="sr-only" aria-live="polite">
            {announcement()}
          </p>
          <Show
            when={tickets().length > 0}
            fallback={
              <EmptyState
                icon={<Inbox size={28} />}
                title={isDefault() ? 'The queue is clear' : 'No tickets match these filters'}
              >
                <Show
                  when={!isDefault()}
                  fallback={<p>New tickets appear here the moment they are opened.</p>}
                >
                  <button type="button" class="link" onClick={props.onClear}>
                    Clear the filters
                  </button>
                </Show>
              </EmptyState>
            }
          >
            <p class="mb-2 text-sm text-muted">{plural(tickets().length, 'ticket')}</p>
            <QueueTable tickets={tickets()} fresh={fresh()} myId={session.userId() ?? ''} />
          </Show>
        </>
      )}
    </Show>
  )
}
