import { createStore, produce, reconcile } from 'solid-js/store'
import type { RoomRole } from '../../../../../edge/contract/tutoring.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'
import type { JoinMedia } from './room-media.ts'
import { type RemotePeer, RoomError, type RoomState, type RoomTransport } from './room-transport.ts'

// The LiveKit transport: livekit-client, loaded here with a dynamic import so only the room page
// downloads it (~137 KB gzip). LiveKit owns the camera and microphone once connected (it restarts
// them on unmute and switches devices); the pre-join tracks are handed back before publishing.
// The data saver unsubscribes from every remote video track (the server stops sending it); sound
// stays subscribed.

type LiveKit = typeof import('livekit-client')
type Room = import('livekit-client').Room
type Participant = import('livekit-client').Participant
type RemoteTrackPublication = import('livekit-client').RemoteTrackPublication

export interface LiveKitOptions {
  url: string
  token: string
  role: RoomRole
  media: JoinMedia
  /** Connect gives up after this long (an unreachable server must not spin forever). */
  connectTimeoutMs?: number
}

const t = translator(messages)

const ROLES = new Set<RoomRole>(['moderator', 'participant', 'observer'])

/** The role in a participant's metadata: the plain role, or `{ "role": … }`. */
export function roleFromMetadata(metadata: string | undefined): RoomRole | null {
  if (!metadata) return null
  if (ROLES.has(metadata as RoomRole)) return metadata as RoomRole
  try {
    const role = (JSON.parse(metadata) as { role?: unknown })?.role
    return ROLES.has(role as RoomRole) ? (role as RoomRole) : null
  } catch {
    return null
  }
}

function unreachable(url: string): RoomError {
  let host = url
  try {
    host = new URL(url).host
  } catch {}
  return new RoomError(t('error.unreachable', { host }))
}

