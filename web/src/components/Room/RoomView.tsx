import Hand from 'lucide-solid/icons/hand'
import LoaderCircle from 'lucide-solid/icons/loader-circle'
import MessageSquare from 'lucide-solid/icons/message-square'
import Mic from 'lucide-solid/icons/mic'
import MicOff from 'lucide-solid/icons/mic-off'
import MonitorUp from 'lucide-solid/icons/monitor-up'
import PhoneOff from 'lucide-solid/icons/phone-off'
import ScreenShareOff from 'lucide-solid/icons/screen-share-off'
import Users from 'lucide-solid/icons/users'
import Video from 'lucide-solid/icons/video'
import VideoOff from 'lucide-solid/icons/video-off'
import Volume2 from 'lucide-solid/icons/volume-2'
import WifiOff from 'lucide-solid/icons/wifi-off'
import X from 'lucide-solid/icons/x'
import { createEffect, createSignal, For, type JSX, Match, onCleanup, onMount, Show, Switch } from 'solid-js'
import { errorMessage } from '../../api/errors.ts'
import { roomRoleLabel } from '../../lib/format.ts'
import { formatCountdown } from '../../lib/room-time.ts'
import type { RoomTransport } from '../../lib/room-transport.ts'
import { useNow } from '../../state/now.ts'
import { ConfirmDialog } from '../UI/ConfirmDialog.tsx'
import { toast } from '../UI/Toaster.tsx'
import { ChatPanel } from './ChatPanel.tsx'
import type { RoomController } from './createRoom.ts'
import { StreamAudio } from './Media.tsx'
import { PeoplePanel } from './PeoplePanel.tsx'
import { type Tile, VideoGrid } from './VideoGrid.tsx'

type Panel = 'chat' | 'people' | undefined

