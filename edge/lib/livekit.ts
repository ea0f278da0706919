import {
  AccessToken,
  RoomServiceClient,
  ServerError,
  TrackSource,
  TrackType,
  type VideoGrant,
  type WebhookEvent,
  WebhookReceiver,
} from 'livekit-server-sdk'
import { type IceServer, type RoomRole, roomName, TOKEN_TTL_SECONDS } from '../contract/tutoring.ts'
import { ApiError } from './errors.ts'

/** How to reach LiveKit: the URL clients connect to (ws/wss), the API's (http/https) and the key pair. */
export interface LiveKitConfig {
  /** ws(s):// — what browsers connect to. */
  url: string
  /** http(s):// — where the RoomService API answers. */
  apiUrl: string
  apiKey: string
  apiSecret: string
}

/**
 * LiveKit's settings from the environment, or null when none is set (rooms then use the
 * peer-to-peer transport). Throws a readable error when only some of the three are set.
 */
export function liveKitConfigFrom(env: {
  LIVEKIT_URL?: string
  LIVEKIT_API_KEY?: string
  LIVEKIT_API_SECRET?: string
}): LiveKitConfig | null {
  const values = {
    LIVEKIT_URL: env.LIVEKIT_URL,
    LIVEKIT_API_KEY: env.LIVEKIT_API_KEY,
    LIVEKIT_API_SECRET: env.LIVEKIT_API_SECRET,
  }
  const missing = Object.entries(values)
    .filter(([, v]) => !v)
    .map(([k]) => k)
  if (missing.length === 3) return null
  if (missing.length > 0) {
    throw new Error(
      `Invalid environment:\n  LiveKit needs LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET together ` +
        `(missing: ${missing.join(', ')}). Set all three, or none to use peer-to-peer rooms.`,
    )
  }
  const url = values.LIVEKIT_URL as string
  return {
    url: url.replace(/^http/, 'ws'),
    apiUrl: url.replace(/^ws/, 'http'),
    apiKey: values.LIVEKIT_API_KEY as string,
    apiSecret: values.LIVEKIT_API_SECRET as string,
  }
}

/**
 * The least a role needs in one room. Nobody gets roomAdmin, roomCreate, roomList or roomRecord:
 * moderation goes through our API. canUpdateOwnMetadata stays off so the role in the metadata
 * cannot be changed by its holder.
 */
export function grantFor(role: RoomRole, room: string): VideoGrant {
  const base = { room, roomJoin: true, canSubscribe: true, canUpdateOwnMetadata: false }
  switch (role) {
    case 'moderator':
      return {
        ...base,
        canPublish: true,
        canPublishData: true,
        canPublishSources: [
          TrackSource.CAMERA,
          TrackSource.MICROPHONE,
          TrackSource.SCREEN_SHARE,
          TrackSource.SCREEN_SHARE_AUDIO,
        ],
      }
    case 'participant':
      return {
        ...base,
        canPublish: true,
        canPublishData: true,
        canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE],
      }
    case 'observer':
      return { ...base, hidden: true, canPublish: false, canPublishData: false }
  }
}

export interface RoomTokenRequest {
  sessionId: string
  /** The user id. */
  identity: string
  /** The display name others see. */
  name: string
  role: RoomRole
  /** At most TOKEN_TTL_SECONDS (10 minutes); longer asks are cut to it. */
  ttlSeconds?: number
}

/** A LiveKit access token for one session's room only, with the role's grant and a short lifetime. */
export async function roomToken(
  cfg: LiveKitConfig,
  req: RoomTokenRequest,
): Promise<{ token: string; expiresAt: Date }> {
  const ttl = Math.max(1, Math.min(Math.floor(req.ttlSeconds ?? TOKEN_TTL_SECONDS), TOKEN_TTL_SECONDS))
  const at = new AccessToken(cfg.apiKey, cfg.apiSecret, {
    identity: req.identity,
    name: req.name,
    metadata: JSON.stringify({ role: req.role }),
    ttl,
  })
  at.addGrant(grantFor(req.role, roomName(req.sessionId)))
  const issuedAt = Math.floor(Date.now() / 1000)
  return { token: await at.toJwt(), expiresAt: new Date((issuedAt + ttl) * 1000) }
}

/** What the tutor's mute asks for: the microphone, the camera (and screen) or both. */
export type MuteKind = 'audio' | 'video' | 'all'

/** Requests to LiveKit give up after this long, so a request of ours never hangs on it. */
export const LIVEKIT_TIMEOUT_SECONDS = 5

