import Hand from 'lucide-solid/icons/hand'
import MicOff from 'lucide-solid/icons/mic-off'
import MonitorUp from 'lucide-solid/icons/monitor-up'
import WifiOff from 'lucide-solid/icons/wifi-off'
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { colorForUser } from '../../../lib/colors.ts'
import { initials } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { AvatarImage } from '../../files/AvatarImage.tsx'
import { StreamVideo } from './Media.tsx'
import { messages } from './messages.ts'
import { gridLayout } from './room-grid.ts'

/** One person's tile in the grid. */
export interface Tile {
  id: string
  name: string
  /** Their picture (`avatars/…`), shown instead of initials when the camera is off. */
  avatar?: string | null
  /** "Tutor", "You" … shown after the name. */
  tag?: string
  local: boolean
  video?: MediaStream
  micOn: boolean
  cameraOn: boolean
  screen: boolean
  speaking: boolean
  hand: boolean
  unstable: boolean
}

const GAP = 8

const t = translator(messages)

/** The tiles, as large as the space allows (room-grid.ts), re-measured when the space changes. */
export function VideoGrid(props: { tiles: Tile[] }) {
  let box!: HTMLDivElement
  const [size, setSize] = createSignal({ width: 0, height: 0 })
  onMount(() => {
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect
      setSize({ width, height })
    })
    observer.observe(box)
    onCleanup(() => observer.disconnect())
  })
  const layout = () => gridLayout(props.tiles.length, size().width, size().height, GAP)
  return (
    <div ref={box} class="flex min-h-0 flex-1 items-center justify-center overflow-hidden">
      <ul
        aria-label={t('grid.label')}
        class="flex flex-wrap content-center justify-center"
        style={{
          gap: `${GAP}px`,
          // Room for exactly `cols` tiles a row; a short last row stays centred.
          width: layout().width ? `${layout().cols * layout().width + (layout().cols - 1) * GAP}px` : '100%',
        }}
      >
        <For each={props.tiles}>
          {(tile) => (
            <li
              style={
                layout().width ? { width: `${layout().width}px`, height: `${layout().height}px` } : undefined
              }
              class={layout().width ? '' : 'aspect-video w-full'}
            >
              <VideoTile tile={tile} />
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}

/** One person: their video, or their initials; name, microphone, hand, screen and link on top. */
export function VideoTile(props: { tile: Tile; compact?: boolean }) {
  const tile = () => props.tile
  const showVideo = () => !!tile().video && (tile().cameraOn || tile().screen)
  return (
    <div
      data-testid="video-tile"
      data-user={tile().id}
      data-speaking={tile().speaking ? 'true' : undefined}
      class="relative size-full overflow-hidden rounded-xl bg-neutral-900"
    >
      <Show when={tile().video}>
        <div class="absolute inset-0" classList={{ invisible: !showVideo() }}>
          <StreamVideo
            stream={tile().video}
            mirror={tile().local && !tile().screen}
            fit={tile().screen ? 'contain' : 'cover'}
            label={tile().local ? t('tile.myVideo') : t('tile.videoOf', { name: tile().name })}
            testId={tile().local ? 'local-video' : 'remote-video'}
          />
        </div>
      </Show>
      <Show when={!showVideo()}>
        <div class="absolute inset-0 grid place-items-center">
          <AvatarImage
            path={tile().avatar}
            class={`rounded-full ${props.compact ? 'size-10' : 'size-16 sm:size-20'}`}
            fallback={
              <span
                class="grid place-items-center rounded-full font-semibold text-white"
                classList={{
                  'size-10 text-sm': props.compact,
                  'size-16 text-xl sm:size-20 sm:text-2xl': !props.compact,
                }}
                style={{ 'background-color': colorForUser(tile().id) }}
                aria-hidden="true"
              >
                {initials(tile().name)}
              </span>
            }
          />
        </div>
      </Show>
      <Show when={tile().hand}>
        <span class="absolute top-2 left-2 inline-flex items-center gap-1 rounded-full bg-accent-400 px-2 py-1 text-xs font-semibold text-neutral-900">
          <Hand size={14} aria-label={props.compact ? t('hand.raised') : undefined} />
          <Show when={!props.compact}>{t('hand.raised')}</Show>
        </span>
      </Show>
      <Show when={tile().screen && !props.compact}>
        <span class="absolute top-2 right-2 inline-flex items-center gap-1 rounded-full bg-black/60 px-2 py-1 text-xs text-white">
          <MonitorUp size={14} aria-hidden="true" />
          {t('tile.screen')}
        </span>
      </Show>
      <Show when={tile().unstable}>
        <div class="absolute inset-0 grid place-items-center bg-black/50 text-sm text-white">
          <span class="inline-flex items-center gap-2">
            <WifiOff size={16} aria-hidden="true" />
            {t('tile.reconnecting')}
          </span>
        </div>
      </Show>
      <Show when={tile().speaking}>
        <div
          class="pointer-events-none absolute inset-0 rounded-xl border-4 border-brand-400"
          aria-hidden="true"
        />
      </Show>
      <div
        class="absolute flex items-center gap-2"
        classList={{ 'right-1 bottom-1 left-1': props.compact, 'right-2 bottom-2 left-2': !props.compact }}
      >
        <span
          class="inline-flex max-w-full min-w-0 items-center gap-1.5 rounded-md bg-black/60 text-xs font-medium text-white"
          classList={{ 'px-1.5 py-0.5': props.compact, 'px-2 py-1': !props.compact }}
        >
          <Show when={!tile().micOn}>
            <MicOff size={14} class="shrink-0 text-red-300" aria-label={t('mic.off')} />
          </Show>
          <span class="truncate">{tile().name}</span>
          <Show when={tile().tag && !props.compact}>
            <span class="shrink-0 text-white/70">· {tile().tag}</span>
          </Show>
        </span>
      </div>
    </div>
  )
}
