import {
  LIVE_PATH,
  type LiveClientMessage,
  type LiveErrorCode,
  LiveServerMessage,
} from '../../../edge/contract/realtime.ts'
import { socketUrl } from './realtime-url.ts'

// The browser side of the JSON live channel (/realtime/v1/live): one socket per tab shared by every
// subscriber, reconnected with backoff, topics subscribed again after each reconnect (subscribers
// then catch up on what they missed), and the access token renewed in place with `auth`.

/** Where the tab's live socket stands. `signed-out`: no token to connect with. */
export type LiveStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'signed-out' | 'closed'

/** Something that happened on a subscribed topic. */
export interface LiveEvent {
  topic: string
  event: string
  data: unknown
  /** The sender's user id, for events published by a client (typing). */
  from?: string
}

/** What one subscriber of a topic wants to hear. */
export interface TopicHandlers {
  onEvent: (event: LiveEvent) => void
  /**
   * The server confirmed the subscription — the first time and after every reconnect. Events sent
   * while the socket was down are lost, so this is where a subscriber loads what it missed.
   */
  onSubscribed?: () => void
  /** The server refused the topic (`forbidden`, `unknown_topic`); it is not asked again. */
  onRefused?: (code: LiveErrorCode, message: string) => void
}

/** The part of the browser's WebSocket the client uses (the `ws` package's fits too, for tests). */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((event: unknown) => void) | null
  onmessage: ((event: { data: unknown }) => void) | null
  onclose: ((event: { code: number; reason: string }) => void) | null
  onerror: ((event: unknown) => void) | null
}

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

const OPEN = 1
/** Reconnects after 4401 (each with a refreshed token) before giving up until the next sign-in. */
const MAX_AUTH_FAILURES = 3

/** "https://x.example/" → "wss://x.example/realtime/v1/live". */
export const liveUrl = (baseUrl: string): string => socketUrl(baseUrl, LIVE_PATH)

/** The delay before reconnect attempt `attempt` (0-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, min: number, max: number, random = Math.random): number {
  const base = Math.min(max, min * 2 ** Math.min(attempt, 20))
  return Math.round(base * (0.5 + random() / 2))
}

interface TopicEntry {
  handlers: Set<TopicHandlers>
  /** Confirmed by the server on the current socket. */
  subscribed: boolean
  refused?: { code: LiveErrorCode; message: string }
}

