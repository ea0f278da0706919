import Eye from 'lucide-solid/icons/eye'
import Mic from 'lucide-solid/icons/mic'
import MicOff from 'lucide-solid/icons/mic-off'
import Video from 'lucide-solid/icons/video'
import VideoOff from 'lucide-solid/icons/video-off'
import { createSignal, onCleanup, onMount, Show } from 'solid-js'
import { colorForUser } from '../../../lib/colors.ts'
import { initials } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useNow } from '../../../shell/state/now.ts'
import { Button } from '../../../ui/Button.tsx'
import { SelectField } from '../../../ui/Field.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { formatCountdown, roomWindow } from '../tutoring-time.ts'
import type { RoomController } from './createRoom.ts'
import { StreamVideo } from './Media.tsx'
import { messages } from './messages.ts'
import {
  createAudioMonitor,
  listDevices,
  mediaErrorMessage,
  openCamera,
  openMicrophone,
} from './room-media.ts'

const t = translator(messages)

/**
 * Before entering: the camera preview, a microphone level meter, device pickers, mute toggles and
 * the name others will see. The tracks opened here go into the room with the person. On a phone the
 * preview is shorter and the device pickers come after "Join now", so it shows without scrolling.
 */
export function PreJoin(props: { room: RoomController }) {
  const room = props.room
  const observer = () => room.session.my_role === 'observer'
  const now = useNow()
  const win = () => roomWindow(room.session, now())
  const [mic, setMic] = createSignal<MediaStreamTrack>()
  const [camera, setCamera] = createSignal<MediaStreamTrack>()
  const [micOn, setMicOn] = createSignal(true)
  const [cameraOn, setCameraOn] = createSignal(true)
  const [micError, setMicError] = createSignal<string>()
  const [cameraError, setCameraError] = createSignal<string>()
  const [devices, setDevices] = createSignal<{ audio: MediaDeviceInfo[]; video: MediaDeviceInfo[] }>({
    audio: [],
    video: [],
  })
  const [audioDevice, setAudioDevice] = createSignal<string>()
  const [videoDevice, setVideoDevice] = createSignal<string>()
  const [level, setLevel] = createSignal(0)
  const [starting, setStarting] = createSignal(true)
  const monitor = createAudioMonitor()
  let handedOver = false

  const preview = () => {
    const c = camera()
    return c ? new MediaStream([c]) : undefined
  }

  async function startMic(deviceId?: string) {
    try {
      const track = await openMicrophone(deviceId)
      mic()?.stop()
      track.enabled = micOn()
      setMic(track)
      setAudioDevice(track.getSettings().deviceId)
      setMicError()
      monitor.watch('me', new MediaStream([track]))
    } catch (error) {
      setMicError(mediaErrorMessage(error, 'microphone'))
    }
  }

  async function startCamera(deviceId?: string) {
    try {
      const track = await openCamera(deviceId)
      camera()?.stop()
      setCamera(track)
      setVideoDevice(track.getSettings().deviceId)
      setCameraError()
    } catch (error) {
      setCameraError(mediaErrorMessage(error, 'camera'))
      setCameraOn(false)
    }
  }

  onMount(async () => {
    if (observer()) return setStarting(false)
    await Promise.all([startMic(), startCamera()])
    setStarting(false)
    // Labels of devices are only given once access was allowed, so list them after opening.
    setDevices(await listDevices().catch(() => ({ audio: [], video: [] })))
  })
  const meter = setInterval(() => setLevel(micOn() && mic() ? (monitor.levels().get('me') ?? 0) : 0), 100)
  onCleanup(() => clearInterval(meter))

  onCleanup(() => {
    monitor.close()
    if (handedOver) return
    mic()?.stop()
    camera()?.stop()
  })

  function toggleMic() {
    const on = !micOn()
    setMicOn(on)
    const track = mic()
    if (track) track.enabled = on
    else if (on) void startMic(audioDevice())
  }

  async function toggleCamera() {
    if (cameraOn()) {
      camera()?.stop()
      setCamera(undefined)
      setCameraOn(false)
    } else {
      setCameraOn(true)
      await startCamera(videoDevice())
    }
  }

  function join() {
    handedOver = true
    monitor.close()
    void room.join({
      mic: mic(),
      camera: cameraOn() ? camera() : undefined,
      micOn: micOn() && !!mic(),
      cameraOn: cameraOn() && !!camera(),
      audioDeviceId: audioDevice(),
      videoDeviceId: videoDevice(),
    })
  }

  /** Devices without a label (access not yet allowed) are numbered: "Camera 2". */
  const deviceOptions = (list: MediaDeviceInfo[], unnamed: 'preJoin.cameraN' | 'preJoin.microphoneN') =>
    list.map((d, i) => ({ value: d.deviceId, label: d.label || t(unnamed, { n: i + 1 }) }))

  return (
    <div class="grid gap-4 sm:gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <Show
        when={!observer()}
        fallback={
          <div class="card flex flex-col items-center justify-center gap-3 p-8 text-center">
            <Eye size={32} class="text-muted" />
            <p class="font-medium">{t('preJoin.observerTitle')}</p>
            <p class="max-w-sm text-sm text-muted">{t('preJoin.observerText')}</p>
          </div>
        }
      >
        <div>
          <div class="relative aspect-video overflow-hidden rounded-xl bg-neutral-900 max-sm:aspect-auto max-sm:h-[22dvh] max-sm:min-h-32">
            <Show
              when={cameraOn() && camera()}
              fallback={
                <div class="absolute inset-0 grid place-items-center">
                  <span
                    class="grid size-20 place-items-center rounded-full text-2xl font-semibold text-white"
                    style={{ 'background-color': colorForUser(room.me.id) }}
                    aria-hidden="true"
                  >
                    {initials(room.me.name)}
                  </span>
                  <Show when={starting()}>
                    <span class="sr-only">{t('preJoin.starting')}</span>
                  </Show>
                </div>
              }
            >
              <StreamVideo stream={preview()} mirror label={t('preJoin.preview')} testId="preview-video" />
            </Show>
            <span class="absolute top-2 left-2 rounded-md bg-black/60 px-2 py-1 text-xs font-medium text-white">
              {room.me.name}
            </span>
            <div class="absolute right-0 bottom-2 left-0 flex justify-center gap-3">
              <button
                type="button"
                class="grid size-11 place-items-center rounded-full text-white"
                classList={{
                  'bg-white/20 hover:bg-white/30': micOn(),
                  'bg-red-600 hover:bg-red-700': !micOn(),
                }}
                aria-pressed={!micOn()}
                aria-label={micOn() ? t('controls.mute') : t('controls.unmute')}
                onClick={toggleMic}
              >
                {micOn() ? <Mic size={20} /> : <MicOff size={20} />}
              </button>
              <button
                type="button"
                class="grid size-11 place-items-center rounded-full text-white"
                classList={{
                  'bg-white/20 hover:bg-white/30': cameraOn(),
                  'bg-red-600 hover:bg-red-700': !cameraOn(),
                }}
                aria-pressed={!cameraOn()}
                aria-label={cameraOn() ? t('controls.cameraOff') : t('controls.cameraOn')}
                onClick={toggleCamera}
              >
                {cameraOn() ? <Video size={20} /> : <VideoOff size={20} />}
              </button>
            </div>
          </div>
          <div class="mt-2 flex items-center gap-3 sm:mt-3" title={t('preJoin.level')}>
            <Mic size={16} class="shrink-0 text-muted" aria-hidden="true" />
            <div
              role="meter"
              aria-label={t('preJoin.level')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(Math.min(1, level() * 4) * 100)}
              class="h-2 flex-1 overflow-hidden rounded-full bg-subtle"
            >
              <div
                class="h-full rounded-full bg-primary transition-[width] duration-100"
                style={{ width: `${Math.round(Math.min(1, level() * 4) * 100)}%` }}
              />
            </div>
            <span class="shrink-0 text-right text-xs whitespace-nowrap text-muted">
              {micOn() ? t('preJoin.speak') : t('preJoin.muted')}
            </span>
          </div>
        </div>
      </Show>

      <div class="flex flex-col gap-4">
        <div>
          <h2 class="text-lg font-semibold sm:text-xl">{t('preJoin.ready')}</h2>
          <p class="mt-1 text-sm text-muted">
            {t('preJoin.joinAs')} <span class="font-medium text-fg">{room.me.name}</span>
            {observer() ? ` ${t('preJoin.asObserver')}` : ''}.
          </p>
        </div>
        <Show when={!observer()}>
          <Show when={cameraError()}>
            <FormAlert tone="warn">
              <p>{cameraError()}</p>
            </FormAlert>
          </Show>
          <Show when={micError()}>
            <FormAlert tone="warn">
              <p>{micError()}</p>
            </FormAlert>
          </Show>
          <div class="space-y-4 max-sm:order-last empty:hidden">
            <Show when={devices().video.length > 0}>
              <SelectField
                label={t('preJoin.camera')}
                value={videoDevice() ?? ''}
                onValue={(id) => void startCamera(id).then(() => setCameraOn(true))}
                options={deviceOptions(devices().video, 'preJoin.cameraN')}
              />
            </Show>
            <Show when={devices().audio.length > 0}>
              <SelectField
                label={t('preJoin.microphone')}
                value={audioDevice() ?? ''}
                onValue={(id) => void startMic(id)}
                options={deviceOptions(devices().audio, 'preJoin.microphoneN')}
              />
            </Show>
          </div>
        </Show>
        <Show when={win().phase === 'early'}>
          <p role="timer" class="text-sm text-muted">
            {t('preJoin.opensIn')}{' '}
            <span class="font-semibold text-fg tabular-nums">{formatCountdown(win().opensIn)}</span>
          </p>
        </Show>
        <Show when={win().phase === 'over'}>
          <FormAlert tone="info">
            <p>{t('preJoin.over')}</p>
          </FormAlert>
        </Show>
        <Button
          class="w-full sm:w-auto"
          pending={room.phase().kind === 'joining'}
          disabled={win().phase !== 'open' || starting()}
          onClick={join}
        >
          {t('preJoin.join')}
        </Button>
        <Show when={!observer()}>
          <p class="text-xs text-muted max-sm:order-last">{t('preJoin.privacy')}</p>
        </Show>
      </div>
    </div>
  )
}
