import X from 'lucide-solid/icons/x'
import { type JSX, Match, Show, Switch } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { ChatPanel } from './ChatPanel.tsx'
import type { RoomController } from './createRoom.ts'
import { messages } from './messages.ts'
import { PeoplePanel } from './PeoplePanel.tsx'
import type { Panel } from './RoomControls.tsx'

const t = translator(messages)

/**
 * The room's side panel: chat or people, as tabs. Beside the video on a wide screen; on a narrow one
 * a sheet under it, at most 55% of the height, so the video stays in sight.
 */
export function RoomSidePanel(props: {
  room: RoomController
  panel: Panel
  onPanel: (panel: Panel) => void
}) {
  const waiting = () => (props.room.session.can_manage ? props.room.waiting().length : 0)
  return (
    <aside
      class="flex flex-col bg-surface text-fg max-lg:h-[55%] max-lg:shrink-0 max-lg:rounded-t-2xl lg:w-80 lg:border-l lg:border-line"
      data-testid="room-panel"
    >
      <div class="flex items-center border-b border-line px-2">
        <div role="tablist" aria-label={t('panel.tabs')} class="flex flex-1">
          <PanelTab active={props.panel === 'chat'} onClick={() => props.onPanel('chat')}>
            {t('controls.chat')}
          </PanelTab>
          <PanelTab active={props.panel === 'people'} onClick={() => props.onPanel('people')}>
            {t('controls.people')}
            <Show when={waiting() > 0}>
              <span class="ml-1 rounded-full bg-danger px-1.5 text-xs text-white">{waiting()}</span>
            </Show>
          </PanelTab>
        </div>
        <button
          type="button"
          class="btn-ghost size-9 min-h-9 px-0"
          aria-label={t('panel.close')}
          onClick={() => props.onPanel(undefined)}
        >
          <X size={18} />
        </button>
      </div>
      <Switch>
        <Match when={props.panel === 'chat'}>
          <ChatPanel room={props.room} />
        </Match>
        <Match when={props.panel === 'people'}>
          <PeoplePanel room={props.room} />
        </Match>
      </Switch>
    </aside>
  )
}

function PanelTab(props: { active: boolean; onClick: () => void; children: JSX.Element }) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={props.active}
      class="border-b-2 px-3 py-3 text-sm font-medium"
      classList={{ 'border-primary text-fg': props.active, 'border-transparent text-muted': !props.active }}
      onClick={props.onClick}
    >
      {props.children}
    </button>
  )
}
