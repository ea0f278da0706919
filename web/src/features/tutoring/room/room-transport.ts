import type { RoomRole } from '../../../../../edge/contract/tutoring.ts'
import type { LiveEvent } from '../../../lib/live.ts'

// What the room's UI needs from a media transport. Two implement it: `p2p` (a mesh of
// RTCPeerConnections signalled over the live channel, room-mesh.ts) and `livekit` (livekit-client,
// room-livekit.ts, loaded only on the room page). The UI reads `state` (a Solid store) and calls
// the methods; it never knows which transport it talks to.

/** The transport's link to the room as a whole. */
export type RoomConnection = 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed'

/** Someone else in the room. */
export interface RemotePeer {
  id: string
  /** From the live roster (mesh) or LiveKit metadata; null until known. */
  role: RoomRole | null
  /** LiveKit tells names; the mesh leaves them to the room's directory of members. */
  name?: string
  /** What to show: their screen when they share one, else their camera. */
  video?: MediaStream
  /** Their microphone (played by an <audio> element). */
  audio?: MediaStream
  micOn: boolean
  cameraOn: boolean
  screen: boolean
  /** This peer's own link (mesh: ICE state); `unstable` shows "reconnecting" on their tile. */
  link: 'connecting' | 'connected' | 'unstable'
}

/** My own media in the room. */
export interface LocalMediaState {
  micOn: boolean
  cameraOn: boolean
  screen: boolean
  /** My camera (or screen) for my own tile. */
  video?: MediaStream
  /** Chosen devices (for the pickers). */
  audioDeviceId?: string
  videoDeviceId?: string
}

export interface RoomState {
  connection: RoomConnection
  /** Why `failed`, in words for people. */
  error?: string
  local: LocalMediaState
  peers: Record<string, RemotePeer>
  /** The person speaking now (my id included), for the highlight. */
  speaker?: string
  /** Set when the media server closed the room on me (LiveKit: removed, room deleted, lost). */
  closedBy?: 'removed' | 'ended' | 'lost'
}

export interface RoomTransport {
  readonly kind: 'p2p' | 'livekit'
  readonly state: RoomState
  /** Enters the room; rejects (and sets `failed`) when it cannot, within about ten seconds. */
  connect(): Promise<void>
  /** Leaves and releases the camera, microphone and every connection. */
  close(): void
  setMic(on: boolean): Promise<void>
  setCamera(on: boolean): Promise<void>
  /** Starts or stops sharing the screen; resolves false when the person cancelled the picker. */
  setScreen(on: boolean): Promise<boolean>
  useDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void>
  /**
   * Receives the others' video, or stops receiving it (the data saver: sound only). May be called
   * before `connect`. LiveKit unsubscribes from video tracks; the mesh stops the video coming in on
   * every connection (renegotiated, so the others' browsers stop sending it).
   */
  receiveVideo(on: boolean): void
  /** Events of the room's live topic the transport cares about (mesh: roster, presence, signal, media). */
  handleLiveEvent?(event: LiveEvent): void
  /** The live topic was (re)subscribed: events may have been missed while it was down. */
  resync?(): void
}

/** Thrown by `connect` with a sentence to show and whether trying again may help. */
export class RoomError extends Error {
  constructor(
    message: string,
    readonly retry = true,
  ) {
    super(message)
    this.name = 'RoomError'
  }
}
