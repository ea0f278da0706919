import { TokenVerifier } from 'livekit-server-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testEnv } from '../../test/support/fixtures.ts'
import {
  FAKE_API_KEY,
  FAKE_API_SECRET,
  type LiveKitFake,
  signWebhook,
  startLiveKitFake,
  webhookBody,
} from '../../test/support/livekit-fake.ts'
import { EdgeEnv, parseEnv } from './env.ts'
import { ApiError } from './errors.ts'
import {
  type LiveKitConfig,
  liveKitConfigFrom,
  receiveWebhook,
  roomModeration,
  roomToken,
  videoSetupFrom,
} from './livekit.ts'

const SESSION = '30000000-0000-4000-a000-0000000000aa'
const ROOM = `session-${SESSION}`
const USER = '00000000-0000-4000-a000-000000000007'
const verifier = new TokenVerifier(FAKE_API_KEY, FAKE_API_SECRET)

const config = (url = 'wss://video.example.org'): LiveKitConfig =>
  liveKitConfigFrom({
    LIVEKIT_URL: url,
    LIVEKIT_API_KEY: FAKE_API_KEY,
    LIVEKIT_API_SECRET: FAKE_API_SECRET,
  }) as LiveKitConfig

describe('liveKitConfigFrom', () => {
  it('is null when nothing is set, and gives both URL forms when all three are', () => {
    expect(liveKitConfigFrom({})).toBeNull()
    expect(config('wss://video.example.org')).toMatchObject({
      url: 'wss://video.example.org',
      apiUrl: 'https://video.example.org',
    })
    expect(config('http://127.0.0.1:7880')).toMatchObject({
      url: 'ws://127.0.0.1:7880',
      apiUrl: 'http://127.0.0.1:7880',
    })
  })

  it('reads ICE servers as a JSON array, with a public STUN server by default', async () => {
    const base = await testEnv()
    expect(videoSetupFrom(parseEnv(EdgeEnv, base))).toMatchObject({
      liveKit: null,
      moderation: null,
      iceServers: [{ urls: 'stun:stun.l.google.com:19302' }],
    })
    const turn = [{ urls: ['turn:turn.example.org:3478'], username: 'u', credential: 'p' }]
    expect(
      videoSetupFrom(parseEnv(EdgeEnv, { ...base, ICE_SERVERS: JSON.stringify(turn) })).iceServers,
    ).toEqual(turn)
    expect(() => parseEnv(EdgeEnv, { ...base, ICE_SERVERS: 'stun:x' })).toThrow(/ICE_SERVERS: Not JSON/)
    expect(() => parseEnv(EdgeEnv, { ...base, ICE_SERVERS: '[{"url":"stun:x"}]' })).toThrow(/ICE_SERVERS/)
    expect(() => parseEnv(EdgeEnv, { ...base, LIVEKIT_URL: 'ftp://x' })).toThrow(/LIVEKIT_URL/)
    expect(parseEnv(EdgeEnv, { ...base, LIVEKIT_URL: '' }).LIVEKIT_URL).toBeUndefined()
  })

  it('refuses a partial setting, naming what is missing', () => {
    expect(() => liveKitConfigFrom({ LIVEKIT_URL: 'wss://x.example' })).toThrow(
      /missing: LIVEKIT_API_KEY, LIVEKIT_API_SECRET/,
    )
  })
})

