import type { SignalEvent } from '../../../../../edge/contract/tutoring.ts'
import { candidateSignal, createNegotiator, isPolite } from './room-negotiation.ts'

// One RTCPeerConnection of a mesh room, to one other person: my tracks go out under one stream
// id, theirs arrive in one stream, offers and answers follow perfect negotiation
// (room-negotiation.ts), and a connection that does not come up gets a new ICE round. With the data
// saver on, no video comes in: every video transceiver stops receiving (a direction change, so the
// renegotiation tells the peer's browser to stop sending it).

export interface MeshLinkOptions {
  me: string
  peer: string
  /** This side starts the connection; it also restarts ICE when the connection does not come up. */
  initiator: boolean
  iceServers: RTCIceServer[]
  /** What I send; undefined for observers, who only receive. */
  send?: { stream: MediaStream; audio: MediaStreamTrack | null; video: MediaStreamTrack | null }
  /** Sends a signal (offer, answer, candidate) to the peer over the live topic. */
  signal: (signal: SignalEvent) => void
  /** The peer's stream got a track. */
  onStream: (stream: MediaStream) => void
  /** The peer's video track started or stopped delivering frames. */
  onVideoFlow: () => void
  /** The ICE state changed: `connected`, `unstable` (disconnected, failed) or neither. */
  onLink: (link: 'connected' | 'unstable' | undefined) => void
  /** Whether the peer's video is wanted now (false: the data saver is on). */
  receiveVideo: () => boolean
}

/** A video transceiver's direction with receiving switched on or off; what it sends stays. */
export function videoDirection(
  direction: RTCRtpTransceiverDirection,
  receive: boolean,
): RTCRtpTransceiverDirection {
  if (direction === 'stopped') return direction
  const sends = direction === 'sendrecv' || direction === 'sendonly'
  if (receive) return sends ? 'sendrecv' : 'recvonly'
  return sends ? 'sendonly' : 'inactive'
}

/** How often a connection that is not up is checked; two checks in a row restart ICE. */
const WATCHDOG_MS = 5000

/** A link to one peer; see the module comment. */
export function createMeshLink(opts: MeshLinkOptions) {
  const pc = new RTCPeerConnection({ iceServers: opts.iceServers.map((s) => ({ ...s })) })
  const negotiator = createNegotiator({
    pc,
    polite: isPolite(opts.me, opts.peer),
    send: opts.signal,
    onError: (error) => console.warn(`[room] negotiation with ${opts.peer} failed`, error),
  })
  let stream: MediaStream | undefined
  let strikes = 0
  // A connection that does not come up (lost candidates, a network change) gets a new ICE round.
  const watchdog = setInterval(() => {
    const ice = pc.iceConnectionState
    const down = ice === 'new' || ice === 'checking' || ice === 'disconnected' || ice === 'failed'
    if (!down || pc.signalingState !== 'stable' || !pc.remoteDescription) {
      strikes = 0
      return
    }
    if (++strikes >= 2 && opts.initiator) {
      strikes = 0
      pc.restartIce()
    }
  }, WATCHDOG_MS)

  let audio: RTCRtpSender | undefined
  let video: RTCRtpSender | undefined
  if (opts.send) {
    const streams = [opts.send.stream]
    audio = pc.addTransceiver(opts.send.audio ?? 'audio', { direction: 'sendrecv', streams }).sender
    video = pc.addTransceiver(opts.send.video ?? 'video', { direction: 'sendrecv', streams }).sender
  } else {
    pc.addTransceiver('audio', { direction: 'recvonly' })
    pc.addTransceiver('video', { direction: 'recvonly' })
  }

  /** Receives video or not, as the data saver says; a change renegotiates (onnegotiationneeded). */
  function applyVideoReceiving() {
    const receive = opts.receiveVideo()
    for (const transceiver of pc.getTransceivers()) {
      if (transceiver.receiver.track.kind !== 'video') continue
      const next = videoDirection(transceiver.direction, receive)
      if (transceiver.direction !== next) transceiver.direction = next
    }
  }
  applyVideoReceiving()

  pc.onnegotiationneeded = () => void negotiator.negotiationNeeded()
  pc.onicecandidate = ({ candidate }) => {
    if (candidate) opts.signal(candidateSignal(candidate.toJSON()))
  }
  pc.ontrack = (event) => {
    const next = event.streams[0] ?? stream ?? new MediaStream()
    if (!event.streams[0] && !next.getTrackById(event.track.id)) next.addTrack(event.track)
    stream = next
    opts.onStream(next)
    if (event.track.kind === 'video') {
      const track = event.track
      track.onmute = track.onunmute = () => opts.onVideoFlow()
      // A transceiver the peer's offer just made: the answer already says whether video is wanted.
      applyVideoReceiving()
    }
  }
  pc.oniceconnectionstatechange = () => {
    const ice = pc.iceConnectionState
    opts.onLink(
      ice === 'connected' || ice === 'completed'
        ? 'connected'
        : ice === 'disconnected' || ice === 'failed'
          ? 'unstable'
          : undefined,
    )
    // The starter of the pair begins a new ICE round through perfect negotiation.
    if (ice === 'failed' && opts.initiator) pc.restartIce()
  }

  return {
    peer: opts.peer,
    /** Everything this peer sends arrives in one stream (they send with one msid). */
    stream: () => stream,
    /** True while the peer's picture really arrives (a video track is muted while no frames come). */
    videoFlowing: () => !!stream?.getVideoTracks().some((t) => !t.muted),
    /** Swaps what I send without renegotiating (mute, another device, the screen). */
    replace(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
      return (kind === 'audio' ? audio : video)?.replaceTrack(track).catch(() => {}) ?? Promise.resolve()
    },
    /** Applies the data saver's choice (`receiveVideo`) to this connection. */
    applyVideoReceiving,
    /** The peer's last offer and the candidates after it, to replay on a fresh connection. */
    sinceOffer: [] as SignalEvent[],
    /** Applies a signal from the peer (rejects when an offer does not fit this connection). */
    receive: (signal: SignalEvent) => negotiator.receive(signal),
    close() {
      clearInterval(watchdog)
      negotiator.close()
      pc.onnegotiationneeded = pc.onicecandidate = pc.ontrack = null
      pc.oniceconnectionstatechange = null
      pc.close()
    },
  }
}

export type MeshLink = ReturnType<typeof createMeshLink>
