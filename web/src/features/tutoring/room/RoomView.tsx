import Headphones from 'lucide-solid/icons/headphones'
import LoaderCircle from 'lucide-solid/icons/loader-circle'
import { createEffect, createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useNow } from '../../../shell/state/now.ts'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { formatCountdown } from '../tutoring-time.ts'
import type { RoomController } from './createRoom.ts'
import { StreamAudio } from './Media.tsx'
import { messages } from './messages.ts'
import { PhoneStage } from './PhoneStage.tsx'
import { RoomBanners } from './RoomBanners.tsx'
import { type Panel, RoomControls } from './RoomControls.tsx'
import { RoomSidePanel } from './RoomSidePanel.tsx'
import { PHONE_MAX_WIDTH } from './room-stage.ts'
import { roomTiles } from './room-tiles.ts'
import type { RoomTransport } from './room-transport.ts'
import { VideoGrid } from './VideoGrid.tsx'

const t = translator(messages)

/** True while the window is phone-narrow; follows rotation and resizing. */
function createPhoneWidth(): () => boolean {
  if (typeof matchMedia === 'undefined') return () => false
  const query = matchMedia(`(max-width: ${PHONE_MAX_WIDTH}px)`)
  const [phone, setPhone] = createSignal(query.matches)
  const update = () => setPhone(query.matches)
  query.addEventListener('change', update)
  onCleanup(() => query.removeEventListener('change', update))
  return phone
}

/**
 * The room once inside: the grid (on a phone, the speaker large and me in a corner), the controls,
 * chat and people (beside the video on a wide screen, a sheet under it on a narrow one), banners;
 * fills the screen.
 */
export function RoomView(props: { room: RoomController; transport: RoomTransport }) {
  const room = props.room
  const transport = () => props.transport
  const observer = () => room.role() === 'observer'
  const wide = () => typeof matchMedia !== 'undefined' && matchMedia('(min-width: 1024px)').matches
  const [panel, setPanel] = createSignal<Panel>(wide() ? 'chat' : undefined)
  const [ending, setEnding] = createSignal(false)
  const [soundBlocked, setSoundBlocked] = createSignal(false)
  const [resume, setResume] = createSignal(0)
  const [seenMessages, setSeenMessages] = createSignal(room.messages().length)
  const now = useNow()
  const closesIn = () => Math.max(0, Date.parse(room.session.ends_at) - now())
  const unread = () => (panel() === 'chat' ? 0 : Math.max(0, room.messages().length - seenMessages()))
  // Lines that arrive while the chat is open count as read.
  createEffect(() => panel() === 'chat' && setSeenMessages(room.messages().length))
  const tiles = () => roomTiles(room, transport().state)
  const phone = createPhoneWidth()
  // The last one other than me who spoke stays on a phone's stage until someone else speaks.
  const [focus, setFocus] = createSignal<string>()
  createEffect(() => {
    const speaker = transport().state.speaker
    if (speaker && speaker !== room.me.id) setFocus(speaker)
  })

  /** Opens a panel, or closes it when it is the one open. */
  const togglePanel = (next: Panel) => setPanel((current) => (current === next ? undefined : next))

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
      aria-label={t('view.region', { title: room.session.title })}
    >
      <header class="flex items-center gap-3 border-b border-white/10 px-3 py-2 sm:px-4">
        <div class="min-w-0 flex-1">
          <h1 class="truncate text-sm font-semibold sm:text-base">{room.session.title}</h1>
          <p class="text-xs text-white/60">
            <Show when={room.session.instructor_name}>{(n) => <>{n()} · </>}</Show>
            <span class="tabular-nums">{t('view.endsIn', { time: formatCountdown(closesIn()) })}</span>
            <Show when={observer()}> · {t('view.observing')}</Show>
            {/* A product name: the same in every language. */}
            <Show when={transport().kind === 'livekit'}>{' · LiveKit'}</Show>
          </p>
        </div>
        <button
          type="button"
          class="inline-flex h-9 shrink-0 items-center gap-1.5 rounded-full px-3 text-xs font-medium"
          classList={{
            'bg-brand-500 hover:bg-brand-600': room.dataSaver(),
            'bg-white/10 hover:bg-white/20': !room.dataSaver(),
          }}
          aria-pressed={room.dataSaver()}
          title={t('view.dataSaverHint')}
          onClick={() => room.setDataSaver(!room.dataSaver())}
        >
          <Headphones size={16} aria-hidden="true" />
          {t('view.dataSaver')}
        </button>
      </header>

      <RoomBanners
        room={room}
        soundBlocked={soundBlocked()}
        onResumeSound={() => {
          setSoundBlocked(false)
          setResume((n) => n + 1)
        }}
      />

      <div class="relative flex min-h-0 flex-1 max-lg:flex-col">
        <main class="relative flex min-h-0 min-w-0 flex-1 flex-col p-2 sm:p-3">
          <Show
            when={tiles().length > 0}
            fallback={
              <div class="grid flex-1 place-items-center text-center text-white/70">
                <p>{t('view.empty')}</p>
              </div>
            }
          >
            <Show when={phone()} fallback={<VideoGrid tiles={tiles()} />}>
              <PhoneStage tiles={tiles()} focus={focus()} />
            </Show>
          </Show>
          <Show when={tiles().length === 1 && !observer() && transport().state.connection === 'connected'}>
            <p class="pointer-events-none absolute inset-x-0 top-4 text-center text-sm text-white/70">
              {t('view.alone')}
            </p>
          </Show>
          <Show when={transport().state.connection === 'connecting'}>
            <div role="status" class="absolute inset-0 grid place-items-center bg-neutral-950/70">
              <span class="inline-flex items-center gap-2 text-sm">
                <LoaderCircle size={18} class="animate-spin" aria-hidden="true" />
                {t('view.connecting')}
              </span>
            </div>
          </Show>
        </main>

        <Show when={panel()}>
          <RoomSidePanel room={room} panel={panel()} onPanel={togglePanel} />
        </Show>
      </div>

      <RoomControls
        room={room}
        transport={transport()}
        panel={panel()}
        onPanel={togglePanel}
        unread={unread()}
        onEnd={() => setEnding(true)}
      />

      <For each={Object.values(transport().state.peers)}>
        {(p) => <StreamAudio stream={p.audio} resume={resume()} onBlocked={() => setSoundBlocked(true)} />}
      </For>

      <ConfirmDialog
        open={ending()}
        onOpenChange={setEnding}
        title={t('view.endTitle')}
        confirmLabel={t('view.endConfirm')}
        danger
        onConfirm={() => room.endForEveryone()}
      >
        {t('view.endText')}
      </ConfirmDialog>
    </div>
  )
}
