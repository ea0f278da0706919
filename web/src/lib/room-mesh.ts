import { createStore, produce } from 'solid-js/store'
import { type RoomRole, SignalEvent } from '../../../edge/contract/tutoring.ts'
import type { LiveEvent } from './live.ts'
import {
  type AudioMonitor,
  createAudioMonitor,
  type JoinMedia,
  openCamera,
  openMicrophone,
  openScreen,
} from './room-media.ts'
import { candidateSignal, createNegotiator, isPolite, type Negotiator } from './room-negotiation.ts'
import { createSpeakerPicker } from './room-speaker.ts'
import { type RemotePeer, RoomError, type RoomState, type RoomTransport } from './room-transport.ts'

// The peer-to-peer transport: every two people in the room hold one RTCPeerConnection (a full
// mesh, at most P2P_MAX_PEERS people), signalled over the live topic `session:<id>` — `roster` and
// `presence` say who is there, `signal` carries offers, answers and ICE candidates to one peer,
// `media` says whose microphone, camera or screen is on. Observers (staff) receive and never send.
// Tracks change with replaceTrack, so muting or switching a device never renegotiates.

export interface MeshOptions {
  /** My user id. */
  me: string
  role: RoomRole
  iceServers: RTCIceServer[]
  media: JoinMedia
  /** Publishes on the room's live topic (false when the socket is down). */
  publish: (event: string, data: unknown, to?: string) => boolean
  /** How long connect waits for the live topic before giving up. */
  connectTimeoutMs?: number
}

interface Link {
  id: string
  pc: RTCPeerConnection
  negotiator: Negotiator
  audio?: RTCRtpSender
  video?: RTCRtpSender
  /** Everything this peer sends arrives in one stream (they send with one msid). */
  stream?: MediaStream
  /** This side started the connection; it also restarts ICE when the connection does not come up. */
  initiator: boolean
  /** The peer's last offer and the candidates after it, to replay on a fresh connection. */
  sinceOffer: SignalEvent[]
  watchdog: ReturnType<typeof setInterval>
}

const toIce = (servers: RTCIceServer[]) => servers.map((s) => ({ ...s }))
/** How often a connection that is not up is checked; two checks in a row restart ICE. */
const WATCHDOG_MS = 5000

