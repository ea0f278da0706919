import type { LiveErrorCode, LiveServerMessage } from '../../../edge/contract/realtime.ts'

// The live client's topics: who listens to what, which subscriptions the server confirmed on the
// current socket, and which it refused. One server subscription per topic, however many listeners.

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

interface TopicEntry {
  handlers: Set<TopicHandlers>
  /** Confirmed by the server on the current socket. */
  subscribed: boolean
  refused?: { code: LiveErrorCode; message: string }
}

/**
 * A listener just added: `told` (the topic is already confirmed or refused, and the listener hears
 * so in a microtask), `first` (nobody listened yet: subscribe on the server) or `more`.
 */
export type Added = 'told' | 'first' | 'more'

/** The topic registry of one live client; see the module comment. */
export function createTopics() {
  const topics = new Map<string, TopicEntry>()

  return {
    /** True while a topic has a listener and was not refused: a socket is wanted. */
    wanted: () => [...topics.values()].some((t) => t.handlers.size > 0 && !t.refused),
    /** Topics a fresh socket subscribes to. */
    toSubscribe: () =>
      [...topics.entries()].filter(([, e]) => !e.refused && e.handlers.size > 0).map(([topic]) => topic),
    /** True when the server confirmed the topic on the current socket. */
    isSubscribed: (topic: string) => !!topics.get(topic)?.subscribed,
    /** The socket went away: every subscription waits for a new confirmation. */
    unconfirmAll() {
      for (const entry of topics.values()) entry.subscribed = false
    },
    /** Starting over (a new sign-in): refused topics are asked again. */
    forgetRefusals() {
      for (const entry of topics.values()) entry.refused = undefined
    },

    /**
     * Adds a listener; `remove` takes it away again and answers, when it was the topic's last
     * listener, whether the server had refused the topic (else it must be unsubscribed there).
     */
    add(
      topic: string,
      handlers: TopicHandlers,
    ): { added: Added; remove: () => { refused: boolean } | undefined } {
      let entry = topics.get(topic)
      if (!entry) {
        entry = { handlers: new Set(), subscribed: false }
        topics.set(topic, entry)
      }
      const current = entry
      const first = current.handlers.size === 0
      current.handlers.add(handlers)
      const remove = () => {
        if (!current.handlers.delete(handlers) || current.handlers.size > 0) return undefined
        topics.delete(topic)
        return { refused: !!current.refused }
      }
      if (current.refused) {
        const { code, message } = current.refused
        queueMicrotask(() => current.handlers.has(handlers) && handlers.onRefused?.(code, message))
        return { added: 'told', remove }
      }
      if (current.subscribed) {
        queueMicrotask(() => current.handlers.has(handlers) && handlers.onSubscribed?.())
        return { added: 'told', remove }
      }
      return { added: first ? 'first' : 'more', remove }
    },

    /** Hands a server message to the topic's listeners; true when it confirmed a subscription. */
    receive(msg: LiveServerMessage): boolean {
      switch (msg.type) {
        case 'subscribed': {
          const entry = topics.get(msg.topic)
          if (!entry) return false
          entry.subscribed = true
          for (const h of [...entry.handlers]) h.onSubscribed?.()
          return true
        }
        case 'event': {
          const entry = topics.get(msg.topic)
          const event: LiveEvent = { topic: msg.topic, event: msg.event, data: msg.data, from: msg.from }
          for (const h of [...(entry?.handlers ?? [])]) h.onEvent(event)
          return false
        }
        case 'error': {
          if (!msg.topic || (msg.code !== 'forbidden' && msg.code !== 'unknown_topic')) return false
          const entry = topics.get(msg.topic)
          if (!entry) return false
          entry.refused = { code: msg.code, message: msg.message }
          for (const h of [...entry.handlers]) h.onRefused?.(msg.code, msg.message)
          return false
        }
        default:
          return false
      }
    },
  }
}
