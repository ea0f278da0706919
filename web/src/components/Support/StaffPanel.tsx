import { A, createAsync, useNavigate } from '@solidjs/router'
import ExternalLink from 'lucide-solid/icons/external-link'
import GitMerge from 'lucide-solid/icons/git-merge'
import UserCheck from 'lucide-solid/icons/user-check'
import { createSignal, createUniqueId, ErrorBoundary, For, type JSX, Show, Suspense } from 'solid-js'
import type {
  SupportAgent,
  Ticket,
  TicketDetail,
  UpdateTicketBody,
} from '../../../../edge/contract/support.ts'
import { errorMessage } from '../../api/errors.ts'
import { assignTicket, getAgents, mergeTicket, updateTicket } from '../../api/support.ts'
import { formatDateTime } from '../../lib/format.ts'
import { api } from '../../lib/runtime.ts'
import {
  CATEGORY_LABELS,
  contextLinks,
  PRIORITY_LABELS,
  STATUS_HINTS,
  STATUS_LABELS,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from '../../lib/support-context.ts'
import { clockTone, countdownText, latestClocks, SLA_TARGET_LABELS } from '../../lib/support-sla.ts'
import { shortTime } from '../../lib/support-thread.ts'
import { useNow } from '../../state/now.ts'
import { useTenant } from '../Tenant/TenantContext.tsx'
import { Button } from '../UI/Button.tsx'
import { SelectField } from '../UI/Field.tsx'
import { FormDialog } from '../UI/FormDialog.tsx'
import { Skeleton } from '../UI/Skeleton.tsx'
import { toast } from '../UI/Toaster.tsx'
import { TONE_CLASSES } from './Badges.tsx'

/** A labelled native select that saves on change and puts the old value back when saving fails. */
function SavingSelect(props: {
  label: string
  value: string
  options: { value: string; label: string }[]
  onSave: (value: string) => Promise<void>
  hint?: string
}) {
  const id = createUniqueId()
  const [pending, setPending] = createSignal(false)
  return (
    <div>
      <label for={id} class="mb-1 block text-xs font-medium text-muted">
        {props.label}
      </label>
      <select
        id={id}
        class="input min-h-9 py-1.5"
        value={props.value}
        disabled={pending()}
        aria-busy={pending() ? 'true' : undefined}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={async (e) => {
          const el = e.currentTarget
          const next = el.value
          setPending(true)
          try {
            await props.onSave(next)
          } catch (err) {
            el.value = props.value
            toast.error(`Could not change ${props.label.toLowerCase()}`, errorMessage(err))
          } finally {
            setPending(false)
          }
        }}
      >
        <For each={props.options}>
          {(o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
      <Show when={props.hint}>
        <p id={`${id}-hint`} class="mt-1 text-xs text-muted">
          {props.hint}
        </p>
      </Show>
    </div>
  )
}

function Section(props: { title: string; children: JSX.Element; action?: JSX.Element }) {
  return (
    <section class="card p-4">
      <div class="mb-3 flex items-center justify-between gap-2">
        <h2 class="text-sm font-semibold">{props.title}</h2>
        {props.action}
      </div>
      {props.children}
    </section>
  )
}

/**
 * The staff side of a conversation: status, priority, category, assignee (me, someone, automatic),
 * SLA clocks counting down, where the ticket was opened from, and merging a duplicate.
 */
export function StaffPanel(props: {
  ticket: TicketDetail
  myId: string
  onChange: (ticket: TicketDetail) => void
}) {
  const tenant = useTenant()
  const t = () => props.ticket
  const closed = () => t().status === 'closed'

  const patch = async (body: UpdateTicketBody) => props.onChange(await updateTicket(t().id, body))

  return (
    <aside class="space-y-4" aria-label="Ticket details">
      <Section title="Ticket">
        <div class="space-y-3">
          <SavingSelect
            label="Status"
            value={t().status}
            options={TICKET_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            hint={STATUS_HINTS[t().status]}
            onSave={(status) => patch({ status: status as Ticket['status'] })}
          />
          <SavingSelect
            label="Priority"
            value={t().priority}
            options={TICKET_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
            onSave={(priority) => patch({ priority: priority as Ticket['priority'] })}
          />
          <SavingSelect
            label="Category"
            value={t().category}
            options={TICKET_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
            onSave={(category) => patch({ category: category as Ticket['category'] })}
          />
          <ErrorBoundary fallback={(e) => <p class="text-sm text-danger">{errorMessage(e)}</p>}>
            <Suspense fallback={<Skeleton class="h-14 w-full" />}>
              <AssigneeField ticket={t()} myId={props.myId} onChange={props.onChange} />
            </Suspense>
          </ErrorBoundary>
        </div>
      </Section>

      <Section title="SLA">
        <SlaClocks ticket={t()} />
      </Section>

      <Section title="Requester">
        <p class="text-sm font-medium">{t().requester_name ?? 'Unknown'}</p>
        <Show when={t().requester_email}>
          {(email) => (
            <a href={`mailto:${email()}`} class="link block text-xs break-all">
              {email()}
            </a>
          )}
        </Show>
        <p class="mt-0.5 text-xs text-muted">Opened {formatDateTime(t().created_at)}</p>
        <Show when={contextLinks(t().context, tenant().slug).length > 0}>
          <h3 class="mt-3 text-xs font-medium text-muted">Opened from</h3>
          <ul class="mt-1 space-y-1 text-sm">
            <For each={contextLinks(t().context, tenant().slug)}>
              {(link) => (
                <li class="min-w-0">
                  <Show when={link.href} fallback={<span class="break-words">{link.label}</span>}>
                    {(href) => (
                      <A href={href()} class="link inline-flex max-w-full items-center gap-1 break-all">
                        <ExternalLink size={13} class="shrink-0" aria-hidden="true" />
                        {link.label}
                      </A>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Section>

      <Show when={!closed() && !t().merged_into}>
        <MergeSection ticket={t()} />
      </Show>
    </aside>
  )
}

function AssigneeField(props: { ticket: TicketDetail; myId: string; onChange: (t: TicketDetail) => void }) {
  const tenant = useTenant()
  const agents = createAsync(() => getAgents(tenant().id))
  const options = () => {
    const list: { value: string; label: string }[] = [{ value: '', label: 'Unassigned' }]
    const people = agents() ?? []
    const me = people.find((a) => a.user_id === props.myId)
    list.push({ value: props.myId, label: `Me${me ? ` (${me.name})` : ''}` })
    for (const a of people)
      if (a.user_id !== props.myId) list.push({ value: a.user_id, label: agentLabel(a) })
    // Someone no longer on the desk can still hold the ticket: keep them selectable.
    const current = props.ticket.assignee_id
    if (current && !list.some((o) => o.value === current))
      list.push({ value: current, label: props.ticket.assignee_name ?? 'Someone else' })
    list.push({ value: 'auto', label: 'Automatic (round-robin)' })
    return list
  }
  const save = async (value: string) => {
    const body = value === 'auto' ? { auto: true as const } : { assignee_id: value || null }
    const t = await assignTicket(props.ticket.id, body)
    props.onChange(t)
    if (value === 'auto') {
      if (t.assignee_name) toast.success(`Assigned to ${t.assignee_name}`)
      else toast.error('Nobody could take it', 'No agent is online and under their cap right now.')
    }
  }
  return (
    <div>
      <SavingSelect
        label="Assignee"
        value={props.ticket.assignee_id ?? ''}
        options={options()}
        onSave={save}
      />
      <Show when={props.ticket.assignee_id !== props.myId && props.ticket.status !== 'closed'}>
        <button
          type="button"
          class="link mt-1.5 inline-flex items-center gap-1 text-xs"
          onClick={() => save(props.myId).catch((e) => toast.error('Could not assign', errorMessage(e)))}
        >
          <UserCheck size={13} aria-hidden="true" />
          Assign to me
        </button>
      </Show>
    </div>
  )
}

const agentLabel = (a: SupportAgent) =>
  `${a.name}${a.online ? ' · online' : ''}${a.available ? '' : ' · away'} · ${a.open_tickets}/${a.max_open}`

function SlaClocks(props: { ticket: TicketDetail }) {
  const now = useNow()
  const clocks = () => latestClocks(props.ticket.sla_clocks)
  const paused = () => props.ticket.status === 'pending'
  return (
    <Show
      when={clocks().length > 0}
      fallback={<p class="text-sm text-muted">No SLA clocks for this ticket.</p>}
    >
      <Show when={paused()}>
        <p class="mb-2 text-xs text-muted">Paused while waiting on the requester.</p>
      </Show>
      <ul class="space-y-2">
        <For each={clocks()}>
          {(c) => {
            const tone = () => clockTone(c, paused(), now())
            const text = () => {
              switch (tone()) {
                case 'met':
                  return `Met ${shortTime(c.met_at ?? '')}`
                case 'paused':
                  return 'Paused'
                case 'breached':
                  return c.met_at ? 'Breached' : (countdownText(c.due_at, now()) ?? 'Breached')
                default:
                  return countdownText(c.due_at, now()) ?? '—'
              }
            }
            return (
              <li class="flex items-center justify-between gap-2 text-sm" data-sla-clock={c.target}>
                <span class="whitespace-nowrap">{SLA_TARGET_LABELS[c.target]}</span>
                <span
                  class={`rounded-full px-2 py-0.5 text-xs font-medium tabular-nums ${TONE_CLASSES[tone()]}`}
                  title={`Due ${formatDateTime(c.due_at)} (business hours)`}
                >
                  {text()}
                </span>
              </li>
            )
          }}
        </For>
      </ul>
    </Show>
  )
}

function MergeSection(props: { ticket: TicketDetail }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const [open, setOpen] = createSignal(false)
  const [into, setInto] = createSignal('')
  const [error, setError] = createSignal<string>()
  const [candidates, setCandidates] = createSignal<Ticket[]>()

  async function openDialog() {
    setInto('')
    setError()
    setCandidates(undefined)
    setOpen(true)
    try {
      const list = await api().get('/tenants/:tenantId/tickets', {
        params: { tenantId: tenant().id },
        query: { status: 'open,pending,resolved', limit: 200 },
      })
      setCandidates(
        list.filter(
          (x) => x.id !== props.ticket.id && x.requester_id === props.ticket.requester_id && !x.merged_into,
        ),
      )
    } catch (e) {
      setCandidates([])
      setError(errorMessage(e))
    }
  }

  async function submit() {
    if (candidates()?.length === 0)
      throw new Error('There is no other open ticket of this requester to merge into.')
    if (!into()) {
      setError('Choose the ticket to merge into.')
      return false
    }
    await mergeTicket(props.ticket.id, into())
    toast.success('Tickets merged')
    navigate(`/t/${tenant().slug}/support/${into()}`)
  }

  return (
    <>
      <Button variant="secondary" class="w-full" onClick={openDialog}>
        <GitMerge size={16} aria-hidden="true" />
        Merge into another ticket…
      </Button>
      <FormDialog
        open={open()}
        onOpenChange={setOpen}
        title={`Merge #${props.ticket.number}`}
        description={`This ticket is closed as a duplicate; its requester, ${props.ticket.requester_name ?? 'the requester'}, keeps talking in the other one.`}
        submitLabel="Merge"
        onSubmit={submit}
      >
        <Show when={candidates()} fallback={<Skeleton class="h-16 w-full" />}>
          {(list) => (
            <Show
              when={list().length > 0}
              fallback={
                <p class="text-sm text-muted">
                  {error() ??
                    `${props.ticket.requester_name ?? 'This requester'} has no other open ticket to merge into.`}
                </p>
              }
            >
              <SelectField
                label="Merge into"
                value={into()}
                onValue={(v) => {
                  setInto(v)
                  setError()
                }}
                error={error()}
                options={[
                  { value: '', label: 'Choose a ticket…' },
                  ...list().map((x) => ({
                    value: x.id,
                    label: `#${x.number} · ${x.subject} (${STATUS_LABELS[x.status]})`,
                  })),
                ]}
              />
            </Show>
          )}
        </Show>
      </FormDialog>
    </>
  )
}
