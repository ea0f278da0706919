// The client side of the Yjs benchmark: stock providers in this process — y-websocket's
// (disableBc) for ours and the baseline, Hocuspocus's own for Hocuspocus, one socket per client —
// each typing into its own paragraph of the lesson body. Every edit also stamps the sender's clock
// (performance.now(), one clock for all clients here) in a Y.Map, so each receiver measures how
// long the edit took to reach it: the propagation latency through the server.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** One client's connection to a server, whatever its provider. */
export interface BenchTransport {
  awareness: Awareness
  /** Resolves on the first sync. */
  synced: Promise<void>
  /** Calls `listener` each time the socket closes. */
  onClose(listener: () => void): void
  destroy(): void
}

/** Connects `doc` to the document `name` on the server at `serverUrl`. */
export type ClientFactory = (serverUrl: string, name: string, doc: Y.Doc, token: string) => BenchTransport

/** A stock y-websocket provider (ours and the baseline). */
export const yWebsocketClient: ClientFactory = (serverUrl, name, doc, token) => {
  const provider = new WebsocketProvider(serverUrl, name, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: 1000,
  })
  return {
    awareness: provider.awareness,
    synced: new Promise((resolve) => provider.once('sync', () => resolve())),
    onClose: (listener) => provider.on('connection-close', listener),
    destroy() {
      provider.destroy()
      provider.awareness.destroy() // the provider leaves its awareness timer running
    },
  }
}

/** Hocuspocus's own provider, with a websocket of its own (as many sockets as the others). */
export const hocuspocusClient: ClientFactory = (serverUrl, name, doc, token) => {
  const socket = new HocuspocusProviderWebsocket({
    url: serverUrl,
    WebSocketPolyfill: WebSocket,
    maxDelay: 1000,
  })
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token })
  provider.attach()
  return {
    awareness: provider.awareness!,
    synced: new Promise((resolve) => provider.on('synced', () => resolve())),
    onClose: (listener) => provider.on('close', listener),
    destroy() {
      provider.destroy() // and its awareness
      socket.destroy()
    },
  }
}

export interface BenchClient {
  doc: Y.Doc
  transport: BenchTransport
  text: Y.XmlText
  key: string
}

export interface Latencies {
  /** Milliseconds from an edit to its arrival at another client of the room. */
  samples: number[]
  recording: boolean
}

/** Opens one provider and waits for its first sync. */
async function connectOne(
  serverUrl: string,
  lessonId: string,
  token: string,
  key: string,
  latencies: Latencies,
  client: ClientFactory,
): Promise<BenchClient> {
  const doc = new Y.Doc()
  const transport = client(serverUrl, `lesson:${lessonId}`, doc, token)
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`client ${key} did not sync in 60 s`)), 60_000)
    void transport.synced.then(() => {
      clearTimeout(timer)
      resolve()
    })
  })
  const clock = doc.getMap<number>('bench-clock')
  clock.observe((event) => {
    if (!latencies.recording || event.transaction.local) return
    const now = performance.now()
    for (const k of event.keysChanged) {
      const sent = clock.get(k)
      if (typeof sent === 'number') latencies.samples.push(now - sent)
    }
  })
  const paragraph = new Y.XmlElement('paragraph')
  const text = new Y.XmlText(`${key}: `)
  paragraph.insert(0, [text])
  doc.getXmlFragment('content').push([paragraph])
  transport.awareness.setLocalStateField('user', { name: key, color: '#2563eb' })
  return { doc, transport, text, key }
}

/**
 * Connects clients number `from` to `to - 1` of each room (of `perRoom`) to each lesson,
 * `concurrency` connections at a time, adding them to `rooms`. Each client has its own user.
 * `client` makes the providers (y-websocket's by default).
 */
export async function connectRooms(
  serverUrl: string,
  lessons: string[],
  tokens: string[],
  perRoom: number,
  latencies: Latencies,
  rooms: BenchClient[][],
  from = 0,
  to = perRoom,
  client: ClientFactory = yWebsocketClient,
  concurrency = 50,
): Promise<void> {
  const jobs = lessons.flatMap((lessonId, r) =>
    Array.from({ length: to - from }, (_, k) => ({
      lessonId,
      r,
      c: from + k,
      token: tokens[(r * perRoom + from + k) % tokens.length],
    })),
  )
  for (let r = rooms.length; r < lessons.length; r++) rooms.push([])
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]
      rooms[job.r][job.c] = await connectOne(
        serverUrl,
        job.lessonId,
        job.token,
        `r${job.r}c${job.c}`,
        latencies,
        client,
      )
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

/** One keystroke-sized edit with the sender's clock in the same transaction. */
export function edit(client: BenchClient) {
  client.doc.transact(() => {
    const at = Math.floor(Math.random() * (client.text.length + 1))
    client.text.insert(at, 'abc'.charAt(Math.floor(Math.random() * 3)))
    client.doc.getMap<number>('bench-clock').set(client.key, performance.now())
  })
}

/** Sends `rate` edits per second in total, each by a random client, for `ms`; returns the count. */
export async function drive(clients: BenchClient[], rate: number, ms: number): Promise<number> {
  const start = performance.now()
  let sent = 0
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - start
      const due = Math.floor((Math.min(elapsed, ms) * rate) / 1000)
      for (; sent < due; sent++) edit(clients[Math.floor(Math.random() * clients.length)])
      if (elapsed >= ms) {
        clearInterval(timer)
        resolve()
      }
    }, 5)
  })
  return sent
}

/** Closes every client and waits until their sockets are gone. */
export async function disconnectAll(rooms: BenchClient[][]) {
  for (const c of rooms.flat()) {
    c.transport.destroy()
    c.doc.destroy()
  }
  await new Promise((r) => setTimeout(r, 500))
}

/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = Float64Array.from(samples).sort()
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}
