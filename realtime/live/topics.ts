import type { Topic } from '../../edge/contract/realtime.ts'
import type { Connection } from '../core/connection.ts'
import type { LiveHub } from './hub.ts'
import type { Subscription } from './registry.ts'

/** Why a subscription ended; topic handlers react differently (no presence when a room ends). */
export type LeaveReason = 'unsubscribed' | 'disconnected' | 'removed' | 'ended' | 'revoked'

/**
 * A family of live topics (e.g. `ticket:<uuid>`). The live route asks each in turn whether it
 * `matches` a topic; `authorize` decides in the database, as the socket's user, and answers the
 * access the subscription holds (e.g. `staff`, `requester`, `moderator`) — events with an
 * `audience` go only to subscriptions with that access. The other hooks are optional.
 */
export interface TopicHandler {
  readonly name: string
  /** True for topics of this family with a well-formed id (others get `unknown_topic`). */
  matches(topic: Topic): boolean
  /** The access the user holds on the topic; throw TopicForbidden to refuse. */
  authorize(conn: Connection, topic: Topic): Promise<string>
  /**
   * Whether an access `public.live_access(topic)` answers still lets a subscription stay (the
   * re-check after an access change, and the periodic one).
   */
  allows(access: string): boolean
  /** After the `subscribed` reply: presence, rosters. */
  joined?(sub: Subscription, hub: LiveHub): void
  /** After a subscription ended; `last` when it was the user's last one on this topic here. */
  left?(sub: Subscription, hub: LiveHub, info: { last: boolean; reason: LeaveReason }): Promise<void> | void
  /**
   * Checks an event a client publishes and returns the data to relay; throw BadEvent to refuse.
   * Without this hook the topic accepts no client events.
   */
  accept?(sub: Subscription, event: string, data: unknown, to: string | undefined): unknown
  /** After an event from the database was delivered here (e.g. end the subscriptions of a removed user). */
  delivered?(topic: Topic, event: string, data: unknown, hub: LiveHub): void
  /** Stops timers (the server is closing). */
  close?(): Promise<void> | void
}

/** Thrown by a TopicHandler when the user may not subscribe; the client gets a `forbidden` error. */
export class TopicForbidden extends Error {}

/** Thrown by `accept` for an event the topic does not take; the client gets `bad_event`. */
export class BadEvent extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** The id of `<prefix>:<uuid>` (lowercase uuid only), or undefined. */
export function topicId(topic: string, prefix: string): string | undefined {
  if (!topic.startsWith(`${prefix}:`)) return undefined
  const id = topic.slice(prefix.length + 1)
  return UUID.test(id) ? id : undefined
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
