import { produce, type SetStoreFunction } from 'solid-js/store'
import { type RoomRole, SignalEvent } from '../../../../../edge/contract/tutoring.ts'
import type { LiveEvent } from '../../../lib/live.ts'
import { createMeshLink, type MeshLink } from './mesh-link.ts'
import type { MeshLocal } from './mesh-local.ts'
import type { AudioMonitor } from './room-media.ts'
import { isPolite } from './room-negotiation.ts'
import type { RemotePeer, RoomState } from './room-transport.ts'

// Who is in a mesh room and my connection to each of them, from the room's live topic: `roster`
// and `presence` say who is there, `signal` carries offers, answers and ICE candidates to one
// peer, `media` says whose microphone, camera or screen is on.

export interface MeshPeersOptions {
  me: string
  /** False for observers (staff), who receive and never send. */
  publishing: boolean
  iceServers: RTCIceServer[]
  state: RoomState
  setState: SetStoreFunction<RoomState>
  local: MeshLocal
  monitor: AudioMonitor
  /** Publishes on the room's topic, to one person when `to` is given. */
  publish: (event: string, data: unknown, to?: string) => boolean
  /** The room's link as a whole changed (a peer became unstable or came back). */
  onLinkChange: () => void
  /** Whether the others' video is wanted (false: the data saver is on). */
  receiveVideo: () => boolean
  closed: () => boolean
}

/** The peers of a mesh room; see the module comment. */
export function createMeshPeers(opts: MeshPeersOptions) {
  const { state, setState } = opts
  /** People the roster or presence told me about (observers hidden from me are not), by role. */
  const present = new Map<string, RoomRole | null>()
  const links = new Map<string, MeshLink>()
  /** What each peer said about their media (`media` events); someone not heard from has both on. */
  const announced = new Map<string, { audio: boolean; video: boolean; screen: boolean }>()

  /**
   * A peer's tile state: what they announced, and whether their picture really arrives (a peer's
   * video track is muted while no frames come — camera off before we joined, e.g. for an observer
   * who hears no `media` events from before).
   */
  function mediaOf(id: string): Pick<RemotePeer, 'micOn' | 'cameraOn' | 'screen'> {
    const said = announced.get(id) ?? { audio: true, video: true, screen: false }
    const flowing = !!links.get(id)?.videoFlowing()
    return { micOn: said.audio, cameraOn: said.video && flowing, screen: said.screen && flowing }
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
    if (!opts.publishing) return true
    if (role === 'observer') return false
    return !isPolite(opts.me, peer)
  }

  /** The connection to `id`, made on first need. */
  function ensureLink(id: string, initiator: boolean): MeshLink | undefined {
    if (opts.closed() || id === opts.me) return
    const existing = links.get(id)
    if (existing) return existing
    const link: MeshLink = createMeshLink({
      me: opts.me,
      peer: id,
      initiator,
      iceServers: opts.iceServers,
      send: opts.local.outgoing(),
      signal: (signal) => opts.publish('signal', signal, id),
      onStream: (stream) => {
        setPeer(id, { video: stream, audio: stream, ...mediaOf(id) })
        opts.monitor.watch(id, stream)
      },
      onVideoFlow: () => links.get(id) === link && setPeer(id, mediaOf(id)),
      receiveVideo: opts.receiveVideo,
      onLink: (state) => {
        if (state) setPeer(id, { link: state })
        opts.onLinkChange()
      },
    })
    links.set(id, link)
    return link
  }

  /** Closes the connection to `id` (their tile stays while they are present). */
  function dropLink(id: string) {
    const link = links.get(id)
    if (!link) return
    link.close()
    links.delete(id)
    opts.monitor.unwatch(id)
    setPeer(id, { link: 'connecting', video: undefined, audio: undefined, ...mediaOf(id) })
  }

  /** Someone is in the room (roster, presence): their tile, and the connection when I start it. */
  function meet(id: string, role: RoomRole | null) {
    if (opts.closed() || id === opts.me) return
    const known = role ?? present.get(id) ?? null
    present.set(id, known)
    // Two observers have nothing to exchange.
    if (!opts.publishing && known === 'observer') return
    if (!state.peers[id]) {
      const stream = links.get(id)?.stream()
      setState('peers', id, {
        id,
        role: known,
        ...mediaOf(id),
        link: 'connecting',
        video: stream,
        audio: stream,
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
    opts.onLinkChange()
  }

  /**
   * Applies a peer's signal. An offer our connection cannot take (its m-lines do not match) means
   * the peer started a new connection — they reloaded, or their socket dropped and they heard we
   * left — so ours is replaced and their offer and candidates are applied to the new one.
   */
  function receiveSignal(from: string, signal: SignalEvent, retried = false) {
    const link = ensureLink(from, false)
    if (!link) return
    if (signal.description?.type === 'offer') link.sinceOffer.splice(0, Infinity, signal)
    else if (signal.candidate) link.sinceOffer.push(signal)
    link.receive(signal).catch((error) => {
      if (signal.description?.type !== 'offer' || retried || links.get(from) !== link) {
        console.warn(`[room] a signal from ${from} could not be applied`, error)
        return
      }
      const replay = [...link.sinceOffer]
      dropLink(from)
      ensureLink(from, false)
      for (const [i, s] of replay.entries()) receiveSignal(from, s, i === 0)
    })
  }

  return {
    /** Puts one of my tracks on every connection. */
    async replaceEverywhere(kind: 'audio' | 'video', track: MediaStreamTrack | null) {
      await Promise.all([...links.values()].map((l) => l.replace(kind, track)))
    },
    /** Applies the data saver's choice to every connection. */
    applyVideoReceiving() {
      for (const link of links.values()) link.applyVideoReceiving()
    },
    /** Forgets everyone and every connection (leaving, or starting anew after the socket dropped). */
    clear() {
      for (const id of [...present.keys()]) part(id)
      for (const id of [...links.keys()]) dropLink(id)
    },

    /** The room topic's events about people and their connections. */
    handle(event: LiveEvent) {
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
            opts.local.publishMedia()
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
    },
  }
}

export type MeshPeers = ReturnType<typeof createMeshPeers>
