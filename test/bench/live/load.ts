// The client side of the live benchmark, in this process: one socket per party of each ticket (or
// each relay pair), a sender at a fixed total rate, and each receipt matched to its send time on
// one clock (performance.now()), so the latency is send → the other party's socket.
import WebSocket from 'ws'

export interface Recorder {
  recording: boolean
  /** Latencies (ms) of the messages sent while recording. */
  samples: number[]
  /** How long the API took to answer those POSTs (ms; ours only). */
  answers: number[]
  /** When this process's own LISTEN heard each message's NOTIFY (ours only), by seq. */
  notified: Map<number, number>
  /** From that NOTIFY to the other party's socket: the realtime server's part of the latency. */
  hops: number[]
  /** seq → [send time, receiving side]. */
  pending: Map<number, { at: number; side: 0 | 1; recorded: boolean }>
  sent: number
  failed: number
  lastError?: string
}

export const newRecorder = (): Recorder => ({
  recording: false,
  samples: [],
  answers: [],
  notified: new Map(),
  hops: [],
  pending: new Map(),
  sent: 0,
  failed: 0,
})

/** `bench <seq> …`: the body every benchmark message carries; the padding makes a chat-sized line. */
export const messageBody = (seq: number) =>
  `bench ${seq} Habari! Could you check the quiz on lesson three? It does not open for me.`
const SEQ = /"body":"bench (\d+) /

/** Notes a frame that reached side `side`: when it carries a pending message for that side, its latency. */
export function receive(rec: Recorder, side: 0 | 1, frame: string) {
  const m = SEQ.exec(frame)
  if (!m) return
  const seq = Number(m[1])
  const p = rec.pending.get(seq)
  if (!p || p.side !== side) return
  rec.pending.delete(seq)
  const now = performance.now()
  const heard = rec.notified.get(seq)
  rec.notified.delete(seq)
  if (!p.recorded) return
  rec.samples.push(now - p.at)
  if (heard !== undefined) rec.hops.push(now - heard)
}

const NOTIFIED_SEQ = /"body": ?"bench (\d+) /

/** Notes when a message's NOTIFY reached this process (a LISTEN of its own on channel `live`). */
export function heard(rec: Recorder, payload: string) {
  if (!payload.includes('"event": "message"') && !payload.includes('"event":"message"')) return
  const m = NOTIFIED_SEQ.exec(payload)
  if (m) rec.notified.set(Number(m[1]), performance.now())
}

/**
 * Opens a socket. `ready` is called on open (frame undefined: it may subscribe) and with each frame
 * until it answers true; it throws to give up. Later frames go to `onFrame`.
 */
export function openSocket(
  url: string,
  onFrame: (frame: string) => void,
  ready: (ws: WebSocket, frame: string | undefined) => boolean,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false })
    let done = false
    const timer = setTimeout(() => fail(new Error(`socket ${url.slice(0, 60)} not ready in 30 s`)), 30_000)
    const fail = (error: Error) => {
      if (done) return
      done = true
      clearTimeout(timer)
      ws.terminate()
      reject(error)
    }
    ws.on('error', (error) => fail(error))
    ws.on('close', (code, reason) => fail(new Error(`socket closed ${code} ${reason.toString()}`)))
    const check = (frame: string | undefined) => {
      try {
        if (!ready(ws, frame)) return
      } catch (error) {
        return fail(error as Error)
      }
      done = true
      clearTimeout(timer)
      resolve(ws)
    }
    ws.on('open', () => {
      if (!done) check(undefined)
    })
    ws.on('message', (data) => {
      const frame = data.toString()
      if (done) onFrame(frame)
      else check(frame)
    })
  })
}

/** Runs `jobs` with at most `concurrency` at once. */
export async function inBatches<T>(jobs: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++
        out[i] = await jobs[i]()
      }
    }),
  )
  return out
}

/**
 * Sends `rate` messages per second for `ms`, spread evenly: message `seq` goes on conversation
 * seq mod n, from side (seq div n) mod 2, so each conversation alternates between its parties.
 * Progress is reported every 5 s.
 */
export async function drive(
  rec: Recorder,
  conversations: number,
  rate: number,
  ms: number,
  send: (seq: number, conversation: number, side: 0 | 1) => void,
  progress?: (elapsedS: number) => void,
): Promise<number> {
  const start = performance.now()
  const first = rec.sent
  let lastReport = start
  while (true) {
    const now = performance.now()
    if (now - start >= ms) break
    const due = Math.floor(((now - start) / 1000) * rate)
    while (rec.sent - first < due) {
      const seq = rec.sent++
      const conversation = seq % conversations
      const side = (Math.floor(seq / conversations) % 2) as 0 | 1
      rec.pending.set(seq, { at: performance.now(), side: side === 0 ? 1 : 0, recorded: rec.recording })
      send(seq, conversation, side)
    }
    if (progress && now - lastReport >= 5000) {
      lastReport = now
      progress((now - start) / 1000)
    }
    await new Promise((r) => setTimeout(r, 4))
  }
  return rec.sent - first
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
