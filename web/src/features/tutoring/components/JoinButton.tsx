import { A } from '@solidjs/router'
import Clock from 'lucide-solid/icons/clock'
import Video from 'lucide-solid/icons/video'
import { Match, Show, Switch } from 'solid-js'
import type { Session } from '../../../../../edge/contract/tutoring.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useNow } from '../../../shell/state/now.ts'
import { messages } from '../messages.ts'
import { formatCountdown, roomWindow } from '../tutoring-time.ts'

const t = translator(messages)

/**
 * "Join" while the room is open (from ten minutes before the start to the end); before that, a
 * countdown. Nothing for people who may not enter, or once it is over.
 */
export function JoinButton(props: {
  session: Session & { joinable_from?: string }
  href: string
  /** The session page also offers a camera check before the room opens. */
  offerCheck?: boolean
  class?: string
}) {
  const now = useNow()
  const win = () => roomWindow(props.session, now())
  return (
    <Show when={props.session.my_role}>
      <Switch>
        <Match when={win().phase === 'open'}>
          <A
            href={props.href}
            class={`btn-primary ${props.class ?? ''}`}
            aria-label={t('join.label', { title: props.session.title })}
          >
            <Video size={16} />
            {t('join.join')}
          </A>
        </Match>
        <Match when={win().phase === 'early' && win().opensIn < 86_400_000}>
          <span class="inline-flex flex-wrap items-center gap-3">
            <span role="timer" class="inline-flex items-center gap-1.5 text-sm text-muted">
              <Clock size={14} aria-hidden="true" />
              {t('join.opensIn')}{' '}
              <span class="font-semibold text-fg tabular-nums">{formatCountdown(win().opensIn)}</span>
            </span>
            <Show when={props.offerCheck}>
              <A href={props.href} class="btn-secondary min-h-9 px-3 py-1.5">
                {t('join.check')}
              </A>
            </Show>
          </span>
        </Match>
      </Switch>
    </Show>
  )
}
