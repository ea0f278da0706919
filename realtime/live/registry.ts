// This instance's live subscriptions, indexed three ways: by topic (delivery), by socket (a socket
// closing ends all of its own) and by user (the access re-check after a user's access changed).
import type { Connection } from '../core/connection.ts'
import type { TopicHandler } from './topics.ts'

/** One socket's subscription to one topic, with the access the database granted at subscribe. */
export interface Subscription {
  readonly conn: Connection
  readonly topic: string
  readonly handler: TopicHandler
  /**
   * e.g. `staff`, `requester`, `moderator`; events with an audience go to matching access only.
   * A re-check may change it (a staff member demoted to requester stops hearing internal notes).
   */
  access: string
  readonly userId: string
}

const EMPTY: ReadonlySet<Subscription> = new Set()

/** Adds `value` to the set under `key`, creating it. */
function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  let set = map.get(key)
  if (!set) {
    set = new Set()
    map.set(key, set)
  }
  set.add(value)
}

/** Removes `value` from the set under `key`, dropping the set once empty. */
function removeFrom<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  const set = map.get(key)
  set?.delete(value)
  if (set?.size === 0) map.delete(key)
}

export class SubscriptionRegistry {
  private byTopic = new Map<string, Set<Subscription>>()
  private byConn = new Map<Connection, Map<string, Subscription>>()
  private byUser = new Map<string, Set<Subscription>>()

  get(conn: Connection, topic: string): Subscription | undefined {
    return this.byConn.get(conn)?.get(topic)
  }

  /** Registers a subscription (the caller checked that the socket has none for its topic). */
  add(sub: Subscription) {
    addTo(this.byTopic, sub.topic, sub)
    addTo(this.byUser, sub.userId, sub)
    let mine = this.byConn.get(sub.conn)
    if (!mine) {
      mine = new Map()
      this.byConn.set(sub.conn, mine)
    }
    mine.set(sub.topic, sub)
  }

  /** Unregisters a subscription; false when it was not (or no longer) registered. */
  remove(sub: Subscription): boolean {
    const mine = this.byConn.get(sub.conn)
    if (mine?.get(sub.topic) !== sub) return false
    mine.delete(sub.topic)
    if (mine.size === 0) this.byConn.delete(sub.conn)
    removeFrom(this.byTopic, sub.topic, sub)
    removeFrom(this.byUser, sub.userId, sub)
    return true
  }

  hasTopic(topic: string): boolean {
    return this.byTopic.has(topic)
  }

  ofTopic(topic: string): ReadonlySet<Subscription> {
    return this.byTopic.get(topic) ?? EMPTY
  }

  ofConn(conn: Connection): Subscription[] {
    return [...(this.byConn.get(conn)?.values() ?? [])]
  }

  ofUser(userId: string): Subscription[] {
    return [...(this.byUser.get(userId) ?? EMPTY)]
  }

  /** True while the user has another subscription to the topic here. */
  userOn(topic: string, userId: string): boolean {
    for (const s of this.ofTopic(topic)) if (s.userId === userId) return true
    return false
  }

  all(): Subscription[] {
    return [...this.byConn.values()].flatMap((mine) => [...mine.values()])
  }

  /** Every socket with its topics (catch-up after the LISTEN came back). */
  sockets(): IterableIterator<[Connection, Map<string, Subscription>]> {
    return this.byConn.entries()
  }
}
