import Hand from 'lucide-solid/icons/hand'
import MessageSquare from 'lucide-solid/icons/message-square'
import Mic from 'lucide-solid/icons/mic'
import MicOff from 'lucide-solid/icons/mic-off'
import MonitorUp from 'lucide-solid/icons/monitor-up'
import PhoneOff from 'lucide-solid/icons/phone-off'
import ScreenShareOff from 'lucide-solid/icons/screen-share-off'
import Users from 'lucide-solid/icons/users'
import Video from 'lucide-solid/icons/video'
import VideoOff from 'lucide-solid/icons/video-off'
import { type JSX, Show } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { toast } from '../../../ui/Toaster.tsx'
import type { RoomController } from './createRoom.ts'
import { messages } from './messages.ts'
import type { RoomTransport } from './room-transport.ts'

export type Panel = 'chat' | 'people' | undefined

const t = translator(messages)

/** The room's bottom bar: my media, hand, chat, people, leave, and (the tutor) end for everyone. */
export function RoomControls(props: {
  room: RoomController
  transport: RoomTransport
  panel: Panel
  onPanel: (panel: Panel) => void
  unread: number
  onEnd: () => void
}) {
  const room = props.room
  const local = () => props.transport.state.local
  const observer = () => room.role() === 'observer'
  const moderator = () => room.session.can_manage
  const canShare = typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getDisplayMedia

  async function run(action: () => Promise<unknown>, failed: string) {
    try {
      await action()
    } catch (error) {
      toast.error(failed, errorMessage(error))
    }
  }

  return (
    <footer class="flex flex-wrap items-center justify-center gap-2 border-t border-white/10 px-2 py-2 sm:gap-3 sm:py-3">
      <Show when={!observer()}>
        <RoundButton
          label={local().micOn ? t('controls.mute') : t('controls.unmute')}
          pressed={!local().micOn}
          off={!local().micOn}
          onClick={() => run(() => props.transport.setMic(!local().micOn), t('controls.micFailed'))}
        >
          {local().micOn ? <Mic size={20} /> : <MicOff size={20} />}
        </RoundButton>
        <RoundButton
          label={local().cameraOn ? t('controls.cameraOff') : t('controls.cameraOn')}
          pressed={!local().cameraOn}
          off={!local().cameraOn}
          onClick={() => run(() => props.transport.setCamera(!local().cameraOn), t('controls.cameraFailed'))}
        >
          {local().cameraOn ? <Video size={20} /> : <VideoOff size={20} />}
        </RoundButton>
        <Show when={canShare}>
          <RoundButton
            label={local().screen ? t('controls.stopShare') : t('controls.share')}
            pressed={local().screen}
            active={local().screen}
            onClick={() => run(() => props.transport.setScreen(!local().screen), t('controls.shareFailed'))}
          >
            {local().screen ? <ScreenShareOff size={20} /> : <MonitorUp size={20} />}
          </RoundButton>
        </Show>
        <RoundButton
          label={room.myHand() ? t('controls.lowerHand') : t('controls.raiseHand')}
          pressed={room.myHand()}
          active={room.myHand()}
          onClick={() => room.toggleHand()}
        >
          <Hand size={20} />
        </RoundButton>
      </Show>
      <RoundButton
        label={props.unread > 0 ? t('controls.chatUnread', { count: props.unread }) : t('controls.chat')}
        pressed={props.panel === 'chat'}
        active={props.panel === 'chat'}
        onClick={() => props.onPanel('chat')}
        badge={props.unread || undefined}
      >
        <MessageSquare size={20} />
      </RoundButton>
      <RoundButton
        label={t('controls.people')}
        pressed={props.panel === 'people'}
        active={props.panel === 'people'}
        onClick={() => props.onPanel('people')}
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
        {t('controls.leave')}
      </button>
      <Show when={moderator()}>
        <button
          type="button"
          class="inline-flex h-11 items-center rounded-full border border-red-400/60 px-4 text-sm font-semibold text-red-200 hover:bg-red-600/20"
          onClick={() => props.onEnd()}
        >
          {t('controls.endForAll')}
        </button>
      </Show>
    </footer>
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