export function createMeshTransport(opts: MeshOptions): RoomTransport {
  const publishing = opts.role !== 'observer'
  let mic = opts.media.mic
  let camera = opts.media.cameraOn ? opts.media.camera : undefined
  let screen: MediaStreamTrack | undefined
  if (mic) mic.enabled = opts.media.micOn
  /** The stream id my tracks travel under, so each peer sees one stream of mine. */
  const outStream = new MediaStream()
  /** People the roster or presence told me about (observers hidden from me are not), by role. */
  const present = new Map<string, RoomRole | null>()
  const links = new Map<string, Link>()
  const monitor: AudioMonitor = createAudioMonitor()
  const picker = createSpeakerPicker()
  let closed = false
  let subscribed = false
  let speakerTimer: ReturnType<typeof setInterval> | undefined
  let connectWaiter:
    | { resolve: () => void; reject: (e: unknown) => void; timer: ReturnType<typeof setTimeout> }
    | undefined

  const [state, setState] = createStore<RoomState>({
    connection: 'connecting',
    local: {
      micOn: !!mic && opts.media.micOn,
      cameraOn: !!camera,
      screen: false,
      video: camera ? new MediaStream([camera]) : undefined,
      audioDeviceId: opts.media.audioDeviceId,
      videoDeviceId: opts.media.videoDeviceId,
    },
    peers: {},
  })

  const outgoingVideo = () => screen ?? camera ?? null

  /** What each peer said about their media (`media` events); someone not heard from has both on. */
  const announced = new Map<string, { audio: boolean; video: boolean; screen: boolean }>()

  /**
   * A peer's tile state: what they announced, and whether their picture really arrives (a peer's
   * video track is muted while no frames come — camera off before we joined, e.g. for an observer
   * who hears no `media` events from before).
   */
  function mediaOf(id: string): Pick<RemotePeer, 'micOn' | 'cameraOn' | 'screen'> {
    const said = announced.get(id) ?? { audio: true, video: true, screen: false }
    const flowing = !!links
      .get(id)
      ?.stream?.getVideoTracks()
      .some((t) => !t.muted)
    return { micOn: said.audio, cameraOn: said.video && flowing, screen: said.screen && flowing }
  }

  function updateLocalVideo() {
    const track = outgoingVideo()
    setState('local', 'video', track ? new MediaStream([track]) : undefined)
  }

  function publishMedia() {
    if (!publishing) return
    opts.publish('media', {
      audio: state.local.micOn,
      video: state.local.cameraOn,
      screen: state.local.screen,
    })
  }

  async function replaceEverywhere(kind: 'audio' | 'video', track: MediaStreamTrack | null) {
    await Promise.all(
      [...links.values()].map((l) =>
        (kind === 'audio' ? l.audio : l.video)?.replaceTrack(track).catch(() => {}),
      ),
    )
  }

  function refreshConnection() {
    if (closed || !subscribed) return
    const unstable = Object.values(state.peers).some((p) => p.link === 'unstable')
    setState('connection', unstable ? 'reconnecting' : 'connected')
  }

  /** Updates the tile of someone present (nothing for hidden observers). */
  function setPeer(id: string, patch: Partial<RemotePeer>) {
    if (!state.peers[id]) return
    setState('peers', id, patch)
  }

  /**
   * Who starts the connection of a pair, so the first offers never collide (a polite side that
   * rolled its offer back sometimes never sends ICE candidates in Chromium): an observer starts
   * (the others do not know they are there), otherwise the impolite side.
   */
  function initiates(peer: string, role: RoomRole | null): boolean {
    if (!publishing) return true
    if (role === 'observer') return false
    return !isPolite(opts.me, peer)
  }

  /** Someone is in the room (roster, presence): their tile, and the connection when I start it. */
  function meet(id: string, role: RoomRole | null) {
    if (closed || id === opts.me) return
    const known = role ?? present.get(id) ?? null
    present.set(id, known)
    // Two observers have nothing to exchange.
    if (!publishing && known === 'observer') return
    if (!state.peers[id]) {
      setState('peers', id, {
        id,
        role: known,
        ...mediaOf(id),
        link: 'connecting',
        video: links.get(id)?.stream,
        audio: links.get(id)?.stream,
      })
    } else if (role) setPeer(id, { role })
    if (initiates(id, known)) ensureLink(id, true)
  }

  /** Someone left: their connection and tile go. */
  function part(id: string) {
    present.delete(id)
    dropLink(id)
    setState(
      'peers',
      produce((peers) => {
        delete peers[id]
      }),
    )
    refreshConnection()
  }

  /** The connection to `id`, made on first need. */
  function ensureLink(id: string, initiator: boolean): Link | undefined {
    if (closed || id === opts.me) return
    const existing = links.get(id)
    if (existing) return existing
    const pc = new RTCPeerConnection({ iceServers: toIce(opts.iceServers) })
    const link: Link = {
      id,
      pc,
      initiator,
      sinceOffer: [],
      negotiator: createNegotiator({
        pc,
        polite: isPolite(opts.me, id),
        send: (signal) => opts.publish('signal', signal, id),
        onError: (error) => console.warn(`[room] negotiation with ${id} failed`, error),
      }),
      // A connection that does not come up (lost candidates, a network change) gets a new ICE round.
      watchdog: setInterval(() => {
        const ice = pc.iceConnectionState
        const down = ice === 'new' || ice === 'checking' || ice === 'disconnected' || ice === 'failed'
        if (!down || pc.signalingState !== 'stable' || !pc.remoteDescription) {
          strikes = 0
          return
        }
        if (++strikes >= 2 && link.initiator) {
          strikes = 0
          pc.restartIce()
        }
      }, WATCHDOG_MS),
    }
    let strikes = 0
    if (publishing) {
      link.audio = pc.addTransceiver(mic ?? 'audio', { direction: 'sendrecv', streams: [outStream] }).sender
      link.video = pc.addTransceiver(outgoingVideo() ?? 'video', {
        direction: 'sendrecv',
        streams: [outStream],
      }).sender
    } else {
      pc.addTransceiver('audio', { direction: 'recvonly' })
      pc.addTransceiver('video', { direction: 'recvonly' })
    }
    pc.onnegotiationneeded = () => void link.negotiator.negotiationNeeded()
    pc.onicecandidate = ({ candidate }) => {
      if (candidate) opts.publish('signal', candidateSignal(candidate.toJSON()), id)
    }
    pc.ontrack = (event) => {
      const stream = event.streams[0] ?? link.stream ?? new MediaStream()
      if (!event.streams[0] && !stream.getTrackById(event.track.id)) stream.addTrack(event.track)
      link.stream = stream
      setPeer(id, { video: stream, audio: stream, ...mediaOf(id) })
      monitor.watch(id, stream)
      if (event.track.kind === 'video') {
        const track = event.track
        track.onmute = track.onunmute = () => links.get(id) === link && setPeer(id, mediaOf(id))
      }
    }
    pc.oniceconnectionstatechange = () => {
      const ice = pc.iceConnectionState
      if (ice === 'connected' || ice === 'completed') setPeer(id, { link: 'connected' })
      else if (ice === 'disconnected' || ice === 'failed') setPeer(id, { link: 'unstable' })
      // The starter of the pair begins a new ICE round through perfect negotiation.
      if (ice === 'failed' && link.initiator) pc.restartIce()
      refreshConnection()
    }
    links.set(id, link)
    return link
  }

  /** Closes the connection to `id` (their tile stays while they are present). */
  function dropLink(id: string) {
    const link = links.get(id)
    if (!link) return
    clearInterval(link.watchdog)
    link.negotiator.close()
    link.pc.onnegotiationneeded = link.pc.onicecandidate = link.pc.ontrack = null
    link.pc.oniceconnectionstatechange = null
    link.pc.close()
    links.delete(id)
    monitor.unwatch(id)
    setPeer(id, { link: 'connecting', video: undefined, audio: undefined, ...mediaOf(id) })
  }

  /**
   * Applies a peer's signal. An offer our connection cannot take (its m-lines do not match) means
   * the peer started a new connection — they reloaded, or their socket dropped and they heard we
   * left — so ours is replaced and their offer and candidates are applied to the new one.
   */
  function receiveSignal(from: string, signal: SignalEvent, retried = false) {
    const link = ensureLink(from, false)
    if (!link) return
    if (signal.description?.type === 'offer') link.sinceOffer = [signal]
    else if (signal.candidate) link.sinceOffer.push(signal)
    link.negotiator.receive(signal).catch((error) => {
      if (signal.description?.type !== 'offer' || retried || links.get(from) !== link) {
        console.warn(`[room] a signal from ${from} could not be applied`, error)
        return
      }
      const replay = link.sinceOffer
      dropLink(from)
      ensureLink(from, false)
      for (const [i, s] of replay.entries()) receiveSignal(from, s, i === 0)
    })
  }

  function sampleSpeakers() {
    const levels = monitor.levels()
    if (!state.local.micOn) levels.delete(opts.me)
    for (const [id] of levels) if (id !== opts.me && state.peers[id]?.micOn === false) levels.delete(id)
    const speaker = picker.update(levels, Date.now())
    if (speaker !== state.speaker) setState('speaker', speaker)
  }

  function handleLiveEvent(event: LiveEvent) {
    if (closed) return
    const data = event.data as Record<string, unknown> | unknown[] | null
    switch (event.event) {
      case 'roster':
        if (!Array.isArray(data)) return
        for (const entry of data as { user_id?: unknown; role?: unknown }[]) {
          if (typeof entry?.user_id === 'string') meet(entry.user_id, (entry.role as RoomRole) ?? null)
        }
        return
      case 'presence': {
        const d = data as { user_id?: unknown; role?: unknown; present?: unknown } | null
        if (typeof d?.user_id !== 'string' || d.user_id === opts.me) return
        if (d.present) {
          meet(d.user_id, (d.role as RoomRole) ?? null)
          // The newcomer has not heard what my microphone and camera are doing.
          publishMedia()
        } else part(d.user_id)
        return
      }
      case 'signal': {
        if (!event.from || event.from === opts.me) return
        const signal = SignalEvent.safeParse(data)
        if (signal.success) receiveSignal(event.from, signal.data)
        return
      }
      case 'media': {
        const d = data as { audio?: unknown; video?: unknown; screen?: unknown } | null
        if (!event.from || typeof d?.audio !== 'boolean') return
        announced.set(event.from, { audio: d.audio, video: d.video === true, screen: d.screen === true })
        setPeer(event.from, mediaOf(event.from))
        return
      }
    }
  }

  const transport: RoomTransport = {
    kind: 'p2p',
    state,

    connect() {
      if (subscribed) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          connectWaiter = undefined
          const error = new RoomError(
            'Could not reach the room: the live connection did not answer. Check your connection and try again.',
          )
          setState({ connection: 'failed', error: error.message })
          reject(error)
        }, opts.connectTimeoutMs ?? 10_000)
        connectWaiter = { resolve, reject, timer }
      })
    },

    resync() {
      if (closed) return
      if (!subscribed) {
        subscribed = true
        if (mic) monitor.watch(opts.me, new MediaStream([mic]))
        speakerTimer = setInterval(sampleSpeakers, 200)
        if (connectWaiter) {
          clearTimeout(connectWaiter.timer)
          connectWaiter.resolve()
          connectWaiter = undefined
        }
      } else {
        // Back after the live socket dropped. The others heard we left and closed their side, and
        // signals were lost meanwhile: start every connection anew (the roster that follows the
        // subscription, and the others' presence events, rebuild them).
        for (const id of [...present.keys()]) part(id)
        for (const id of [...links.keys()]) dropLink(id)
      }
      refreshConnection()
      publishMedia()
    },

    handleLiveEvent,

    async setMic(on) {
      if (on && !mic) {
        mic = await openMicrophone(state.local.audioDeviceId)
        await replaceEverywhere('audio', mic)
        monitor.watch(opts.me, new MediaStream([mic]))
      }
      if (mic) mic.enabled = on
      setState('local', 'micOn', on && !!mic)
      publishMedia()
    },

    async setCamera(on) {
      if (on && !camera) {
        camera = await openCamera(state.local.videoDeviceId)
        if (closed) return camera.stop()
      } else if (!on && camera) {
        camera.stop()
        camera = undefined
      }
      if (!screen) await replaceEverywhere('video', camera ?? null)
      setState('local', 'cameraOn', !!camera)
      updateLocalVideo()
      publishMedia()
    },

    async setScreen(on) {
      if (on && !screen) {
        const track = await openScreen()
        if (!track) return false
        screen = track
        // The browser's own "Stop sharing" button ends the track.
        track.onended = () => void transport.setScreen(false)
      } else if (!on && screen) {
        screen.onended = null
        screen.stop()
        screen = undefined
      }
      await replaceEverywhere('video', outgoingVideo())
      setState('local', 'screen', !!screen)
      updateLocalVideo()
      publishMedia()
      return true
    },

    async useDevice(kind, deviceId) {
      if (kind === 'audioinput') {
        setState('local', 'audioDeviceId', deviceId)
        if (!mic) return
        const next = await openMicrophone(deviceId)
        next.enabled = mic.enabled
        mic.stop()
        mic = next
        await replaceEverywhere('audio', mic)
        monitor.watch(opts.me, new MediaStream([mic]))
      } else {
        setState('local', 'videoDeviceId', deviceId)
        if (!camera) return
        const next = await openCamera(deviceId)
        camera.stop()
        camera = next
        if (!screen) await replaceEverywhere('video', camera)
        updateLocalVideo()
      }
    },

    close() {
      if (closed) return
      closed = true
      clearInterval(speakerTimer)
      if (connectWaiter) {
        clearTimeout(connectWaiter.timer)
        connectWaiter.reject(new RoomError('You left the room.', false))
        connectWaiter = undefined
      }
      for (const id of [...present.keys()]) part(id)
      for (const id of [...links.keys()]) dropLink(id)
      for (const track of [mic, camera, screen]) track?.stop()
      mic = camera = screen = undefined
      monitor.close()
      setState({
        connection: 'closed',
        local: { ...state.local, micOn: false, cameraOn: false, screen: false, video: undefined },
      })
    },
  }
  return transport
}
