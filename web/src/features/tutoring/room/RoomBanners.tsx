import Volume2 from 'lucide-solid/icons/volume-2'
import WifiOff from 'lucide-solid/icons/wifi-off'
import X from 'lucide-solid/icons/x'
import { Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import type { RoomController } from './createRoom.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** The strips under the room's header: reconnecting, the tutor's notices, and blocked sound. */
export function RoomBanners(props: {
  room: RoomController
  soundBlocked: boolean
  onResumeSound: () => void
}) {
  const room = props.room
  return (
    <>
      <Show when={room.reconnecting()}>
        <div
          role="status"
          class="flex items-center justify-center gap-2 bg-amber-500 px-3 py-2 text-sm font-medium text-neutral-950"
        >
          <WifiOff size={16} aria-hidden="true" />
          {t('banner.reconnecting')}
        </div>
      </Show>
      <Show when={room.notice()}>
        <div role="status" class="flex items-center justify-center gap-3 bg-sky-700 px-3 py-2 text-sm">
          {room.notice()}
          <button
            type="button"
            class="rounded p-1 hover:bg-white/10"
            aria-label={t('banner.dismiss')}
            onClick={room.clearNotice}
          >
            <X size={14} />
          </button>
        </div>
      </Show>
      <Show when={props.soundBlocked}>
        <div role="status" class="flex items-center justify-center gap-3 bg-sky-700 px-3 py-2 text-sm">
          {t('banner.soundPaused')}
          <button
            type="button"
            class="inline-flex items-center gap-1 rounded-md bg-white px-2 py-1 font-semibold text-sky-900"
            onClick={() => props.onResumeSound()}
          >
            <Volume2 size={14} />
            {t('banner.soundOn')}
          </button>
        </div>
      </Show>
    </>
  )
}