describe('roomToken', () => {
  const token = async (role: 'moderator' | 'participant' | 'observer', ttlSeconds?: number) => {
    const t = await roomToken(config(), {
      sessionId: SESSION,
      identity: USER,
      name: 'Amina W.',
      role,
      ttlSeconds,
    })
    return { ...t, claims: await verifier.verify(t.token) }
  }
  const forbiddenGrants = ['roomAdmin', 'roomCreate', 'roomList', 'roomRecord', 'ingressAdmin', 'agent']

  it('lets the moderator publish camera, microphone and screen (with audio) in that room only', async () => {
    const { claims } = await token('moderator')
    expect(claims.sub).toBe(USER)
    expect(claims.name).toBe('Amina W.')
    expect(JSON.parse(claims.metadata ?? '')).toEqual({ role: 'moderator' })
    expect(claims.video).toEqual({
      room: ROOM,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      canUpdateOwnMetadata: false,
      canPublishSources: ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
    })
  })

  it('lets a participant publish camera, microphone and screen, and send data', async () => {
    const { claims } = await token('participant')
    expect(JSON.parse(claims.metadata ?? '')).toEqual({ role: 'participant' })
    expect(claims.video).toMatchObject({
      room: ROOM,
      roomJoin: true,
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
      canPublishSources: ['camera', 'microphone', 'screen_share'],
    })
  })

  it('makes an observer hidden and unable to publish anything', async () => {
    const { claims } = await token('observer')
    expect(claims.video).toEqual({
      room: ROOM,
      roomJoin: true,
      hidden: true,
      canPublish: false,
      canSubscribe: true,
      canPublishData: false,
      canUpdateOwnMetadata: false,
    })
  })

  it('never grants room administration, and lives at most 10 minutes', async () => {
    for (const role of ['moderator', 'participant', 'observer'] as const) {
      const { claims, expiresAt } = await token(role, 3600)
      for (const g of forbiddenGrants) expect(claims.video, `${role} ${g}`).not.toHaveProperty(g)
      const ttl = (claims.exp ?? 0) - (claims.nbf ?? 0)
      expect(ttl).toBeGreaterThan(0)
      expect(ttl).toBeLessThanOrEqual(600)
      expect(Math.abs(expiresAt.getTime() / 1000 - (claims.exp ?? 0))).toBeLessThanOrEqual(1)
    }
    const short = await token('participant', 60)
    expect((short.claims.exp ?? 0) - (short.claims.nbf ?? 0)).toBe(60)
  })

  it('does not verify with another secret', async () => {
    const { token: jwt } = await token('participant')
    await expect(
      new TokenVerifier(FAKE_API_KEY, 'another-secret-another-secret-0000').verify(jwt),
    ).rejects.toThrow()
  })
})

