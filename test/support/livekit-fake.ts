// A local stand-in for LiveKit's RoomService at its HTTP boundary: Twirp over JSON
// (`POST /twirp/livekit.RoomService/<Method>`, `Authorization: Bearer <JWT>` signed with the API
// secret, JSON bodies with protobuf JSON names, errors as `{ code, msg }`). It keeps a little room
// state (participants and their tracks) and records every request for the test to inspect.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { AccessToken, type ClaimGrants, TokenVerifier } from 'livekit-server-sdk'

export const FAKE_API_KEY = 'APIfake0test'
export const FAKE_API_SECRET = 'fake-livekit-secret-for-tests-0123456789'

export interface FakeTrack {
  sid: string
  type: 'AUDIO' | 'VIDEO'
  source: 'CAMERA' | 'MICROPHONE' | 'SCREEN_SHARE' | 'SCREEN_SHARE_AUDIO'
  muted?: boolean
}

export interface RecordedRequest {
  method: string
  path: string
  /** The RPC method, e.g. `MutePublishedTrack`. */
  rpc: string
  authorization: string | undefined
  /** The verified token's claims, or null when it did not verify. */
  claims: ClaimGrants | null
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are inspected field by field
  body: any
}

/** How the fake answers: normally, never (to test timeouts), or with a 503 for every call. */
export type FakeMode = 'ok' | 'hang' | 'unavailable'

function twirpError(res: http.ServerResponse, status: number, code: string, msg: string) {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify({ code, msg }))
}

function reply(res: http.ServerResponse, body: unknown) {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

/** Starts the fake on 127.0.0.1 (a free port). `url` is its http:// address for LIVEKIT_URL. */
export async function startLiveKitFake(opts: { apiKey?: string; apiSecret?: string } = {}) {
  const verifier = new TokenVerifier(opts.apiKey ?? FAKE_API_KEY, opts.apiSecret ?? FAKE_API_SECRET)
  const requests: RecordedRequest[] = []
  /** room → identity → tracks */
  const rooms = new Map<string, Map<string, FakeTrack[]>>()
  const hanging = new Set<http.ServerResponse>()
  let mode: FakeMode = 'ok'

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string) {
    const path = req.url ?? ''
    const rpc = /^\/twirp\/livekit\.RoomService\/(\w+)$/.exec(path)?.[1] ?? ''
    const authorization = req.headers.authorization
    const token = authorization?.replace(/^Bearer /, '') ?? ''
    const claims = await verifier.verify(token).catch(() => null)
    let body: Record<string, unknown> = {}
    try {
      body = raw ? JSON.parse(raw) : {}
    } catch {
      return twirpError(res, 400, 'malformed', 'the body is not JSON')
    }
    requests.push({ method: req.method ?? '', path, rpc, authorization, claims, body })

    if (mode === 'hang') {
      hanging.add(res)
      return
    }
    if (mode === 'unavailable') return twirpError(res, 503, 'unavailable', 'the server is shutting down')
    if (req.method !== 'POST' || !rpc) return twirpError(res, 404, 'bad_route', `no handler for ${path}`)
    if (!claims) return twirpError(res, 401, 'unauthenticated', 'invalid token')

    const room = String(body.room ?? '')
    const video = claims.video ?? {}
    const adminOfRoom = video.roomAdmin === true && video.room === room
    const people = rooms.get(room)
    switch (rpc) {
      case 'GetParticipant':
      case 'RemoveParticipant':
      case 'MutePublishedTrack': {
        if (!adminOfRoom) return twirpError(res, 401, 'permission_denied', 'requires roomAdmin for the room')
        const identity = String(body.identity ?? '')
        const tracks = people?.get(identity)
        if (!tracks) return twirpError(res, 404, 'not_found', 'participant not found')
        if (rpc === 'GetParticipant') {
          return reply(res, { sid: `PA_${identity.slice(0, 8)}`, identity, state: 'ACTIVE', tracks })
        }
        if (rpc === 'RemoveParticipant') {
          people?.delete(identity)
          return reply(res, {})
        }
        const track = tracks.find((t) => t.sid === body.trackSid)
        if (!track) return twirpError(res, 404, 'not_found', 'track not found')
        track.muted = body.muted === true
        return reply(res, { track })
      }
      case 'DeleteRoom':
        if (video.roomCreate !== true) return twirpError(res, 401, 'permission_denied', 'requires roomCreate')
        if (!people) return twirpError(res, 404, 'not_found', 'room not found')
        rooms.delete(room)
        return reply(res, {})
      default:
        return twirpError(res, 404, 'bad_route', `unknown method ${rpc}`)
    }
  }

  const server = http.createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      raw += chunk
    })
    req.on('end', () => {
      handle(req, res, raw).catch((error) => twirpError(res, 500, 'internal', String(error)))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Puts a participant with these tracks in a room (as if they had joined). */
    join(room: string, identity: string, tracks: FakeTrack[] = []) {
      const people = rooms.get(room) ?? new Map<string, FakeTrack[]>()
      people.set(identity, tracks)
      rooms.set(room, people)
    },
    /** Who is in a room now. */
    participants(room: string) {
      return [...(rooms.get(room)?.keys() ?? [])]
    },
    tracks(room: string, identity: string) {
      return rooms.get(room)?.get(identity)
    },
    setMode(next: FakeMode) {
      mode = next
    },
    /** Forgets recorded requests. */
    clear() {
      requests.length = 0
    },
    async close() {
      for (const res of hanging) res.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
export type LiveKitFake = Awaited<ReturnType<typeof startLiveKitFake>>

// Section: webhooks as LiveKit sends them

/** A webhook event in LiveKit's JSON (protobuf JSON names; int64 seconds as strings). */
export interface FakeWebhookEvent {
  id: string
  event: 'room_started' | 'room_finished' | 'participant_joined' | 'participant_left' | 'track_published'
  room: string
  /** Seconds since the epoch. */
  createdAt: number
  participant?: { sid: string; identity: string; name?: string; joinedAt: number }
}

/** The body LiveKit posts for an event. */
export function webhookBody(e: FakeWebhookEvent): string {
  return JSON.stringify({
    event: e.event,
    room: {
      sid: `RM_${e.room.slice(-6)}`,
      name: e.room,
      emptyTimeout: 300,
      creationTime: String(e.createdAt),
    },
    ...(e.participant
      ? {
          participant: {
            sid: e.participant.sid,
            identity: e.participant.identity,
            name: e.participant.name ?? '',
            state: e.event === 'participant_left' ? 'DISCONNECTED' : 'ACTIVE',
            joinedAt: String(e.participant.joinedAt),
            joinedAtMs: String(e.participant.joinedAt * 1000),
          },
        }
      : {}),
    id: e.id,
    createdAt: String(e.createdAt),
  })
}

/**
 * Signs a body as LiveKit does, with the SDK's AccessToken: the token's `sha256` claim is the
 * base64 SHA-256 of the body; it goes in the Authorization header as is.
 */
export async function signWebhook(body: string, apiKey = FAKE_API_KEY, apiSecret = FAKE_API_SECRET) {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)))
  const token = new AccessToken(apiKey, apiSecret, { ttl: '5m' })
  token.sha256 = btoa(String.fromCharCode(...hash))
  return token.toJwt()
}
