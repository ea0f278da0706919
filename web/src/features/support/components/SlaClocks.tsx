import { For, Show } from 'solid-js'
import type { TicketDetail } from '../../../../../edge/contract/support.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useNow } from '../../../shell/state/now.ts'
import { messages } from '../messages.ts'
import { clockTone, countdownText, latestClocks, slaStateLabel, slaTargetLabel } from '../support-sla.ts'
import { shortTime } from '../support-thread.ts'
import { TONE_CLASSES } from './Badges.tsx'

const t = translator(messages)

/** A ticket's SLA clocks counting down to the due moments the API computed in business time. */
export function SlaClocks(props: { ticket: TicketDetail }) {
  const now = useNow()
  const clocks = () => latestClocks(props.ticket.sla_clocks)
  const paused = () => props.ticket.status === 'pending'
  return (
    <Show when={clocks().length > 0} fallback={<p class="text-sm text-muted">{t('slaClock.none')}</p>}>
      <Show when={paused()}>
        <p class="mb-2 text-xs text-muted">{t('slaClock.paused')}</p>
      </Show>
      <ul class="space-y-2">
        <For each={clocks()}>
          {(c) => {
            const tone = () => clockTone(c, paused(), now())
            const text = () => {
              switch (tone()) {
                case 'met':
                  return t('slaClock.metAt', { time: shortTime(c.met_at ?? '') })
                case 'paused':
                  return slaStateLabel('paused')
                case 'breached':
                  return c.met_at
                    ? slaStateLabel('breached')
                    : (countdownText(c.due_at, now()) ?? slaStateLabel('breached'))
                default:
                  return countdownText(c.due_at, now()) ?? '—'
              }
            }
            return (
              <li class="flex items-center justify-between gap-2 text-sm" data-sla-clock={c.target}>
                <span class="whitespace-nowrap">{slaTargetLabel(c.target)}</span>
                <span
                  class={`rounded-full px-2 py-0.5 text-xs font-medium tabular-nums ${TONE_CLASSES[tone()]}`}
                  title={t('slaClock.due', { time: formatDateTime(c.due_at) })}
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