export function createLiveKitTransport(opts: LiveKitOptions): RoomTransport {
  const publishing = opts.role !== 'observer'
  let lk: LiveKit | undefined
  let room: Room | undefined
  let closed = false
  let connected = false
  let receivingVideo = true

  const [state, setState] = createStore<RoomState>({
    connection: 'connecting',
    local: {
      micOn: false,
      cameraOn: false,
      screen: false,
      audioDeviceId: opts.media.audioDeviceId,
      videoDeviceId: opts.media.videoDeviceId,
    },
    peers: {},
  })

  // One stream object per track, so a tile keeps its element's source while nothing changed.
  const streams = new Map<string, MediaStream>()
  function streamOf(track: MediaStreamTrack | undefined): MediaStream | undefined {
    if (!track) return
    let stream = streams.get(track.id)
    if (!stream) {
      stream = new MediaStream([track])
      streams.set(track.id, stream)
    }
    return stream
  }

  /** A participant's tiles from their publications: screen over camera, microphone apart. */
  function peerOf(p: Participant): RemotePeer {
    const { Track } = lk!
    const screenPub = p.getTrackPublication(Track.Source.ScreenShare)
    const cameraPub = p.getTrackPublication(Track.Source.Camera)
    const micPub = p.getTrackPublication(Track.Source.Microphone)
    const screen = !!screenPub?.track && !screenPub.isMuted
    const cameraOn = !!cameraPub?.track && !cameraPub.isMuted
    return {
      id: p.identity,
      role: roleFromMetadata(p.metadata),
      name: p.name || undefined,
      video: streamOf(
        screen
          ? screenPub?.track?.mediaStreamTrack
          : cameraOn
            ? cameraPub?.track?.mediaStreamTrack
            : undefined,
      ),
      audio: streamOf(micPub?.track?.mediaStreamTrack),
      micOn: !!micPub && !micPub.isMuted,
      cameraOn,
      screen,
      link: 'connected',
    }
  }

  function refreshPeer(p: Participant) {
    if (closed || !room || p.identity === room.localParticipant.identity) return
    setState('peers', p.identity, reconcile(peerOf(p)))
  }

  function dropPeer(p: Participant) {
    setState(
      'peers',
      produce((peers) => {
        delete peers[p.identity]
      }),
    )
  }

  function refreshLocal() {
    if (!room || !lk) return
    const me = room.localParticipant
    const { Track } = lk
    const screenTrack = me.getTrackPublication(Track.Source.ScreenShare)?.track?.mediaStreamTrack
    const cameraPub = me.getTrackPublication(Track.Source.Camera)
    const cameraOn = !!cameraPub?.track && !cameraPub.isMuted
    setState('local', {
      micOn: me.isMicrophoneEnabled,
      cameraOn,
      screen: !!screenTrack,
      video: streamOf(screenTrack ?? (cameraOn ? cameraPub?.track?.mediaStreamTrack : undefined)),
    })
  }

  /** Subscribes to a remote track or not: sound always, video unless the data saver is on. */
  function applySubscription(pub: RemoteTrackPublication) {
    const wanted = pub.kind !== lk?.Track.Kind.Video || receivingVideo
    if (pub.isDesired !== wanted) pub.setSubscribed(wanted)
  }

  function applySubscriptions() {
    room?.remoteParticipants.forEach((p) => {
      p.trackPublications.forEach(applySubscription)
    })
  }

  function wire(r: Room, L: LiveKit) {
    const E = L.RoomEvent
    const everyone = () => r.remoteParticipants.forEach(refreshPeer)
    r.on(E.ParticipantConnected, refreshPeer)
      .on(E.ParticipantDisconnected, dropPeer)
      .on(E.ParticipantNameChanged, (_name, p) => refreshPeer(p))
      .on(E.ParticipantMetadataChanged, (_m, p) => refreshPeer(p))
      .on(E.TrackPublished, (pub, p) => {
        applySubscription(pub)
        refreshPeer(p)
      })
      .on(E.TrackSubscribed, (_t, pub, p) => {
        applySubscription(pub)
        refreshPeer(p)
      })
      .on(E.TrackUnsubscribed, (_t, _pub, p) => refreshPeer(p))
      .on(E.TrackMuted, (_pub, p) => (p === r.localParticipant ? refreshLocal() : refreshPeer(p)))
      .on(E.TrackUnmuted, (_pub, p) => (p === r.localParticipant ? refreshLocal() : refreshPeer(p)))
      .on(E.LocalTrackPublished, refreshLocal)
      .on(E.LocalTrackUnpublished, refreshLocal)
      .on(E.ActiveSpeakersChanged, (speakers) => setState('speaker', speakers[0]?.identity))
      .on(E.Reconnecting, () => setState('connection', 'reconnecting'))
      .on(E.SignalReconnecting, () => setState('connection', 'reconnecting'))
      .on(E.Reconnected, () => {
        setState('connection', 'connected')
        everyone()
      })
      .on(E.Disconnected, (reason) => {
        // A failed connect also ends in Disconnected; connect() reports that one itself.
        if (closed || !connected) return
        const R = L.DisconnectReason
        const closedBy =
          reason === R.PARTICIPANT_REMOVED ? 'removed' : reason === R.ROOM_DELETED ? 'ended' : 'lost'
        setState({ connection: 'closed', closedBy, peers: {} })
      })
  }

  async function connect() {
    if (room) return
    try {
      lk = await import('livekit-client')
    } catch {
      throw fail(new RoomError(t('error.load')))
    }
    if (closed) throw new RoomError(t('error.left'), false)
    const L = lk
    // The pre-join preview's tracks go back; LiveKit opens the same devices itself.
    opts.media.mic?.stop()
    opts.media.camera?.stop()
    const r = new L.Room({
      adaptiveStream: false,
      dynacast: true,
      audioCaptureDefaults: { deviceId: opts.media.audioDeviceId },
      videoCaptureDefaults: {
        deviceId: opts.media.videoDeviceId,
        resolution: L.VideoPresets.h360.resolution,
      },
    })
    room = r
    wire(r, L)
    const timeoutMs = opts.connectTimeoutMs ?? 10_000
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      await Promise.race([
        r.connect(opts.url, opts.token, { autoSubscribe: true, maxRetries: 1, websocketTimeout: timeoutMs }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)
        }),
      ])
    } catch {
      void r.disconnect()
      room = undefined
      throw fail(unreachable(opts.url))
    } finally {
      clearTimeout(timer)
    }
    if (closed) {
      void r.disconnect()
      throw new RoomError(t('error.left'), false)
    }
    connected = true
    setState('connection', 'connected')
    applySubscriptions()
    r.remoteParticipants.forEach(refreshPeer)
    if (publishing) {
      // A device that cannot open does not keep the person out of the room.
      await r.localParticipant.setMicrophoneEnabled(opts.media.micOn).catch(() => {})
      await r.localParticipant.setCameraEnabled(opts.media.cameraOn).catch(() => {})
    }
    refreshLocal()
  }

  function fail(error: RoomError): RoomError {
    setState({ connection: 'failed', error: error.message })
    return error
  }

  return {
    kind: 'livekit',
    state,
    connect,
    close() {
      if (closed) return
      closed = true
      void room?.disconnect()
      opts.media.mic?.stop()
      opts.media.camera?.stop()
      setState({ connection: 'closed', peers: {} })
    },
    async setMic(on) {
      await room?.localParticipant.setMicrophoneEnabled(on)
      refreshLocal()
    },
    async setCamera(on) {
      await room?.localParticipant.setCameraEnabled(on)
      refreshLocal()
    },
    async setScreen(on) {
      try {
        await room?.localParticipant.setScreenShareEnabled(on)
      } catch (error) {
        if (
          error instanceof DOMException &&
          (error.name === 'NotAllowedError' || error.name === 'AbortError')
        )
          return false
        throw error
      }
      refreshLocal()
      return true
    },
    receiveVideo(on) {
      receivingVideo = on
      applySubscriptions()
    },
    async useDevice(kind, deviceId) {
      setState('local', kind === 'audioinput' ? 'audioDeviceId' : 'videoDeviceId', deviceId)
      await room?.switchActiveDevice(kind, deviceId)
      refreshLocal()
    },
  }
}
