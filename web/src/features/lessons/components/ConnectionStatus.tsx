import CloudOff from 'lucide-solid/icons/cloud-off'
import Wifi from 'lucide-solid/icons/wifi'
import WifiOff from 'lucide-solid/icons/wifi-off'
import { type Accessor, Match, Switch } from 'solid-js'
import { Spinner } from '../../../ui/Spinner.tsx'
import { type ConnectionState, connectionLabel } from '../connection-state.ts'

const TONES: Record<ConnectionState, string> = {
  connected: 'bg-success-soft text-success',
  connecting: 'bg-subtle text-muted',
  reconnecting: 'bg-warn-soft text-warn',
  offline: 'bg-warn-soft text-warn',
  ended: 'bg-danger-soft text-danger',
}

/** Connected / Reconnecting… / Offline, announced politely when it changes. */
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
      {connectionLabel(props.state())}
    </span>
  )
}
