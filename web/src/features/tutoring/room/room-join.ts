import { userTopic } from '../../../../../edge/contract/support-values.ts'
import type { JoinResponse } from '../../../../../edge/contract/tutoring.ts'
import { ApiError, errorMessage } from '../../../api/errors.ts'
import type { LiveClient } from '../../../lib/live.ts'
import { createLiveKitTransport } from './room-livekit.ts'
import type { JoinMedia } from './room-media.ts'
import { createMeshTransport } from './room-mesh.ts'
import type { RoomTransport } from './room-transport.ts'

// The ways into a room: the transport a join answer asks for, the waiting room's answer from the
// tutor, and what a refused join means for the person.

/** Publishes on the room's live topic (false while the socket is down). */
export type RoomPublish = (event: string, data: unknown, to?: string) => boolean

/** The transport the join answer asks for: the mesh (`p2p`) or LiveKit. */
export function openTransport(
  answer: JoinResponse,
  me: string,
  media: JoinMedia,
  publish: RoomPublish,
): RoomTransport {
  return answer.transport === 'p2p'
    ? createMeshTransport({ me, role: answer.role, iceServers: answer.ice_servers, media, publish })
    : createLiveKitTransport({ url: answer.url, token: answer.token, role: answer.role, media })
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Waits on `user:<me>` for the tutor to admit or deny me into session `sessionId`; after a
 * reconnect `onMissed` asks again, since the answer may have been sent meanwhile. Returns the
 * function that stops waiting.
 */
export function watchAdmission(
  live: LiveClient,
  opts: { me: string; sessionId: string; onAdmitted: () => void; onDenied: () => void; onMissed: () => void },
): () => void {
  let subscribedOnce = false
  return live.subscribe(userTopic(opts.me), {
    onEvent: (event) => {
      const data = event.data
      if (event.event !== 'admission' || !isRecord(data) || data.session_id !== opts.sessionId) return
      if (data.status === 'admitted') opts.onAdmitted()
      else if (data.status === 'denied') opts.onDenied()
    },
    onSubscribed: () => {
      if (subscribedOnce) opts.onMissed()
      subscribedOnce = true
    },
  })
}

/** A refused join as the room's error: the server's words, and whether trying again may help. */
export function joinFailure(error: unknown) {
  const status = error instanceof ApiError ? error.status : 0
  return {
    kind: 'error' as const,
    message: errorMessage(error),
    retry: status === 0 || status >= 500 || status === 429,
    livekitRequired: error instanceof ApiError && error.code === 'livekit_required',
  }
}
