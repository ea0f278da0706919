import { A } from '@solidjs/router'
import Clock from 'lucide-solid/icons/clock'
import Video from 'lucide-solid/icons/video'
import { Match, Show, Switch } from 'solid-js'
import type { Session } from '../../../../../edge/contract/tutoring.ts'
import { useNow } from '../../../shell/state/now.ts'
import { formatCountdown, roomWindow } from '../tutoring-time.ts'

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
            aria-label={`Join ${props.session.title}`}
          >
            <Video size={16} />
            Join
          </A>
        </Match>
        <Match when={win().phase === 'early' && win().opensIn < 86_400_000}>
          <span class="inline-flex flex-wrap items-center gap-3">
            <span role="timer" class="inline-flex items-center gap-1.5 text-sm text-muted">
              <Clock size={14} aria-hidden="true" />
              Room opens in{' '}
              <span class="font-semibold text-fg tabular-nums">{formatCountdown(win().opensIn)}</span>
            </span>
            <Show when={props.offerCheck}>
              <A href={props.href} class="btn-secondary min-h-9 px-3 py-1.5">
                Check camera and microphone
              </A>
            </Show>
          </span>
        </Match>
      </Switch>
    </Show>
  )
}
