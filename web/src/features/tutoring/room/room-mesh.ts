import { createStore } from 'solid-js/store'
import type { RoomRole } from '../../../../../edge/contract/tutoring.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { createMeshLocal } from './mesh-local.ts'
import { createMeshPeers } from './mesh-peers.ts'
import { messages } from './messages.ts'
import { type AudioMonitor, createAudioMonitor, type JoinMedia } from './room-media.ts'
import { createSpeakerPicker } from './room-speaker.ts'
import { RoomError, type RoomState, type RoomTransport } from './room-transport.ts'

// The peer-to-peer transport: every two people in the room hold one RTCPeerConnection (a full
// mesh, at most P2P_MAX_PEERS people; mesh-link.ts), signalled over the live topic `session:<id>`
// (who is there and the signals: mesh-peers.ts). My own media is mesh-local.ts; observers (staff)
// receive and never send. This file ties them together: the store the UI reads, the wait for the
// live topic, starting over after the socket dropped, the active speaker, and closing.

const t = translator(messages)

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

export function createMeshTransport(opts: MeshOptions): RoomTransport {
  const monitor: AudioMonitor = createAudioMonitor()
  const picker = createSpeakerPicker()
  let closed = false
  let subscribed = false
  let receivingVideo = true
  let speakerTimer: ReturnType<typeof setInterval> | undefined
  let connectWaiter:
    | { resolve: () => void; reject: (e: unknown) => void; timer: ReturnType<typeof setTimeout> }
    | undefined

  const [state, setState] = createStore<RoomState>({
    connection: 'connecting',
    local: { micOn: false, cameraOn: false, screen: false },
    peers: {},
  })
  const common = { me: opts.me, publishing: opts.role !== 'observer', state, setState, monitor }
  const local = createMeshLocal({
    ...common,
    media: opts.media,
    replaceEverywhere: (kind, track) => peers.replaceEverywhere(kind, track),
    publish: opts.publish,
    closed: () => closed,
  })
  const peers = createMeshPeers({
    ...common,
    iceServers: opts.iceServers,
    local,
    publish: opts.publish,
    onLinkChange: refreshConnection,
    receiveVideo: () => receivingVideo,
    closed: () => closed,
  })

  function refreshConnection() {
    if (closed || !subscribed) return
    const unstable = Object.values(state.peers).some((p) => p.link === 'unstable')
    setState('connection', unstable ? 'reconnecting' : 'connected')
  }

  function sampleSpeakers() {
    const levels = monitor.levels()
    if (!state.local.micOn) levels.delete(opts.me)
    for (const [id] of levels) if (id !== opts.me && state.peers[id]?.micOn === false) levels.delete(id)
    const speaker = picker.update(levels, Date.now())
    if (speaker !== state.speaker) setState('speaker', speaker)
  }

  function settleConnect(error?: RoomError) {
    if (!connectWaiter) return
    clearTimeout(connectWaiter.timer)
    if (error) connectWaiter.reject(error)
    else connectWaiter.resolve()
    connectWaiter = undefined
  }

  return {
    kind: 'p2p',
    state,

    connect() {
      if (subscribed) return Promise.resolve()
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          connectWaiter = undefined
          const error = new RoomError(t('error.noAnswer'))
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
        local.watchMic()
        speakerTimer = setInterval(sampleSpeakers, 200)
        settleConnect()
      } else {
        // Back after the live socket dropped. The others heard we left and closed their side, and
        // signals were lost meanwhile: start every connection anew (the roster that follows the
        // subscription, and the others' presence events, rebuild them).
        peers.clear()
      }
      refreshConnection()
      local.publishMedia()
    },

    handleLiveEvent: (event) => !closed && peers.handle(event),
    setMic: local.setMic,
    setCamera: local.setCamera,
    setScreen: local.setScreen,
    useDevice: local.useDevice,
    receiveVideo(on) {
      receivingVideo = on
      peers.applyVideoReceiving()
    },

    close() {
      if (closed) return
      closed = true
      clearInterval(speakerTimer)
      settleConnect(new RoomError(t('error.left'), false))
      peers.clear()
      local.stop()
      monitor.close()
      setState('connection', 'closed')
    },
  }
}
