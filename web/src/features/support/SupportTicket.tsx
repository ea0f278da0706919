import { A, createAsync, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import CircleCheck from 'lucide-solid/icons/circle-check'
import GitMerge from 'lucide-solid/icons/git-merge'
import Lock from 'lucide-solid/icons/lock'
import { createMemo, createSignal, For, lazy, onMount, Show, Suspense } from 'solid-js'
import type { CannedReply, TicketDetail, TicketMessage } from '../../../../edge/contract/support.ts'
import { formatDateTime } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { messageFiles } from '../files/message-files.ts'
import { updateTicket } from './api.ts'
import { PriorityBadge, StatusBadge } from './components/Badges.tsx'
import { CannedReplyPicker } from './components/CannedReplyPicker.tsx'
import { Composer } from './components/Composer.tsx'
import { NewTicketDialog } from './components/LazyNewTicketDialog.tsx'
import { LiveIndicator } from './components/LiveIndicator.tsx'
import { MessageList } from './components/MessageList.tsx'
import { StaffPanel } from './components/StaffPanel.tsx'
import { Stars } from './components/Stars.tsx'
import { messages } from './messages.ts'
import { getCannedReplies, getMessages, getTicket } from './SupportTicket.data.ts'
import { categoryLabel, isSupportStaff } from './support-context.ts'
import { seenMessage, typingLabel } from './support-thread.ts'
import { useTicketThread } from './useTicketThread.ts'

// Only a resolved ticket's requester rates it: the form loads then, not with every ticket.
const CsatPrompt = lazy(() => import('./components/CsatPrompt.tsx').then((m) => ({ default: m.CsatPrompt })))

const t = translator(messages)

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
      <span class="sr-only">{t('ticket.loading')}</span>
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
  const ticket = thread.ticket
  const staff = () => ticket().my_access === 'staff'
  const requester = () => ticket().requester_id === me.id
  usePageTitle(() => t('ticket.pageTitle', { number: String(ticket().number), subject: ticket().subject }))
  const seen = createMemo(() => seenMessage(thread.messages(), ticket().reads, me.id, ticket().requester_id))

  const [canned, setCanned] = createSignal<CannedReply[]>([])
  onMount(() => {
    if (staff()) getCannedReplies(tenant().id).then(setCanned, () => {})
  })
  const cannedValues = () => ({
    requester_name: ticket().requester_name ?? '',
    agent_name: me.name,
    ticket_number: String(ticket().number),
    school_name: tenant().name,
  })

  const [confirmClose, setConfirmClose] = createSignal(false)
  const [newTicket, setNewTicket] = createSignal(false)
  const rateable = () =>
    requester() && !ticket().merged_into && (ticket().status === 'resolved' || ticket().status === 'closed')
  const back = () => `/t/${tenant().slug}/support`

  return (
    <div class={staff() ? 'grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]' : 'mx-auto max-w-3xl'}>
      <div class="min-w-0">
        <A href={back()} class="link mb-3 inline-flex items-center gap-1 text-sm">
          <ArrowLeft size={14} aria-hidden="true" />
          {staff() ? t('queue.heading') : t('support.yourTickets')}
        </A>
        <div class="mb-4 flex flex-wrap items-start justify-between gap-3">
          <div class="min-w-0">
            <h1 class="text-xl font-bold tracking-tight break-words sm:text-2xl">{ticket().subject}</h1>
            <p class="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-muted">
              <span class="font-medium text-fg tabular-nums">#{ticket().number}</span>
              <StatusBadge status={ticket().status} />
              <Show when={staff()}>
                <PriorityBadge priority={ticket().priority} />
              </Show>
              <span>{categoryLabel(ticket().category)}</span>
              <Show when={staff() && ticket().assignee_name}>
                <span>
                  ·{' '}
                  {ticket().assignee_id === me.id
                    ? t('ticket.assignedToYou')
                    : t('ticket.assignedTo', { name: ticket().assignee_name ?? '' })}
                </span>
              </Show>
              <LiveIndicator />
            </p>
          </div>
          <Show when={requester() && ticket().status !== 'closed'}>
            <Button variant="secondary" class="min-h-9 px-3 py-1.5" onClick={() => setConfirmClose(true)}>
              {t('ticket.close')}
            </Button>
          </Show>
        </div>

        <Show when={thread.refused()}>
          <p role="alert" class="mb-3 rounded-lg bg-warn-soft px-3 py-2 text-sm text-warn">
            {t('ticket.liveOff', { reason: thread.refused() ?? '' })}
          </p>
        </Show>

        <section class="card flex flex-col overflow-hidden" aria-label={t('ticket.messages')}>
          <MessageList
            messages={thread.messages()}
            myId={me.id}
            staffView={staff()}
            seen={seen()}
            typing={typingLabel(thread.typing())}
            pending={thread.pending()}
            onRetry={thread.retryPending}
            onDiscard={thread.discardPending}
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
            <Suspense>
              <CsatPrompt
                ticketId={ticket().id}
                rating={ticket().rating}
                canReply={ticket().status === 'resolved'}
                onRated={(rating) => thread.setTicket((old) => ({ ...old, rating }))}
              />
            </Suspense>
          </Show>

          <Show
            when={ticket().status !== 'closed'}
            fallback={
              <div class="flex flex-wrap items-center gap-3 border-t border-line bg-subtle/50 px-4 py-4 text-sm sm:px-5">
                <Show
                  when={ticket().merged_into}
                  fallback={
                    <>
                      <Lock size={16} class="text-muted" aria-hidden="true" />
                      <span class="flex-1">{t('ticket.closedText')}</span>
                    </>
                  }
                >
                  {(into) => (
                    <>
                      <GitMerge size={16} class="text-muted" aria-hidden="true" />
                      <span class="flex-1">
                        {t('ticket.merged')}{' '}
                        <A href={`${back()}/${into()}`} class="link">
                          {t('ticket.mergedLink')}
                        </A>
                        .
                      </span>
                    </>
                  )}
                </Show>
                <Show when={requester() && !ticket().merged_into}>
                  <Button variant="secondary" class="min-h-9 px-3 py-1.5" onClick={() => setNewTicket(true)}>
                    {t('support.newTicket')}
                  </Button>
                </Show>
              </div>
            }
          >
            <Composer
              staff={staff()}
              onSend={(body, internal, files) => thread.send(body, internal, files)}
              attach={messageFiles('ticket-attachments', `${ticket().tenant_id}/${ticket().id}`)}
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
          <StaffPanel ticket={ticket()} myId={me.id} onChange={thread.setTicket} />
          <Show when={ticket().rating}>
            {(r) => (
              <section class="card p-4 text-sm">
                <h2 class="mb-2 flex items-center gap-1.5 font-semibold">
                  <CircleCheck size={15} class="text-success" aria-hidden="true" />
                  {t('ticket.rating')}
                </h2>
                <p class="flex items-center gap-2">
                  <Stars score={r().score} />
                  {t('csat.outOfFive', { score: r().score })}
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
        title={t('ticket.closeTitle')}
        confirmLabel={t('ticket.close')}
        onConfirm={async () => {
          thread.setTicket(await updateTicket(ticket().id, { status: 'closed' }))
          toast.success(t('ticket.closed'))
        }}
      >
        {t('ticket.closeText')}
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
