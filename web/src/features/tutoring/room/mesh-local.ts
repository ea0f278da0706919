import type { SetStoreFunction } from 'solid-js/store'
import type { AudioMonitor, JoinMedia } from './room-media.ts'
import { openCamera, openMicrophone, openScreen } from './room-media.ts'
import type { RoomState } from './room-transport.ts'

// My microphone, camera and screen in a mesh room. Tracks change on every connection with
// replaceTrack (so muting or switching a device never renegotiates), my tile shows what I send,
// and a `media` event tells the others what is on.

export interface MeshLocalOptions {
  me: string
  media: JoinMedia
  state: RoomState
  setState: SetStoreFunction<RoomState>
  /** Puts a track on every connection (null: send nothing of that kind). */
  replaceEverywhere: (kind: 'audio' | 'video', track: MediaStreamTrack | null) => Promise<void>
  monitor: AudioMonitor
  /** Tells the others what is on (observers publish nothing). */
  publish: (event: string, data: unknown) => boolean
  publishing: boolean
  closed: () => boolean
}

/** My media in a mesh room; see the module comment. */
export function createMeshLocal(opts: MeshLocalOptions) {
  const { state, setState } = opts
  let mic = opts.media.mic
  let camera = opts.media.cameraOn ? opts.media.camera : undefined
  let screen: MediaStreamTrack | undefined
  if (mic) mic.enabled = opts.media.micOn
  /** The stream id my tracks travel under, so each peer sees one stream of mine. */
  const stream = new MediaStream()

  setState('local', {
    micOn: !!mic && opts.media.micOn,
    cameraOn: !!camera,
    screen: false,
    video: camera ? new MediaStream([camera]) : undefined,
    audioDeviceId: opts.media.audioDeviceId,
    videoDeviceId: opts.media.videoDeviceId,
  })

  const outgoingVideo = () => screen ?? camera ?? null

  function updateLocalVideo() {
    const track = outgoingVideo()
    setState('local', 'video', track ? new MediaStream([track]) : undefined)
  }

  function publishMedia() {
    if (!opts.publishing) return
    opts.publish('media', {
      audio: state.local.micOn,
      video: state.local.cameraOn,
      screen: state.local.screen,
    })
  }

  const local = {
    /** What a new connection sends (undefined for observers). */
    outgoing: () => (opts.publishing ? { stream, audio: mic ?? null, video: outgoingVideo() } : undefined),
    /** Starts measuring my own microphone for the speaker highlight. */
    watchMic: () => mic && opts.monitor.watch(opts.me, new MediaStream([mic])),
    publishMedia,

    async setMic(on: boolean) {
      if (on && !mic) {
        mic = await openMicrophone(state.local.audioDeviceId)
        await opts.replaceEverywhere('audio', mic)
        opts.monitor.watch(opts.me, new MediaStream([mic]))
      }
      if (mic) mic.enabled = on
      setState('local', 'micOn', on && !!mic)
      publishMedia()
    },

    async setCamera(on: boolean) {
      if (on && !camera) {
        camera = await openCamera(state.local.videoDeviceId)
        if (opts.closed()) return camera.stop()
      } else if (!on && camera) {
        camera.stop()
        camera = undefined
      }
      if (!screen) await opts.replaceEverywhere('video', camera ?? null)
      setState('local', 'cameraOn', !!camera)
      updateLocalVideo()
      publishMedia()
    },

    async setScreen(on: boolean): Promise<boolean> {
      if (on && !screen) {
        const track = await openScreen()
        if (!track) return false
        screen = track
        // The browser's own "Stop sharing" button ends the track.
        track.onended = () => void local.setScreen(false)
      } else if (!on && screen) {
        screen.onended = null
        screen.stop()
        screen = undefined
      }
      await opts.replaceEverywhere('video', outgoingVideo())
      setState('local', 'screen', !!screen)
      updateLocalVideo()
      publishMedia()
      return true
    },

    async useDevice(kind: 'audioinput' | 'videoinput', deviceId: string) {
      if (kind === 'audioinput') {
        setState('local', 'audioDeviceId', deviceId)
        if (!mic) return
        const next = await openMicrophone(deviceId)
        next.enabled = mic.enabled
        mic.stop()
        mic = next
        await opts.replaceEverywhere('audio', mic)
        opts.monitor.watch(opts.me, new MediaStream([mic]))
      } else {
        setState('local', 'videoDeviceId', deviceId)
        if (!camera) return
        const next = await openCamera(deviceId)
        camera.stop()
        camera = next
        if (!screen) await opts.replaceEverywhere('video', camera)
        updateLocalVideo()
      }
    },

    /** Stops every track (the camera light goes off). */
    stop() {
      for (const track of [mic, camera, screen]) track?.stop()
      mic = camera = screen = undefined
      setState('local', { micOn: false, cameraOn: false, screen: false, video: undefined })
    },
  }
  return local
}

export type MeshLocal = ReturnType<typeof createMeshLocal>