describe('roomModeration against a Twirp RoomService', () => {
  let fake: LiveKitFake
  beforeAll(async () => {
    fake = await startLiveKitFake()
  })
  afterAll(() => fake.close())

  const admin = (claims: unknown) => (claims as { video: Record<string, unknown> }).video

  it('mutes the audio tracks found with GetParticipant, as room admin of that room', async () => {
    fake.clear()
    fake.join(ROOM, USER, [
      { sid: 'TR_mic', type: 'AUDIO', source: 'MICROPHONE' },
      { sid: 'TR_cam', type: 'VIDEO', source: 'CAMERA' },
    ])
    const rooms = roomModeration(config(fake.url))
    expect(await rooms.muteParticipant(SESSION, USER, 'audio')).toBe(true)
    expect(fake.requests.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/twirp/livekit.RoomService/GetParticipant'],
      ['POST', '/twirp/livekit.RoomService/MutePublishedTrack'],
    ])
    for (const r of fake.requests) {
      expect(r.authorization).toMatch(/^Bearer ey/)
      expect(admin(r.claims)).toEqual({ roomAdmin: true, room: ROOM })
    }
    expect(fake.requests[1]?.body).toEqual({ room: ROOM, identity: USER, trackSid: 'TR_mic', muted: true })
    expect(fake.tracks(ROOM, USER)?.map((t) => [t.sid, t.muted ?? false])).toEqual([
      ['TR_mic', true],
      ['TR_cam', false],
    ])
  })

  it('mutes every unmuted track for "all"', async () => {
    fake.clear()
    fake.join(ROOM, USER, [
      { sid: 'TR_a', type: 'AUDIO', source: 'MICROPHONE' },
      { sid: 'TR_v', type: 'VIDEO', source: 'CAMERA' },
      { sid: 'TR_s', type: 'VIDEO', source: 'SCREEN_SHARE', muted: true },
    ])
    await roomModeration(config(fake.url)).muteParticipant(SESSION, USER, 'all')
    expect(fake.requests.filter((r) => r.rpc === 'MutePublishedTrack').map((r) => r.body.trackSid)).toEqual([
      'TR_a',
      'TR_v',
    ])
  })

  it('removes a participant and revokes earlier tokens; ends the room with DeleteRoom', async () => {
    fake.clear()
    fake.join(ROOM, USER)
    const rooms = roomModeration(config(fake.url))
    const before = Math.floor(Date.now() / 1000)
    expect(await rooms.removeParticipant(SESSION, USER)).toBe(true)
    const remove = fake.requests[0]
    expect(remove?.path).toBe('/twirp/livekit.RoomService/RemoveParticipant')
    expect(admin(remove?.claims)).toEqual({ roomAdmin: true, room: ROOM })
    expect(remove?.body).toMatchObject({ room: ROOM, identity: USER })
    expect(Number(remove?.body.revokeTokenTs)).toBeGreaterThanOrEqual(before)
    expect(fake.participants(ROOM)).toEqual([])

    fake.join(ROOM, 'someone')
    expect(await rooms.endRoom(SESSION)).toBe(true)
    const del = fake.requests[1]
    expect(del?.path).toBe('/twirp/livekit.RoomService/DeleteRoom')
    expect(del?.body).toEqual({ room: ROOM })
    expect(admin(del?.claims)).toEqual({ roomCreate: true })
  })

  it('answers false when the person or room is not there', async () => {
    const rooms = roomModeration(config(fake.url))
    expect(await rooms.removeParticipant(SESSION, 'nobody')).toBe(false)
    expect(await rooms.muteParticipant(SESSION, 'nobody', 'audio')).toBe(false)
    expect(await rooms.endRoom('30000000-0000-4000-a000-0000000000ff')).toBe(false)
  })

  it('turns a failing, silent or unreachable LiveKit into a 502 without hanging', async () => {
    const expect502 = async (p: Promise<unknown>, message: RegExp) => {
      const error = (await p.catch((e) => e)) as ApiError
      expect(error).toBeInstanceOf(ApiError)
      expect(error).toMatchObject({ status: 502, code: 'livekit_unavailable' })
      expect(error.message).toMatch(message)
    }
    fake.setMode('unavailable')
    await expect502(roomModeration(config(fake.url)).endRoom(SESSION), /503/)
    fake.setMode('hang')
    const started = Date.now()
    await expect502(roomModeration(config(fake.url), { timeoutSeconds: 0.5 }).endRoom(SESSION), /in time/)
    expect(Date.now() - started).toBeLessThan(3000)
    fake.setMode('ok')
    await expect502(roomModeration(config('http://127.0.0.1:9')).endRoom(SESSION), /could not be reached/)
  })
})

describe('receiveWebhook', () => {
  const body = webhookBody({ id: 'EV_1', event: 'room_started', room: ROOM, createdAt: 1_800_000_000 })

  it('accepts a body signed with our key and decodes the event', async () => {
    const event = await receiveWebhook(config(), body, await signWebhook(body))
    expect(event).toMatchObject({ id: 'EV_1', event: 'room_started', createdAt: 1_800_000_000n })
    expect(event.room?.name).toBe(ROOM)
  })

  it('refuses a tampered body, another key and a missing header with 401', async () => {
    const auth = await signWebhook(body)
    const tampered = body.replace('room_started', 'room_finished')
    await expect(receiveWebhook(config(), tampered, auth)).rejects.toMatchObject({ status: 401 })
    const other = await signWebhook(body, FAKE_API_KEY, 'not-our-secret-not-our-secret-00000')
    await expect(receiveWebhook(config(), body, other)).rejects.toMatchObject({ status: 401 })
    await expect(receiveWebhook(config(), body, undefined)).rejects.toMatchObject({ status: 401 })
  })

  it('answers 400 for a signed body that is not an event', async () => {
    const notJson = '{"event": '
    await expect(receiveWebhook(config(), notJson, await signWebhook(notJson))).rejects.toMatchObject({
      status: 400,
    })
  })
})