/** A live channel client; see the module comment. */
export function createLiveClient(options: LiveClientOptions) {
  const Socket = options.WebSocket ?? (globalThis.WebSocket as unknown as new (url: string) => SocketLike)
  const minDelay = options.minDelay ?? 500
  const maxDelay = options.maxDelay ?? 15_000
  const pingInterval = options.pingInterval ?? 25_000
  const pongTimeout = options.pongTimeout ?? 10_000
  const idleClose = options.idleClose ?? 10_000

  const topics = new Map<string, TopicEntry>()
  const statusListeners = new Set<(status: LiveStatus) => void>()
  let status: LiveStatus = 'idle'
  let socket: SocketLike | undefined
  let attempt = 0
  let authFailures = 0
  let refreshNext = false
  let everOpened = false
  let stopped = false
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined
  let pingTimer: ReturnType<typeof setInterval> | undefined
  let pongTimer: ReturnType<typeof setTimeout> | undefined
  let idleTimer: ReturnType<typeof setTimeout> | undefined
  /** Bumped whenever a socket is dropped, so a token that arrives late opens nothing. */
  let generation = 0

  function setStatus(next: LiveStatus) {
    if (next === status) return
    status = next
    for (const listener of statusListeners) listener(next)
  }

  function send(message: LiveClientMessage): boolean {
    if (!socket || socket.readyState !== OPEN) return false
    socket.send(JSON.stringify(message))
    return true
  }

  const wanted = () => [...topics.values()].some((t) => t.handlers.size > 0 && !t.refused)

  function clearTimers() {
    clearTimeout(reconnectTimer)
    clearInterval(pingTimer)
    clearTimeout(pongTimer)
    reconnectTimer = pingTimer = pongTimer = undefined
  }

  /** Drops the current socket without reconnecting (the caller decides what comes next). */
  function drop() {
    generation++
    clearTimers()
    const old = socket
    socket = undefined
    for (const entry of topics.values()) entry.subscribed = false
    if (old) {
      old.onopen = old.onmessage = old.onerror = null
      old.onclose = null
      if (old.readyState <= OPEN) old.close(1000, 'client closed')
    }
  }

  function scheduleReconnect() {
    if (stopped || !wanted() || reconnectTimer) return
    setStatus('reconnecting')
    const delay = backoffDelay(attempt++, minDelay, maxDelay, options.random)
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined
      void connect()
    }, delay)
  }

  async function connect() {
    if (stopped || socket || !wanted()) return
    const mine = ++generation
    setStatus(everOpened ? 'reconnecting' : 'connecting')
    let token: string | undefined
    try {
      token = await options.getToken(refreshNext)
    } catch {
      token = undefined
    }
    if (mine !== generation || stopped || socket) return
    if (!token) {
      // Signed out: nothing to connect with until the session comes back (see restart()).
      setStatus('signed-out')
      return
    }
    refreshNext = false
    const ws = new Socket(`${options.url}?token=${encodeURIComponent(token)}`)
    socket = ws
    ws.onopen = () => {
      if (socket !== ws) return
      everOpened = true
      attempt = 0
      setStatus('open')
      for (const topic of topics.keys()) subscribeOnServer(topic)
      startPing()
    }
    ws.onmessage = (event) => socket === ws && receive(event.data)
    ws.onerror = () => {}
    ws.onclose = (event) => {
      if (socket !== ws) return
      socket = undefined
      clearTimers()
      for (const entry of topics.values()) entry.subscribed = false
      if (event.code === 4401) {
        if (++authFailures > MAX_AUTH_FAILURES) return setStatus('signed-out')
        refreshNext = true
      }
      if (stopped) return setStatus('closed')
      if (!wanted()) return setStatus('idle')
      scheduleReconnect()
    }
  }

  function subscribeOnServer(topic: string) {
    const entry = topics.get(topic)
    if (!entry || entry.refused || entry.handlers.size === 0) return
    send({ type: 'subscribe', topic })
  }

  function startPing() {
    clearInterval(pingTimer)
    pingTimer = setInterval(() => {
      if (!send({ type: 'ping' })) return
      clearTimeout(pongTimer)
      // A socket can look open long after the network went away; no pong means reconnect.
      pongTimer = setTimeout(() => {
        const dead = socket
        drop()
        if (dead) scheduleReconnect()
      }, pongTimeout)
    }, pingInterval)
  }

  function receive(raw: unknown) {
    let parsed: unknown
    try {
      parsed = JSON.parse(String(raw))
    } catch {
      return
    }
    const result = LiveServerMessage.safeParse(parsed)
    if (!result.success) return
    const msg = result.data
    clearTimeout(pongTimer)
    switch (msg.type) {
      case 'subscribed': {
        const entry = topics.get(msg.topic)
        if (!entry) return
        entry.subscribed = true
        authFailures = 0
        for (const h of [...entry.handlers]) h.onSubscribed?.()
        return
      }
      case 'event': {
        const entry = topics.get(msg.topic)
        const event: LiveEvent = { topic: msg.topic, event: msg.event, data: msg.data, from: msg.from }
        for (const h of [...(entry?.handlers ?? [])]) h.onEvent(event)
        return
      }
      case 'error': {
        if (!msg.topic || (msg.code !== 'forbidden' && msg.code !== 'unknown_topic')) return
        const entry = topics.get(msg.topic)
        if (!entry) return
        entry.refused = { code: msg.code, message: msg.message }
        for (const h of [...entry.handlers]) h.onRefused?.(msg.code, msg.message)
        return
      }
      default:
        return
    }
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
      let entry = topics.get(topic)
      if (!entry) {
        entry = { handlers: new Set(), subscribed: false }
        topics.set(topic, entry)
      }
      const first = entry.handlers.size === 0
      entry.handlers.add(handlers)
      const current = entry
      if (current.refused) {
        const { code, message } = current.refused
        queueMicrotask(() => current.handlers.has(handlers) && handlers.onRefused?.(code, message))
      } else if (current.subscribed) {
        queueMicrotask(() => current.handlers.has(handlers) && handlers.onSubscribed?.())
      } else if (first && socket?.readyState === OPEN) {
        subscribeOnServer(topic)
      } else if (!socket && !reconnectTimer && status !== 'signed-out') {
        void connect()
      }
      return () => {
        if (!current.handlers.delete(handlers) || current.handlers.size > 0) return
        topics.delete(topic)
        // Also when the subscribe is still in flight: the server handles a socket's frames in order.
        if (!current.refused) send({ type: 'unsubscribe', topic })
        if (!wanted()) {
          clearTimeout(idleTimer)
          idleTimer = setTimeout(() => {
            if (wanted()) return
            drop()
            setStatus('idle')
          }, idleClose)
        }
      }
    },

    /**
     * Sends an ephemeral event (typing) to the topic's other subscribers. False when it could not
     * be sent now (not connected, or not subscribed yet): such events are not worth queueing.
     */
    publish(topic: string, event: string, data?: unknown, to?: string): boolean {
      if (!topics.get(topic)?.subscribed) return false
      return send({ type: 'publish', topic, event, data, ...(to ? { to } : {}) })
    },

    /** Hands the open socket a refreshed access token, so it outlives the one it opened with. */
    auth(token: string): boolean {
      return send({ type: 'auth', token })
    },

    /** Connects now if a connection is wanted and none is open (back online, signed in again). */
    reconnectNow() {
      if (stopped || socket) return
      clearTimeout(reconnectTimer)
      reconnectTimer = undefined
      attempt = 0
      void connect()
    },

    /** Closes the socket (the network went away); reconnectNow() or the backoff brings it back. */
    disconnect() {
      if (!socket) return
      drop()
      scheduleReconnect()
    },

    /** Starts over with a new token (another person signed in, or the same one came back). */
    restart() {
      drop()
      authFailures = 0
      attempt = 0
      refreshNext = false
      for (const entry of topics.values()) entry.refused = undefined
      if (wanted()) void connect()
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
