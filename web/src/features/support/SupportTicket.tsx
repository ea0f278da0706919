import { A, createAsync, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import CircleCheck from 'lucide-solid/icons/circle-check'
import GitMerge from 'lucide-solid/icons/git-merge'
import Lock from 'lucide-solid/icons/lock'
import { createMemo, createSignal, For, onMount, Show } from 'solid-js'
import type { CannedReply, TicketDetail, TicketMessage } from '../../../../edge/contract/support.ts'
import { formatDateTime } from '../../lib/format.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { updateTicket } from './api.ts'
import { PriorityBadge, StatusBadge } from './components/Badges.tsx'
import { CannedReplyPicker } from './components/CannedReplyPicker.tsx'
import { Composer } from './components/Composer.tsx'
import { CsatPrompt, Stars } from './components/CsatPrompt.tsx'
import { LiveIndicator } from './components/LiveIndicator.tsx'
import { MessageList } from './components/MessageList.tsx'
import { NewTicketDialog } from './components/NewTicketDialog.tsx'
import { StaffPanel } from './components/StaffPanel.tsx'
import { getCannedReplies, getMessages, getTicket } from './SupportTicket.data.ts'
import { CATEGORY_LABELS, isSupportStaff } from './support-context.ts'
import { seenMessage, typingLabel } from './support-thread.ts'
import { useTicketThread } from './useTicketThread.ts'

/** /t/:slug/support/:ticketId — a ticket's live conversation; staff also get the ticket's controls. */
export default function SupportTicket() {
  const params = useParams()
  return (
    <Boundary
      keys={[getTicket.keyFor(params.ticketId ?? ''), getMessages.keyFor(params.ticketId ?? '')]}
      fallback={<ConversationSkeleton />}
    >
      <Show when={params.ticketId} keyed>
        {(id) => <TicketLoader id={id} />}
      </Show>
    </Boundary>
  )
}

function ConversationSkeleton() {
  return (
    <div role="status" class="space-y-4">
      <span class="sr-only">Loading…</span>
      <Skeleton class="h-4 w-32" />
      <Skeleton class="h-8 w-96 max-w-full" />
      <Skeleton class="h-96 w-full rounded-xl" />
    </div>
  )
}

function TicketLoader(props: { id: string }) {
  const ticket = createAsync(() => getTicket(props.id))
  const messages = createAsync(() => getMessages(props.id))
  // The conversation takes the first answers and keeps itself current from then on (live + catch-up).
  return (
    <Show when={ticket() && messages()}>
      <Conversation ticket={ticket() as TicketDetail} messages={messages() as TicketMessage[]} />
    </Show>
  )
}

function Conversation(props: { ticket: TicketDetail; messages: TicketMessage[] }) {
  const { session } = useApp()
  const tenant = useTenant()
  const me = { id: session.userId() ?? '', name: session.displayName() }
  const thread = useTicketThread({ ticket: props.ticket, messages: props.messages, me })
  const t = thread.ticket
  const staff = () => t().my_access === 'staff'
  const requester = () => t().requester_id === me.id
  usePageTitle(() => `#${t().number} ${t().subject} · Support`)
  const seen = createMemo(() => seenMessage(thread.messages(), t().reads, me.id, t().requester_id))

  const [canned, setCanned] = createSignal<CannedReply[]>([])
  onMount(() => {
    if (staff()) getCannedReplies(tenant().id).then(setCanned, () => {})
  })
  const cannedValues = () => ({
    requester_name: t().requester_name ?? '',
    agent_name: me.name,
    ticket_number: String(t().number),
    school_name: tenant().name,
  })

  const [confirmClose, setConfirmClose] = createSignal(false)
  const [newTicket, setNewTicket] = createSignal(false)
  const rateable = () =>
    requester() && !t().merged_into && (t().status === 'resolved' || t().status === 'closed')
  const back = () => `/t/${tenant().slug}/support`

  return (
    <div class={staff() ? 'grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]' : 'mx-auto max-w-3xl'}>
      <div class="min-w-0">
        <A href={back()} class="link mb-3 inline-flex items-center gap-1 text-sm">
          <ArrowLeft size={14} aria-hidden="true" />
          {staff() ? 'Support queue' : 'Your tickets'}
        </A>
        <div class="mb-4 flex flex-wrap items-start justify-between gap-3">
          <div class="min-w-0">
            <h1 class="text-xl font-bold tracking-tight break-words sm:text-2xl">{t().subject}</h1>
            <p class="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
              <span class="font-medium text-fg tabular-nums">#{t().number}</span>
              <StatusBadge status={t().status} />
              <Show when={staff()}>
                <PriorityBadge priority={t().priority} />
              </Show>
              <span>{CATEGORY_LABELS[t().category]}</span>
              <Show when={staff() && t().assignee_name}>
                <span>
                  · {t().assignee_id === me.id ? 'Assigned to you' : `Assigned to ${t().assignee_name}`}
                </span>
              </Show>
              <LiveIndicator />
            </p>
          </div>
          <Show when={requester() && t().status !== 'closed'}>
            <Button variant="secondary" class="min-h-9 px-3 py-1.5" onClick={() => setConfirmClose(true)}>
              Close ticket
            </Button>
          </Show>
        </div>

        <Show when={thread.refused()}>
          <p role="alert" class="mb-3 rounded-lg bg-warn-soft px-3 py-2 text-sm text-warn">
            Live updates are off for this ticket: {thread.refused()} Reload the page to see changes.
          </p>
        </Show>

        <section class="card flex flex-col overflow-hidden" aria-label="Messages">
          <MessageList
            messages={thread.messages()}
            myId={me.id}
            staffView={staff()}
            seen={seen()}
            typing={typingLabel(thread.typing())}
          />
          <p class="flex h-6 items-center gap-2 px-4 text-xs text-muted italic sm:px-5" aria-live="polite">
            <Show when={thread.typing().length > 0}>
              <span class="inline-flex gap-0.5" aria-hidden="true">
                <For each={[0, 1, 2]}>
                  {(i) => (
                    <span
                      class="size-1.5 animate-bounce rounded-full bg-muted"
                      style={{ 'animation-delay': `${i * 150}ms` }}
                    />
                  )}
                </For>
              </span>
            </Show>
            {typingLabel(thread.typing())}
          </p>

          <Show when={rateable()}>
            <CsatPrompt
              ticketId={t().id}
              rating={t().rating}
              canReply={t().status === 'resolved'}
              onRated={(rating) => thread.setTicket((old) => ({ ...old, rating }))}
            />
          </Show>

          <Show
            when={t().status !== 'closed'}
            fallback={
              <div class="flex flex-wrap items-center gap-3 border-t border-line bg-subtle/50 px-4 py-4 text-sm sm:px-5">
                <Show
                  when={t().merged_into}
                  fallback={
                    <>
                      <Lock size={16} class="text-muted" aria-hidden="true" />
                      <span class="flex-1">This ticket is closed. Need more help? Open a new ticket.</span>
                    </>
                  }
                >
                  {(into) => (
                    <>
                      <GitMerge size={16} class="text-muted" aria-hidden="true" />
                      <span class="flex-1">
                        This ticket was merged.{' '}
                        <A href={`${back()}/${into()}`} class="link">
                          Continue in the ticket it was merged into
                        </A>
                        .
                      </span>
                    </>
                  )}
                </Show>
                <Show when={requester() && !t().merged_into}>
                  <Button variant="secondary" class="min-h-9 px-3 py-1.5" onClick={() => setNewTicket(true)}>
                    New ticket
                  </Button>
                </Show>
              </div>
            }
          >
            <Composer
              staff={staff()}
              onSend={(body, internal) => thread.send(body, internal)}
              onTyping={thread.typed}
              onStopTyping={thread.stopTyping}
              tools={(insert) => (
                <CannedReplyPicker replies={canned()} values={cannedValues()} onPick={insert} />
              )}
            />
          </Show>
        </section>
      </div>

      <Show when={staff()}>
        <div class="space-y-4">
          <StaffPanel ticket={t()} myId={me.id} onChange={thread.setTicket} />
          <Show when={t().rating}>
            {(r) => (
              <section class="card p-4 text-sm">
                <h2 class="mb-2 flex items-center gap-1.5 font-semibold">
                  <CircleCheck size={15} class="text-success" aria-hidden="true" />
                  Requester’s rating
                </h2>
                <p class="flex items-center gap-2">
                  <Stars score={r().score} />
                  {r().score} out of 5
                </p>
                <Show when={r().comment}>
                  <blockquote class="mt-2 border-l-2 border-line pl-3 text-muted">{r().comment}</blockquote>
                </Show>
                <p class="mt-2 text-xs text-muted">{formatDateTime(r().created_at)}</p>
              </section>
            )}
          </Show>
        </div>
      </Show>

      <ConfirmDialog
        open={confirmClose()}
        onOpenChange={setConfirmClose}
        title="Close this ticket?"
        confirmLabel="Close ticket"
        onConfirm={async () => {
          thread.setTicket(await updateTicket(t().id, { status: 'closed' }))
          toast.success('Ticket closed')
        }}
      >
        Close it when you need no more help. A closed ticket cannot be reopened; you can always open a new
        one.
      </ConfirmDialog>
      <NewTicketDialog
        open={newTicket()}
        onOpenChange={setNewTicket}
        tenantId={tenant().id}
        slug={tenant().slug}
        staff={isSupportStaff(tenant().role)}
      />
    </div>
  )
}
