import AlarmClock from 'lucide-solid/icons/alarm-clock'
import CircleCheck from 'lucide-solid/icons/circle-check'
import Pause from 'lucide-solid/icons/pause'
import { Match, Switch } from 'solid-js'
import type { SlaState, TicketPriority, TicketStatus } from '../../../../../edge/contract/support.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useNow } from '../../../shell/state/now.ts'
import { messages } from '../messages.ts'
import { priorityLabel, statusLabel } from '../support-context.ts'
import { type SlaTone, slaStateLabel, slaText, slaTone } from '../support-sla.ts'

const t = translator(messages)

const STATUS_COLORS: Record<TicketStatus, string> = {
  open: 'bg-sky-500/15 text-sky-800 dark:text-sky-300',
  pending: 'bg-warn-soft text-warn',
  resolved: 'bg-success-soft text-success',
  closed: 'bg-subtle text-muted',
}

/** A ticket's status as a pill. */
export function StatusBadge(props: { status: TicketStatus; class?: string }) {
  return (
    <span class={`badge ${STATUS_COLORS[props.status]} ${props.class ?? ''}`}>
      {statusLabel(props.status)}
    </span>
  )
}

const PRIORITY_COLORS: Record<TicketPriority, string> = {
  low: 'border-line text-muted',
  normal: 'border-line text-fg',
  high: 'border-orange-500/40 text-orange-700 dark:text-orange-300',
  urgent: 'border-danger/50 bg-danger-soft text-danger',
}

/** A ticket's priority as an outlined pill (so it never reads as a status). */
export function PriorityBadge(props: { priority: TicketPriority }) {
  return (
    <span class={`badge border ${PRIORITY_COLORS[props.priority]}`}>
      <span class="sr-only">{t('badge.priority')} </span>
      {priorityLabel(props.priority)}
    </span>
  )
}

export const TONE_CLASSES: Record<SlaTone, string> = {
  ok: 'text-muted',
  warning: 'bg-warn-soft text-warn',
  breached: 'bg-danger-soft text-danger',
  paused: 'text-muted',
  met: 'text-success',
  none: 'text-muted',
}

/** A live SLA countdown ("due in 1h 12m", "overdue 20m") coloured by how close the breach is. */
export function SlaBadge(props: { state: SlaState; dueAt: string | null; warnAt?: string | null }) {
  const now = useNow()
  const tone = () => slaTone(props.state, props.dueAt, now(), props.warnAt)
  const label = () =>
    tone() === 'none' ? t('badge.noSla') : t('badge.sla', { state: slaStateLabel(stateOf(tone())) })
  return (
    <span
      class={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium tabular-nums whitespace-nowrap ${TONE_CLASSES[tone()]}`}
      title={label()}
      data-sla={tone()}
    >
      <Switch fallback={<AlarmClock size={12} aria-hidden="true" />}>
        <Match when={tone() === 'paused'}>
          <Pause size={12} aria-hidden="true" />
        </Match>
        <Match when={tone() === 'met'}>
          <CircleCheck size={12} aria-hidden="true" />
        </Match>
      </Switch>
      <span class="sr-only">{label()}: </span>
      {slaText(tone(), props.dueAt, now())}
    </span>
  )
}

const stateOf = (tone: SlaTone): SlaState => (tone === 'none' ? 'ok' : tone)