const isNotFound = (e: unknown) => e instanceof ServerError && (e.status === 404 || e.code === 'not_found')

/** Any failure to talk to LiveKit, as the 502 our API answers. */
function unavailable(error: unknown): ApiError {
  const reason =
    error instanceof ServerError
      ? `${error.status} ${error.message}`
      : error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
        ? 'no answer in time'
        : error instanceof Error
          ? error.message
          : String(error)
  return new ApiError(
    502,
    'livekit_unavailable',
    `The video server (LiveKit) could not be reached: ${reason}. Try again in a moment.`,
  )
}

/**
 * Server-side moderation of session rooms through LiveKit's RoomService. Each call answers
 * whether LiveKit knew the participant (or room); any other failure is a 502 `livekit_unavailable`.
 */
export function roomModeration(cfg: LiveKitConfig, opts: { timeoutSeconds?: number } = {}) {
  const client = new RoomServiceClient(cfg.apiUrl, cfg.apiKey, cfg.apiSecret, {
    requestTimeout: opts.timeoutSeconds ?? LIVEKIT_TIMEOUT_SECONDS,
    // One attempt: region failover would multiply the wait past what a person accepts.
    failover: false,
  })

  /** Runs one call; false when LiveKit says the room or participant is not there. */
  async function attempt(call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call()
      return true
    } catch (error) {
      if (isNotFound(error)) return false
      throw unavailable(error)
    }
  }

  return {
    /** Disconnects a person; tokens issued before now no longer let them back in. */
    removeParticipant(sessionId: string, identity: string) {
      const revokeTokenTs = BigInt(Math.floor(Date.now() / 1000))
      return attempt(() => client.removeParticipant(roomName(sessionId), identity, { revokeTokenTs }))
    },

    /** Mutes the person's published tracks of that kind (audio; video = camera and screen). */
    async muteParticipant(sessionId: string, identity: string, kind: MuteKind) {
      const room = roomName(sessionId)
      let tracks: { sid: string; type: TrackType; muted: boolean }[] = []
      const found = await attempt(async () => {
        tracks = (await client.getParticipant(room, identity)).tracks
      })
      if (!found) return false
      const wanted = tracks.filter(
        (t) =>
          !t.muted &&
          (kind === 'all' ||
            (kind === 'audio' && t.type === TrackType.AUDIO) ||
            (kind === 'video' && t.type === TrackType.VIDEO)),
      )
      for (const track of wanted) {
        await attempt(() => client.mutePublishedTrack(room, identity, track.sid, true))
      }
      return true
    },

    /** Closes the room for everyone in it. */
    endRoom(sessionId: string) {
      return attempt(() => client.deleteRoom(roomName(sessionId)))
    },
  }
}
export type RoomModeration = ReturnType<typeof roomModeration>

/** How this deployment runs video rooms: LiveKit when configured, else the browser mesh. */
export interface VideoSetup {
  liveKit: LiveKitConfig | null
  moderation: RoomModeration | null
  /** STUN/TURN servers for the mesh transport. */
  iceServers: IceServer[]
}

/** The video setup from the (parsed) environment; throws when LiveKit is only partly configured. */
export function videoSetupFrom(
  env: Parameters<typeof liveKitConfigFrom>[0] & { ICE_SERVERS: IceServer[] },
): VideoSetup {
  const liveKit = liveKitConfigFrom(env)
  return { liveKit, moderation: liveKit && roomModeration(liveKit), iceServers: env.ICE_SERVERS }
}

/** Why a webhook was refused: its signature (401) or its body (400). */
export class WebhookRejected extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Verifies a LiveKit webhook (the Authorization JWT signed with our key, carrying the body's
 * sha256) and decodes its event. A body that passes the signature but is not an event is a 400.
 */
export async function receiveWebhook(
  cfg: LiveKitConfig,
  rawBody: string,
  authorization: string | undefined,
): Promise<WebhookEvent> {
  const token = authorization?.replace(/^Bearer\s+/i, '')
  if (!token)
    throw new WebhookRejected(401, 'The Authorization header with LiveKit’s signed token is missing.')
  try {
    return await new WebhookReceiver(cfg.apiKey, cfg.apiSecret).receive(rawBody, token)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    // receive() checks the token and the body's hash first; only then does it parse the body.
    if (error instanceof SyntaxError) throw new WebhookRejected(400, 'The body is not valid JSON.')
    if (/cannot decode/i.test(message)) throw new WebhookRejected(400, 'The body is not a LiveKit event.')
    throw new WebhookRejected(401, 'The webhook signature is not valid for this server’s LiveKit key.')
  }
}
