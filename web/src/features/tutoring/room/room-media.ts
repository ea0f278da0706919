import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'
import { rmsLevel } from './room-speaker.ts'

const t = translator(messages)

const DEVICE_KEYS = { camera: 'device.camera', microphone: 'device.microphone' } as const

// The browser's camera, microphone and screen for the room: asking for them with sensible
// constraints, naming what went wrong, listing devices, and measuring audio levels (the pre-join
// meter, the mesh room's active speaker).

/** The camera and microphone the person takes into the room from the pre-join screen. */
export interface JoinMedia {
  mic?: MediaStreamTrack
  camera?: MediaStreamTrack
  micOn: boolean
  cameraOn: boolean
  audioDeviceId?: string
  videoDeviceId?: string
}

/** Small enough for a mesh of four on a home connection, sharp enough for a face and a notebook. */
export const VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 640 },
  height: { ideal: 360 },
  frameRate: { ideal: 24, max: 30 },
}
const AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
}

const withDevice = (base: MediaTrackConstraints, deviceId?: string): MediaTrackConstraints =>
  deviceId ? { ...base, deviceId: { exact: deviceId } } : base

/** A camera track (the chosen device, or the default). */
export async function openCamera(deviceId?: string): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: withDevice(VIDEO_CONSTRAINTS, deviceId) })
  return stream.getVideoTracks()[0]
}

/** A microphone track (the chosen device, or the default). */
export async function openMicrophone(deviceId?: string): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: withDevice(AUDIO_CONSTRAINTS, deviceId) })
  return stream.getAudioTracks()[0]
}

/** The screen (or a window or tab) the person picks; undefined when they cancel. */
export async function openScreen(): Promise<MediaStreamTrack | undefined> {
  try {
    const stream = await navigator.mediaDevices.getDisplayMedia({
      video: { frameRate: { ideal: 15 } },
      audio: false,
    })
    return stream.getVideoTracks()[0]
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'NotAllowedError' || error.name === 'AbortError'))
      return
    throw error
  }
}

/** Why a camera or microphone could not be opened, in words for people. */
export function mediaErrorMessage(error: unknown, what: 'camera' | 'microphone'): string {
  const name = error instanceof DOMException ? error.name : ''
  const device = t(DEVICE_KEYS[what])
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return t('media.denied', { device })
    case 'NotFoundError':
    case 'OverconstrainedError':
      return t('media.missing', { device })
    case 'NotReadableError':
    case 'AbortError':
      return t('media.busy', { device })
    default:
      return typeof navigator !== 'undefined' && !navigator.mediaDevices
        ? t('media.insecure')
        : t('media.failed', { device })
  }
}

/** Cameras and microphones (labels appear once the person allowed access). */
export async function listDevices(): Promise<{ audio: MediaDeviceInfo[]; video: MediaDeviceInfo[] }> {
  if (!navigator.mediaDevices?.enumerateDevices) return { audio: [], video: [] }
  const all = await navigator.mediaDevices.enumerateDevices()
  return {
    audio: all.filter((d) => d.kind === 'audioinput' && d.deviceId),
    video: all.filter((d) => d.kind === 'videoinput' && d.deviceId),
  }
}

/** Stops a track if there is one (the camera light goes off). */
export const stopTrack = (track: MediaStreamTrack | undefined) => track?.stop()

/**
 * Audio levels of several streams through one AudioContext: `watch` a stream under an id,
 * `levels()` reads them all (RMS, 0..1). Remote WebRTC audio only reaches WebAudio in Chromium
 * while it also plays in a media element, which the room does anyway.
 */
export function createAudioMonitor() {
  let ctx: AudioContext | undefined
  const sources = new Map<
    string,
    { source: MediaStreamAudioSourceNode; analyser: AnalyserNode; track: string }
  >()
  const buffer = new Uint8Array(512)

  function context(): AudioContext | undefined {
    if (ctx) return ctx
    const Ctor =
      globalThis.AudioContext ??
      (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext
    if (!Ctor) return
    ctx = new Ctor()
    return ctx
  }

  function unwatch(id: string) {
    const s = sources.get(id)
    if (!s) return
    s.source.disconnect()
    sources.delete(id)
  }

  return {
    /** Measures the audio of `stream` as `id` (again when its audio track changed). */
    watch(id: string, stream: MediaStream | undefined) {
      const track = stream?.getAudioTracks()[0]
      if (!track) return unwatch(id)
      if (sources.get(id)?.track === track.id) return
      unwatch(id)
      const c = context()
      if (!c) return
      if (c.state === 'suspended') void c.resume().catch(() => {})
      const source = c.createMediaStreamSource(new MediaStream([track]))
      const analyser = c.createAnalyser()
      analyser.fftSize = 512
      source.connect(analyser)
      sources.set(id, { source, analyser, track: track.id })
    },
    unwatch,
    /** The current level of every watched stream. */
    levels(): Map<string, number> {
      const out = new Map<string, number>()
      for (const [id, { analyser }] of sources) {
        analyser.getByteTimeDomainData(buffer)
        out.set(id, rmsLevel(buffer))
      }
      return out
    },
    close() {
      for (const id of [...sources.keys()]) unwatch(id)
      void ctx?.close().catch(() => {})
      ctx = undefined
    },
  }
}

export type AudioMonitor = ReturnType<typeof createAudioMonitor>
