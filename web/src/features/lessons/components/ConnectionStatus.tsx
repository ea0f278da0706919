import CloudOff from 'lucide-solid/icons/cloud-off'
import Wifi from 'lucide-solid/icons/wifi'
import WifiOff from 'lucide-solid/icons/wifi-off'
import { type Accessor, For, Match, Switch } from 'solid-js'
import { Spinner } from '../../../ui/Spinner.tsx'
import { type ConnectionState, connectionLabel } from '../connection-state.ts'

const TONES: Record<ConnectionState, string> = {
  connected: 'bg-success-soft text-success',
  connecting: 'bg-subtle text-muted',
  reconnecting: 'bg-warn-soft text-warn',
  offline: 'bg-warn-soft text-warn',
  ended: 'bg-danger-soft text-danger',
}

const STATES = Object.keys(TONES) as ConnectionState[]

/**
 * Connected / Reconnecting… / Offline, announced politely when it changes. The label's box is as
 * wide as the widest label (invisible copies drawn by CSS, so neither read aloud nor in the text):
 * "Connecting…" turning into "Connected" no longer moves the buttons beside it and the lesson
 * below (that shift was most of the editor's layout shift on a phone).
 */
export function ConnectionStatus(props: { state: Accessor<ConnectionState> }) {
  return (
    <span
      role="status"
      aria-live="polite"
      class={`badge gap-1.5 px-2.5 py-1 whitespace-nowrap ${TONES[props.state()]}`}
      data-state={props.state()}
    >
      <Switch>
        <Match when={props.state() === 'connected'}>
          <Wifi size={14} aria-hidden="true" />
        </Match>
        <Match when={props.state() === 'offline'}>
          <WifiOff size={14} aria-hidden="true" />
        </Match>
        <Match when={props.state() === 'ended'}>
          <CloudOff size={14} aria-hidden="true" />
        </Match>
        <Match when={true}>
          <Spinner class="size-3.5" />
        </Match>
      </Switch>
      <span class="inline-grid">
        <span class="col-start-1 row-start-1">{connectionLabel(props.state())}</span>
        <For each={STATES}>
          {(state) => (
            <span
              class="invisible col-start-1 row-start-1 after:content-[attr(data-label)]"
              data-label={connectionLabel(state)}
              aria-hidden="true"
            />
          )}
        </For>
      </span>
    </span>
  )
}
