import { readLiveServerFrame } from '../../../edge/contract/realtime-frames.ts'
import { LIVE_PATH } from '../../../edge/contract/realtime-values.ts'
import { createHeartbeat } from './live-heartbeat.ts'
import { createSocketSlot, type SocketLike } from './live-socket.ts'
import { createTopics, type TopicHandlers } from './live-topics.ts'
import { socketUrl } from './realtime-url.ts'
import { backoffDelay, createReauthPolicy } from './reconnect.ts'

export type { SocketLike } from './live-socket.ts'
export type { LiveEvent, TopicHandlers } from './live-topics.ts'

// The browser side of the JSON live channel (/realtime/v1/live): one socket per tab
// (live-socket.ts) shared by every subscriber (live-topics.ts), kept honest by a ping
// (live-heartbeat.ts), reconnected by the app's reconnect policy (reconnect.ts: backoff, a
// refreshed token after 4401), topics subscribed again after each reconnect (subscribers then
// catch up on what they missed), and the access token renewed in place with `auth`.

/** Where the tab's live socket stands. `signed-out`: no token to connect with. */
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'signed-out' | 'closed'

export interface LiveClientOptions {
  /** e.g. `wss://x.example/realtime/v1/live` (see liveUrl). */
  url: string
  /** The current access token; `refresh` after the server said the last one is no good (4401). */
  getToken: (refresh: boolean) => Promise<string | undefined>
  WebSocket?: new (url: string) => SocketLike
  /** First reconnect delay (ms); doubles up to maxDelay, with jitter. */
  minDelay?: number
  maxDelay?: number
  /** How often to ping an idle socket, and how long to wait for the pong before reconnecting. */
  pingInterval?: number
  pongTimeout?: number
  /** How long the socket stays open after the last subscriber left. */
  idleClose?: number
  random?: () => number
}

/** "https://x.example/" → "wss://x.example/realtime/v1/live". */
export const liveUrl = (baseUrl: string): string => socketUrl(baseUrl, LIVE_PATH)

