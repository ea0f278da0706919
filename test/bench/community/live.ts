// The community benchmark's live part: 200 viewers of one forum thread (the course's enrolled
// students, each a socket on our realtime server subscribed to the course's topic), and the
// course's moderator replying through the API (`POST /api/forum/threads/:id/posts`, the api
// function served by @hono/node-server) twice a second; each reply timed from its POST to the
// `forum` event on every viewer's socket. The baseline, in the same run: a bare `ws` relay sending
// the same frame from one socket to 200.
import type { ChildProcess } from 'node:child_process'
import type WebSocket from 'ws'
import { stopChild } from '../../../scripts/lib/services.ts'
import { type BenchUser, benchSigner, SUPABASE_URL } from '../bench-db.ts'
import { inBatches, openSocket } from '../live/load.ts'
import { startProcess } from '../live/run.ts'
import { type Dist, dist } from '../payments/load.ts'

export interface ForumLiveResult {
  viewers: number
  replies: number
  /** POST → event on each viewer's socket, over every (reply, viewer). */
  kipindi: Dist
  /** The relay: one socket's frame → each of the viewers' sockets. */
  relay: Dist
  /** How long the API took to answer the POSTs. */
  answers: Dist
  missing: number
}

type Viewer = BenchUser

const RATE_MS = 500
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * Times `replies` sends, RATE_MS apart: `send` starts one, and each viewer's first frame after it
 * (that `matches`) is its arrival. Answers the latencies and how many never arrived.
 */
async function fanOut(
  sockets: WebSocket[],
  replies: number,
  matches: (frame: string) => boolean,
  send: (n: number) => Promise<void>,
): Promise<{ samples: number[]; missing: number }> {
  const samples: number[] = []
  const seen = sockets.map(() => -1)
  let current = -1
  let sentAt = 0
  for (const [i, ws] of sockets.entries()) {
    ws.on('message', (data) => {
      if (current < 0 || seen[i] === current || !matches(data.toString())) return
      seen[i] = current
      samples.push(performance.now() - sentAt)
    })
  }
  let missing = 0
  for (let n = 0; n < replies; n++) {
    current = n
    sentAt = performance.now()
    await send(n)
    await sleep(RATE_MS)
    missing += seen.filter((s) => s !== n).length
  }
  return { samples, missing }
}

/** 200 viewers and replies on our stack, then on the relay. */
export async function runForumLive(o: {
  root: string
  dbUrl: string
  course: string
  thread: string
  moderator: Viewer
  viewers: Viewer[]
  replies: number
  log: (l: string) => void
}): Promise<ForumLiveResult> {
  const signer = await benchSigner()
  const env = {
    SUPABASE_URL,
    SUPABASE_DB_URL: o.dbUrl,
    SUPABASE_ANON_KEY: signer.keys.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: signer.keys.serviceRoleKey,
    SUPABASE_JWKS: signer.jwks,
    CORS_ORIGINS: SUPABASE_URL,
    DB_POOL_MAX: '10',
    REALTIME_HOST: '127.0.0.1',
    REALTIME_PORT: '0',
    SLA_JOB_MS: '0',
  }
  const children: ChildProcess[] = []
  const sockets: WebSocket[] = []
  try {
    const api = startProcess('api bench server', o.root, ['test/bench/api/node-server.ts'], env)
    const realtime = startProcess('realtime server', o.root, ['realtime/main.ts'], {
      ...env,
      DB_POOL_MAX: '4',
      INSTANCE_ID: 'bench-forum',
    })
    const relay = startProcess('relay server', o.root, ['test/bench/live/relay-server.ts'], {})
    children.push(api.child, realtime.child, relay.child)
    const [apiPort, rtPort, relayPort] = await Promise.all([api.ready, realtime.ready, relay.ready])
    const topic = `course:${o.course}`
    o.log(`  ${o.viewers.length} viewers subscribing to ${topic}`)
    const tokens = await Promise.all(o.viewers.map((v) => signer.tokenFor(v)))
    sockets.push(
      ...(await inBatches(
        tokens.map(
          (token, i) => () =>
            openSocket(
              `ws://127.0.0.1:${rtPort}/realtime/v1/live?token=${token}`,
              () => {},
              (ws, frame) => {
                if (frame === undefined) {
                  ws.send(JSON.stringify({ type: 'subscribe', topic, id: i }))
                  return false
                }
                const m = JSON.parse(frame)
                if (m.type === 'error') throw new Error(`subscribe ${topic}: ${m.message}`)
                return m.type === 'subscribed'
              },
            ),
        ),
        50,
      )),
    )
    const moderatorToken = await signer.tokenFor(o.moderator)
    const answers: number[] = []
    const post = async (n: number) => {
      const t0 = performance.now()
      const res = await fetch(`http://127.0.0.1:${apiPort}/api/forum/threads/${o.thread}/posts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${moderatorToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `Reply ${n} from the teacher: look at the diagram on page ${n}.` }),
      })
      await res.arrayBuffer()
      answers.push(performance.now() - t0)
      if (res.status !== 201) throw new Error(`reply ${n} answered ${res.status}`)
    }
    const isForum = (frame: string) => frame.includes('"event":"forum"') && frame.includes(o.thread)
    o.log('  warming up: 5 replies')
    await fanOut(sockets, 5, isForum, post)
    for (const ws of sockets) ws.removeAllListeners('message')
    answers.length = 0
    o.log(`  ${o.replies} replies, one every ${RATE_MS} ms`)
    const ours = await fanOut(sockets, o.replies, isForum, post)

    // The baseline: the same frame from one relay socket to as many.
    const pair = 'forum'
    const relayed = await inBatches(
      o.viewers.map(
        () => () =>
          openSocket(
            `ws://127.0.0.1:${relayPort}/?pair=${pair}`,
            () => {},
            () => true,
          ),
      ),
      50,
    )
    const sender = await openSocket(
      `ws://127.0.0.1:${relayPort}/?pair=${pair}`,
      () => {},
      () => true,
    )
    sockets.push(...relayed, sender)
    const frame = JSON.stringify({
      type: 'event',
      topic,
      event: 'forum',
      data: { course_id: o.course, thread_id: o.thread },
    })
    await fanOut(relayed, 5, isForum, async () => sender.send(frame))
    for (const ws of relayed) ws.removeAllListeners('message')
    const base = await fanOut(relayed, o.replies, isForum, async () => sender.send(frame))
    return {
      viewers: o.viewers.length,
      replies: o.replies,
      kipindi: dist(ours.samples),
      relay: dist(base.samples),
      answers: dist(answers),
      missing: ours.missing,
    }
  } finally {
    for (const ws of sockets) ws.terminate()
    await Promise.allSettled(children.map((c) => stopChild(c)))
  }
}