/** The room once inside: the grid, the controls, chat and people, banners; fills the screen. */
export function RoomView(props: { room: RoomController; transport: RoomTransport }) {
  const room = props.room
  const t = () => props.transport
  const observer = () => room.role() === 'observer'
  /** The tutor, and admins (who enter as observers), moderate. */
  const moderator = () => room.session.can_manage
  const wide = () => typeof matchMedia !== 'undefined' && matchMedia('(min-width: 1024px)').matches
  const [panel, setPanel] = createSignal<Panel>(wide() ? 'chat' : undefined)
  const [ending, setEnding] = createSignal(false)
  const [soundBlocked, setSoundBlocked] = createSignal(false)
  const [resume, setResume] = createSignal(0)
  const [seenMessages, setSeenMessages] = createSignal(room.messages().length)
  const now = useNow()
  const canShare = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getDisplayMedia
  const closesIn = () => Math.max(0, Date.parse(room.session.ends_at) - now())
  const unread = () => (panel() === 'chat' ? 0 : Math.max(0, room.messages().length - seenMessages()))
  // Lines that arrive while the chat is open count as read.
  createEffect(() => panel() === 'chat' && setSeenMessages(room.messages().length))

  const tiles = (): Tile[] => {
    const s = t().state
    const list: Tile[] = []
    if (!observer())
      list.push({
        id: room.me.id,
        name: room.me.name,
        tag: 'You',
        local: true,
        video: s.local.video,
        micOn: s.local.micOn,
        cameraOn: s.local.cameraOn,
        screen: s.local.screen,
        speaking: s.speaker === room.me.id && s.local.micOn,
        hand: room.myHand(),
        unstable: false,
      })
    for (const p of Object.values(s.peers)) {
      if (p.role === 'observer') continue
      list.push({
        id: p.id,
        name: room.nameOf(p.id),
        tag: p.role === 'moderator' ? roomRoleLabel(p.role) : undefined,
        local: false,
        video: p.video,
        micOn: p.micOn,
        cameraOn: p.cameraOn,
        screen: p.screen,
        speaking: s.speaker === p.id,
        hand: !!room.hands[p.id],
        unstable: p.link === 'unstable',
      })
    }
    return list
  }

  async function run(action: () => Promise<unknown>, failed: string) {
    try {
      await action()
    } catch (error) {
      toast.error(failed, errorMessage(error))
    }
  }

  function openPanel(next: Panel) {
    setPanel((current) => (current === next ? undefined : next))
  }

  // Keyboard: Escape closes the side panel on small screens.
  onMount(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !wide() && setPanel(undefined)
    document.addEventListener('keydown', onKey)
    onCleanup(() => document.removeEventListener('keydown', onKey))
  })

  return (
    <div
      class="fixed inset-0 z-[45] flex flex-col bg-neutral-950 text-white"
      role="region"
      aria-label={`Video room: ${room.session.title}`}
    >
      <header class="flex items-center gap-3 border-b border-white/10 px-3 py-2 sm:px-4">
        <div class="min-w-0 flex-1">
          <h1 class="truncate text-sm font-semibold sm:text-base">{room.session.title}</h1>
          <p class="text-xs text-white/60">
            <Show when={room.session.instructor_name}>{(n) => <>{n()} · </>}</Show>
            <span class="tabular-nums">Ends in {formatCountdown(closesIn())}</span>
            <Show when={observer()}> · Observing</Show>
            <Show when={t().kind === 'livekit'}> · LiveKit</Show>
          </p>
        </div>
      </header>

      <Show when={room.reconnecting()}>
        <div
          role="status"
          class="flex items-center justify-center gap-2 bg-amber-500 px-3 py-2 text-sm font-medium text-neutral-950"
        >
          <WifiOff size={16} aria-hidden="true" />
          Connection lost — reconnecting…
        </div>
      </Show>
      <Show when={room.notice()}>
        <div role="status" class="flex items-center justify-center gap-3 bg-sky-700 px-3 py-2 text-sm">
          {room.notice()}
          <button
            type="button"
            class="rounded p-1 hover:bg-white/10"
            aria-label="Dismiss"
            onClick={room.clearNotice}
          >
            <X size={14} />
          </button>
        </div>
      </Show>
      <Show when={soundBlocked()}>
        <div role="status" class="flex items-center justify-center gap-3 bg-sky-700 px-3 py-2 text-sm">
          The browser paused the sound of the room.
          <button
            type="button"
            class="inline-flex items-center gap-1 rounded-md bg-white px-2 py-1 font-semibold text-sky-900"
            onClick={() => {
              setSoundBlocked(false)
              setResume((n) => n + 1)
            }}
          >
            <Volume2 size={14} />
            Turn on sound
          </button>
        </div>
      </Show>

      <div class="relative flex min-h-0 flex-1">
        <main class="relative flex min-h-0 min-w-0 flex-1 flex-col p-2 sm:p-3">
          <Show
            when={tiles().length > 0}
            fallback={
              <div class="grid flex-1 place-items-center text-center text-white/70">
                <p>Nobody is in the room yet. They appear here when they join.</p>
              </div>
            }
          >
            <VideoGrid tiles={tiles()} />
          </Show>
          <Show when={tiles().length === 1 && !observer() && t().state.connection === 'connected'}>
            <p class="pointer-events-none absolute inset-x-0 top-4 text-center text-sm text-white/70">
              Nobody else is here yet. Others appear when they join.
            </p>
          </Show>
          <Show when={t().state.connection === 'connecting'}>
            <div role="status" class="absolute inset-0 grid place-items-center bg-neutral-950/70">
              <span class="inline-flex items-center gap-2 text-sm">
                <LoaderCircle size={18} class="animate-spin" aria-hidden="true" />
                Connecting to the room…
              </span>
            </div>
          </Show>
        </main>

        <Show when={panel()}>
          <aside class="absolute inset-0 z-10 flex flex-col bg-surface text-fg lg:static lg:w-80 lg:border-l lg:border-line">
            <div class="flex items-center border-b border-line px-2">
              <div role="tablist" aria-label="Room panels" class="flex flex-1">
                <PanelTab active={panel() === 'chat'} onClick={() => openPanel('chat')}>
                  Chat
                </PanelTab>
                <PanelTab active={panel() === 'people'} onClick={() => openPanel('people')}>
                  People
                  <Show when={moderator() && room.waiting().length > 0}>
                    <span class="ml-1 rounded-full bg-danger px-1.5 text-xs text-white">
                      {room.waiting().length}
                    </span>
                  </Show>
                </PanelTab>
              </div>
              <button
                type="button"
                class="btn-ghost size-9 min-h-9 px-0"
                aria-label="Close panel"
                onClick={() => setPanel(undefined)}
              >
                <X size={18} />
              </button>
            </div>
            <Switch>
              <Match when={panel() === 'chat'}>
                <ChatPanel room={room} />
              </Match>
              <Match when={panel() === 'people'}>
                <PeoplePanel room={room} />
              </Match>
            </Switch>
          </aside>
        </Show>
      </div>

      <footer class="flex flex-wrap items-center justify-center gap-2 border-t border-white/10 px-2 py-2 sm:gap-3 sm:py-3">
        <Show when={!observer()}>
          <RoundButton
            label={t().state.local.micOn ? 'Mute microphone' : 'Unmute microphone'}
            pressed={!t().state.local.micOn}
            off={!t().state.local.micOn}
            onClick={() => run(() => t().setMic(!t().state.local.micOn), 'Could not change the microphone')}
          >
            {t().state.local.micOn ? <Mic size={20} /> : <MicOff size={20} />}
          </RoundButton>
          <RoundButton
            label={t().state.local.cameraOn ? 'Turn camera off' : 'Turn camera on'}
            pressed={!t().state.local.cameraOn}
            off={!t().state.local.cameraOn}
            onClick={() => run(() => t().setCamera(!t().state.local.cameraOn), 'Could not change the camera')}
          >
            {t().state.local.cameraOn ? <Video size={20} /> : <VideoOff size={20} />}
          </RoundButton>
          <Show when={canShare}>
            <RoundButton
              label={t().state.local.screen ? 'Stop sharing your screen' : 'Share your screen'}
              pressed={t().state.local.screen}
              active={t().state.local.screen}
              onClick={() => run(() => t().setScreen(!t().state.local.screen), 'Could not share your screen')}
            >
              {t().state.local.screen ? <ScreenShareOff size={20} /> : <MonitorUp size={20} />}
            </RoundButton>
          </Show>
          <RoundButton
            label={room.myHand() ? 'Lower your hand' : 'Raise your hand'}
            pressed={room.myHand()}
            active={room.myHand()}
            onClick={() => room.toggleHand()}
          >
            <Hand size={20} />
          </RoundButton>
        </Show>
        <RoundButton
          label={unread() > 0 ? `Chat (${unread()} new)` : 'Chat'}
          pressed={panel() === 'chat'}
          active={panel() === 'chat'}
          onClick={() => openPanel('chat')}
          badge={unread() || undefined}
        >
          <MessageSquare size={20} />
        </RoundButton>
        <RoundButton
          label="People"
          pressed={panel() === 'people'}
          active={panel() === 'people'}
          onClick={() => openPanel('people')}
          badge={moderator() ? room.waiting().length || undefined : undefined}
        >
          <Users size={20} />
        </RoundButton>
        <button
          type="button"
          class="inline-flex h-11 items-center gap-2 rounded-full bg-red-600 px-4 text-sm font-semibold hover:bg-red-700"
          onClick={() => room.leave()}
        >
          <PhoneOff size={18} aria-hidden="true" />
          Leave
        </button>
        <Show when={moderator()}>
          <button
            type="button"
            class="inline-flex h-11 items-center rounded-full border border-red-400/60 px-4 text-sm font-semibold text-red-200 hover:bg-red-600/20"
            onClick={() => setEnding(true)}
          >
            End for everyone
          </button>
        </Show>
      </footer>

      <For each={Object.values(t().state.peers)}>
        {(p) => <StreamAudio stream={p.audio} resume={resume()} onBlocked={() => setSoundBlocked(true)} />}
      </For>

      <ConfirmDialog
        open={ending()}
        onOpenChange={setEnding}
        title="End the session for everyone?"
        confirmLabel="End session"
        danger
        onConfirm={() => room.endForEveryone()}
      >
        Everyone leaves the room and nobody can join again. The chat and attendance are kept with the session.
      </ConfirmDialog>
    </div>
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

function RoundButton(props: {
  label: string
  pressed?: boolean
  off?: boolean
  active?: boolean
  badge?: number
  class?: string
  onClick: () => void
  children: JSX.Element
}) {
  return (
    <button
      type="button"
      aria-label={props.label}
      title={props.label}
      aria-pressed={props.pressed}
      class={`relative grid size-11 place-items-center rounded-full ${props.class ?? ''}`}
      classList={{
        'bg-red-600 hover:bg-red-700': !!props.off,
        'bg-brand-500 hover:bg-brand-600': !props.off && !!props.active,
        'bg-white/10 hover:bg-white/20': !props.off && !props.active,
      }}
      onClick={props.onClick}
    >
      {props.children}
      <Show when={props.badge}>
        <span class="absolute -top-1 -right-1 min-w-5 rounded-full bg-danger px-1 text-xs leading-5 font-semibold text-white">
          {props.badge}
        </span>
      </Show>
    </button>
  )
}