/** A live channel client; see the module comment. */
export function createLiveClient(options: LiveClientOptions) {
  const minDelay = options.minDelay ?? 500
  const maxDelay = options.maxDelay ?? 15_000
  const idleClose = options.idleClose ?? 10_000

  const topics = createTopics()
  const reauth = createReauthPolicy()
  const socket = createSocketSlot({
    url: options.url,
    Socket: options.WebSocket ?? (globalThis.WebSocket as unknown as new (url: string) => SocketLike),
    getToken: (refresh) => options.getToken(refresh),
    onOpen: opened,
    onMessage: receive,
    onClose: closed,
  })
  const heartbeat = createHeartbeat({
    interval: options.pingInterval ?? 25_000,
    timeout: options.pongTimeout ?? 10_000,
    ping: () => socket.send({ type: 'ping' }),
    onDead: () => {
      if (drop()) scheduleReconnect()
    },
  })
  const statusListeners = new Set<(status: LiveStatus) => void>()
  let status: LiveStatus = 'idle'
  let attempt = 0
  let refreshNext = false
  let everOpened = false
  let stopped = false
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined
  let idleTimer: ReturnType<typeof setTimeout> | undefined

  function setStatus(next: LiveStatus) {
    if (next === status) return
    status = next
    for (const listener of statusListeners) listener(next)
  }

  function clearTimers() {
    clearTimeout(reconnectTimer)
    reconnectTimer = undefined
    heartbeat.stop()
  }

  /** Drops the current socket without reconnecting; true when there was one. */
  function drop(): boolean {
    clearTimers()
    topics.unconfirmAll()
    return socket.drop()
  }

  function scheduleReconnect() {
    if (stopped || !topics.wanted() || reconnectTimer) return
    setStatus('reconnecting')
    const delay = backoffDelay(attempt++, minDelay, maxDelay, options.random)
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined
      void connect()
    }, delay)
  }

  async function connect() {
    if (stopped || socket.exists() || !topics.wanted()) return
    setStatus(everOpened ? 'reconnecting' : 'connecting')
    const result = await socket.open(refreshNext)
    // Signed out: nothing to connect with until the session comes back (see restart()).
    if (result === 'no-token') setStatus('signed-out')
    if (result === 'opened') refreshNext = false
  }

  function opened() {
    everOpened = true
    attempt = 0
    setStatus('open')
    for (const topic of topics.toSubscribe()) socket.send({ type: 'subscribe', topic })
    heartbeat.start()
  }

  function closed(code: number) {
    clearTimers()
    topics.unconfirmAll()
    const verdict = reauth.afterClose(code)
    if (verdict === 'signed-out') return setStatus('signed-out')
    if (verdict === 'reauth') refreshNext = true
    if (stopped) return setStatus('closed')
    if (!topics.wanted()) return setStatus('idle')
    scheduleReconnect()
  }

  function receive(raw: unknown) {
    let parsed: unknown
    try {
      parsed = JSON.parse(String(raw))
    } catch {
      return
    }
    const message = readLiveServerFrame(parsed)
    if (!message) return
    heartbeat.alive()
    // A confirmed subscription means the server took our token.
    if (topics.receive(message)) reauth.accepted()
  }

  return {
    /** Where the socket stands now. */
    status: () => status,
    /** Calls `listener` on every status change; returns the function that stops it. */
    onStatus(listener: (status: LiveStatus) => void) {
      statusListeners.add(listener)
      return () => void statusListeners.delete(listener)
    },

    /** Listens to a topic (sharing one server subscription per topic); returns the unsubscribe. */
    subscribe(topic: string, handlers: TopicHandlers): () => void {
      clearTimeout(idleTimer)
      const { added, remove } = topics.add(topic, handlers)
      if (added === 'first' && socket.isOpen()) socket.send({ type: 'subscribe', topic })
      else if (added !== 'told' && !socket.exists() && !reconnectTimer && status !== 'signed-out')
        void connect()
      return () => {
        const gone = remove()
        if (!gone) return
        // Also when the subscribe is still in flight: the server handles a socket's frames in order.
        if (!gone.refused) socket.send({ type: 'unsubscribe', topic })
        if (topics.wanted()) return
        clearTimeout(idleTimer)
        idleTimer = setTimeout(() => {
          if (topics.wanted()) return
          drop()
          setStatus('idle')
        }, idleClose)
      }
    },

    /**
     * Sends an ephemeral event (typing) to the topic's other subscribers. False when it could not
     * be sent now (not connected, or not subscribed yet): such events are not worth queueing.
     */
    publish(topic: string, event: string, data?: unknown, to?: string): boolean {
      if (!topics.isSubscribed(topic)) return false
      return socket.send({ type: 'publish', topic, event, data, ...(to ? { to } : {}) })
    },

    /** Hands the open socket a refreshed access token, so it outlives the one it opened with. */
    auth: (token: string): boolean => socket.send({ type: 'auth', token }),

    /** Connects now if a connection is wanted and none is open (back online, signed in again). */
    reconnectNow() {
      if (stopped || socket.exists()) return
      clearTimeout(reconnectTimer)
      reconnectTimer = undefined
      attempt = 0
      void connect()
    },

    /** Closes the socket (the network went away); reconnectNow() or the backoff brings it back. */
    disconnect() {
      if (!socket.exists()) return
      drop()
      scheduleReconnect()
    },

    /** Starts over with a new token (another person signed in, or the same one came back). */
    restart() {
      drop()
      reauth.reset()
      attempt = 0
      refreshNext = false
      topics.forgetRefusals()
      if (topics.wanted()) void connect()
      else setStatus('idle')
    },

    /** Closes for good. */
    close() {
      stopped = true
      clearTimeout(idleTimer)
      drop()
      setStatus('closed')
    },
  }
}

export type LiveClient = ReturnType<typeof createLiveClient>
